"""The fast readability gives what readability-lxml gives: the same cleaned text, the same article."""
import re
from pathlib import Path

import pytest
import readability
import readability.readability as upstream
from hypothesis import given, settings, strategies as st

from server import extract, readability_fast

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))
# whitespace of every kind readability's patterns care about, in runs long and short
PIECES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\x0b", " " * 40, "\n" * 3,
                          " \t \n\t ", " " * 254, " " * 255, "\n" + " " * 300, "word", "a", "é", "中文", "-"])
# links the cleaner's JavaScript pass rewrites: padded, script URLs in disguise, a data URL, event handlers
SCRIPTED_LINKS = """<!DOCTYPE html><html lang="en"><head><title>Ferry fares rise again</title></head><body><article>
<h1>Ferry fares rise again</h1>
<p onclick="track()">Fares on the island ferry rise by a fifth in May, <a href="  https://example.org/fares.pdf ">the
operator's tariff sheet</a> shows, the third rise in two years for the 4,000 people who cross each day.</p>
<p>Commuters can <a href="javascript:void(0)">compare the old fares</a> or <a href="java&#10;script:alert(1)">see the
timetable</a>, and the council <a href="data:text/html;base64,PHNjcmlwdD4=">published a statement</a> on Tuesday.</p>
<p>The operator said fuel costs doubled last winter.<sup><a href=" #fn1 " onmouseover="x()">1</a></sup> Passengers
groups called the rise <a href="vbscript:msgbox">unfair</a> and asked the harbour board to step in before May.</p>
<ol class="footnotes"><li id="fn1">Operator's annual report, 2025, page 12.</li></ol>
</article></body></html>"""


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join)))
def test_clean_matches_readability(text):
    assert readability_fast.clean(text) == upstream.clean(text)


@pytest.mark.parametrize("html", [p.read_text(encoding="utf-8") for p in PAGES] + [SCRIPTED_LINKS],
                         ids=[p.name for p in PAGES] + ["scripted-links"])
def test_extraction_is_the_same_with_stock_readability(html, monkeypatch):
    fast = extract.extract_html(html)
    monkeypatch.setattr(extract, "Document", readability.Document)
    assert extract.extract_html(html) == fast


def test_script_links_are_not_sources():
    article = extract.extract_html(SCRIPTED_LINKS)
    links = [i.href for b in article.blocks for i in b.inlines if i.type == "link"]
    assert links == ["https://example.org/fares.pdf"]
    assert [r.text for r in article.references] == ["Operator's annual report, 2025, page 12."]


def test_stock_readability_is_untouched():
    assert upstream.clean is not readability_fast.clean
    assert readability.Document is upstream.Document
    assert upstream.html_cleaner.javascript
    assert all(pattern.flags & re.IGNORECASE for pattern in upstream.REGEXES.values())
    assert readability_fast.Document.get_link_density.__globals__["text_length"] is readability_fast.text_length
    assert upstream.Document.get_link_density.__globals__["text_length"] is upstream.text_length
