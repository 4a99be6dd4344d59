"""Property-based tests: whatever text or HTML arrives, the stages never raise anything but a clear
AnalysisError/NoArticle, and every span points at exactly the text it claims, in order."""
from hypothesis import HealthCheck, given, settings, strategies as st

from server import extract
from server.pipeline import AnalysisError, analyze
from server.segment import sentence_spans

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(["The", "council", "voted", "heroic", "said", "[1]", "3.5%", "Mr.", "U.S.", "“quote”",
                         "\"", "!", "?", "according to", "police", "…", "—", "\u00ad", "\u200b", "<b>", "&amp;",
                         "2019.", "e.g.", "slaughter", "so-called", "\n\n", "\t", "1.", "Sources:", "é", "中文"])
PROSE = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))
TAGS = st.sampled_from(["p", "div", "a", "sup", "h1", "h2", "li", "ol", "ul", "blockquote", "span", "script",
                        "style", "article", "figcaption", "nav", "table", "td", "br", "em"])


@st.composite
def html_pages(draw):
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        attrs = draw(st.sampled_from(["", ' href="#fn1"', ' href="https://example.org/report"', ' id="fn1"',
                                      ' class="byline"', ' hidden', ' style="display:none"', ' href="/tag/x"']))
        closing = draw(st.booleans())
        parts.append(f"<{tag}{attrs}>{draw(PROSE)}" + (f"</{tag}>" if closing else ""))
    return draw(st.sampled_from(["", "<html><body>", "<!doctype html><html lang='en'><body><article>"])) + "".join(parts)


def check_report(report):
    previous_end = 0
    for s in report.sentences:
        assert report.text[s.start:s.end] == s.text
        assert s.start >= previous_end
        previous_end = s.end
        for flag in s.flags:
            assert flag.reason
            for span in flag.spans:
                assert report.text[span.start:span.end] == span.text
        for evidence in s.evidence:
            for span in evidence.spans:
                assert report.text[span.start:span.end] == span.text


@SETTINGS
@given(PROSE)
def test_segmenter_spans_cover_real_sentences_in_order(text):
    spans = sentence_spans(text)
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text)
        assert text[a:b].strip()
        previous_end = b


@SETTINGS
@given(html_pages())
def test_extractor_gives_blocks_or_a_clear_no_article(html):
    try:
        article = extract.extract_html(html)
    except extract.NoArticle:
        return
    assert article.blocks
    for block in article.blocks:
        assert block.text == block.text.strip() and block.text
        for inline in block.inlines:
            assert 0 <= inline.start < inline.end <= len(block.text)


@SETTINGS
@given(PROSE)
def test_pipeline_on_any_text(text):
    try:
        report = analyze(text=text)
    except AnalysisError as exc:
        assert exc.message and exc.status in (400, 422)
        return
    check_report(report)


@SETTINGS
@given(html_pages())
def test_pipeline_on_any_html(html):
    try:
        report = analyze(html=html, url="https://news.example.com/story")
    except AnalysisError as exc:
        assert exc.message and exc.status in (400, 422)
        return
    check_report(report)
