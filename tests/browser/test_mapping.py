"""Loupe's highlighting scripts on their own, on generated pages: sentences split across inline elements,
typographic variants, decoys in scripts, form fields and hidden elements; then removal must give the page back
byte for byte."""
from __future__ import annotations

import html
import random

import pytest

from .conftest import CHROMIUM, add_loupe

pytestmark = pytest.mark.timeout(120)

WORDS = ("council harbour budget tram station mayor residents plan vote million report river bridge schools "
         "water clinic union strike court ruling minister police").split()
CUES = ["devastating", "slammed", "chaos", "heroic", "unprecedented"]
# how the page may spell a character that the report spells plainly (or the other way round)
VARIANTS = {"'": ["\u2019", "'"], '"': ["\u201c", "\u201d", '"'], "-": ["\u2013", "\u2014", "-"]}


def make_case(rng: random.Random):
    """A page and the report a server would give for it (sentences in report text, flags, cue spans)."""
    paragraphs, sentences, text = [], [], ""
    for p in range(rng.randint(2, 5)):
        if text:
            text += "\n\n"
        parts = []
        for s in range(rng.randint(1, 4)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(4, 14))]
            cue_at = rng.randrange(len(words)) if rng.random() < 0.5 else None
            if cue_at is not None:
                words[cue_at] = rng.choice(CUES)
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), rng.choice(["'quoted'", '"said"', "long-term", "don't"]))
            sentence = " ".join(words).capitalize() + "."
            if s:
                text += " "
            start = len(text)
            text += sentence
            flags = []
            if rng.random() < 0.6:
                flags.append({"kind": "uncited", "reason": "no source", "spans": [], "detail": []})
            if cue_at is not None:
                offset = start + sum(len(w) + 1 for w in words[:cue_at])
                span = {"start": offset, "end": offset + len(words[cue_at]), "text": words[cue_at]}
                flags.append({"kind": "emotive", "reason": "cue", "spans": [span],
                              "detail": [{"category": "loaded", "rule": "x", "reason": "loaded", "span": span,
                                          "in_quote": False, "speaker": None}]})
            sentences.append({"text": sentence, "start": start, "end": start + len(sentence), "block": p,
                              "kind": "body", "evidence": [], "flags": flags})
            parts.append(render(rng, sentence))
        paragraphs.append("<p>" + rng.choice(["", "  \n"]).join([" ".join(parts)]) + "</p>")
    decoys = ""
    first = sentences[0]["text"]
    decoys += f"<script>var s = {first!r};</script><p hidden>{html.escape(first)}</p>"
    decoys += f"<textarea>{html.escape(first)}</textarea><input value=\"{html.escape(first)}\">"
    decoys += f"<div style=\"display:none\">{html.escape(first)}</div>"
    page = ("<!doctype html><html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>" + decoys +
            "<article>" + "".join(paragraphs) + "</article><footer>Footer</footer></body></html>")
    return page, {"schema": 1, "text": text, "sentences": sentences, "blocks": [], "references": []}


def render(rng: random.Random, sentence: str) -> str:
    """The sentence as a page might mark it up: inline elements around words, soft hyphens, odd whitespace."""
    out = []
    for word in sentence.split(" "):
        word = "".join(rng.choice(VARIANTS[c]) if c in VARIANTS else c for c in word)
        if len(word) > 6 and rng.random() < 0.2:
            word = word[:3] + "\u00ad" + word[3:]
        piece = html.escape(word, quote=False)
        r = rng.random()
        if r < 0.12:
            piece = f"<a href='/w/{rng.randint(1, 99)}'>{piece}</a>"
        elif r < 0.2:
            piece = f"<em>{piece}</em>"
        elif r < 0.25:
            piece = f"<span class='x'><b>{piece}</b></span>"
        out.append(piece)
    glue = [" ", "  ", "\n", "\u00a0 ", " <!-- c --> "]
    return "".join(p + (rng.choice(glue) if i < len(out) - 1 else "") for i, p in enumerate(out))


@pytest.fixture(scope="module")
def plain_page(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
    yield browser.new_page()
    browser.close()


CHECK = """report => {
    const before = document.body.innerHTML;
    const result = Loupe.highlight(report, {panel: false});
    const text = {};
    for (const m of document.querySelectorAll('mark[data-loupe]')) {
        text[m.dataset.loupe] = (text[m.dataset.loupe] || '') + m.textContent;
        if (m.closest('script,textarea,[hidden]') || !m.checkVisibility()) result.bad = (result.bad || 0) + 1;
        if (m.querySelector('mark')) result.nested = true;
    }
    result.text = text;
    result.cues = [...document.querySelectorAll('mark.loupe-cue')].map(m => m.textContent);
    // a second run on the same page replaces the marks instead of adding to them
    const count = document.querySelectorAll('mark[data-loupe]').length;
    Loupe.highlight(report, {panel: false});
    result.rerunSame = document.querySelectorAll('mark[data-loupe]').length === count;
    Loupe.clear(document.body);
    result.restored = document.body.innerHTML === before;
    return result;
}"""


@pytest.mark.parametrize("seed", range(int(__import__("os").environ.get("LOUPE_MAPPING_CASES", "25"))))
def test_generated_pages_map_and_restore(plain_page, seed):
    rng = random.Random(seed)
    page_html, report = make_case(rng)
    plain_page.set_content(page_html)
    add_loupe(plain_page)
    result = plain_page.evaluate(CHECK, report)
    flagged = [i for i, s in enumerate(report["sentences"]) if s["flags"]]
    assert result["missing"] == [] and result["drawn"] == len(flagged)
    assert not result.get("bad") and not result.get("nested")
    normal = lambda s: plain_page.evaluate("s => Loupe.normalize(s).text", s)  # noqa: E731
    for i in flagged:
        assert normal(result["text"][str(i)]) == normal(report["sentences"][i]["text"])
    cues = [d["span"]["text"] for s in report["sentences"] for f in s["flags"] if f["kind"] == "emotive" for d in f["detail"]]
    assert sorted(normal(c) for c in cues) == sorted(normal(c) for c in result["cues"])
    assert result["rerunSame"]
    assert result["restored"]


def sentence_report(text: str, sentences: list[tuple[str, list[dict]]], evidence=None) -> dict:
    out, at = [], 0
    for i, (s, flags) in enumerate(sentences):
        start = text.index(s, at)
        out.append({"text": s, "start": start, "end": start + len(s), "block": 0, "kind": "body",
                    "evidence": (evidence or {}).get(i, []), "flags": flags})
        at = start + len(s)
    return {"schema": 1, "text": text, "sentences": out, "blocks": [], "references": []}


UNCITED = [{"kind": "uncited", "reason": "no source", "spans": [], "detail": []}]


def test_a_sentence_with_page_only_words_is_found_by_its_ends(plain_page):
    # the page puts an inline label inside the sentence that the server's text does not have
    plain_page.set_content("<p>The harbour board approved the new dredging contract worth nine million "
                           "<span class=ad>Advertisement</span> euros after a short debate on Tuesday.</p>")
    add_loupe(plain_page)
    text = "The harbour board approved the new dredging contract worth nine million euros after a short debate on Tuesday."
    result = plain_page.evaluate("r => Loupe.highlight(r, {panel: false})", sentence_report(text, [(text, UNCITED)]))
    assert result["drawn"] == 1
    marked = plain_page.eval_on_selector_all("mark[data-loupe]", "ms => ms.map(m => m.textContent).join('')")
    assert marked.startswith("The harbour board") and marked.endswith("on Tuesday.")


def test_report_text_is_never_markup(plain_page):
    """A hostile page can put anything in the report (cue words, source text): the tooltip shows it as text."""
    plain_page.set_content("<p>Officials praised the <a href='#n1'>brilliant</a> plan.<sup><a href='#n1'>[1]</a></sup></p>")
    add_loupe(plain_page)
    evil = "<img src=x onerror=\"document.title='pwned'\">"
    text = "Officials praised the brilliant plan.[1]"
    cue = {"start": 22, "end": 31, "text": "brilliant"}
    flags = [{"kind": "emotive", "reason": evil, "spans": [cue],
              "detail": [{"category": evil, "rule": "x", "reason": evil, "span": cue, "in_quote": True, "speaker": evil}]}]
    evidence = {0: [{"type": "marker", "cue": "[1]", "spans": [{"start": 37, "end": 40, "text": "[1]"}],
                     "source": {"id": "n1", "text": evil, "url": "javascript:alert(1)"}, "note": ""}]}
    plain_page.evaluate("r => Loupe.highlight(r)", sentence_report(text, [(text, flags)], evidence))
    plain_page.hover("mark.loupe-cue")
    plain_page.hover("mark.loupe-source")
    tooltip = plain_page.locator("#loupe-tooltip")
    assert evil in tooltip.inner_text()
    assert plain_page.locator("#loupe-tooltip img, #loupe-panel img").count() == 0
    assert plain_page.title() != "pwned"


PUBLIC = ["version", "normalize", "buildStream", "findSentence", "visibleFlags", "highlight", "clear", "step",
          "showMessage", "isActive", "CATEGORY_NAMES"]


def test_injected_twice_the_first_copy_stays(plain_page):
    """The worker injects the scripts on every click: a second copy leaves the first, and its drawing, alone."""
    plain_page.set_content("<p>The port board approved the new dredging contract on Tuesday.</p>")
    add_loupe(plain_page)
    text = "The port board approved the new dredging contract on Tuesday."
    plain_page.evaluate("r => { window.firstLoupe = Loupe; Loupe.highlight(r, {panel: false}); }",
                        sentence_report(text, [(text, UNCITED)]))
    add_loupe(plain_page)
    assert plain_page.evaluate("() => Loupe === window.firstLoupe && Loupe.isActive()")
    assert plain_page.evaluate("() => Object.keys(Loupe)") == PUBLIC
    assert plain_page.evaluate("() => Loupe.clear(document.body)") == 1
