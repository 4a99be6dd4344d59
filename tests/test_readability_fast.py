"""The fast readability gives exactly what readability-lxml gives: the same cleaned text, the same summaries."""
from pathlib import Path

import readability
import readability.readability as upstream
from hypothesis import given, settings, strategies as st

from server import readability_fast

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))
# whitespace of every kind readability's patterns care about, in runs long and short
PIECES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\x0b", " " * 40, "\n" * 3,
                          " \t \n\t ", " " * 254, " " * 255, "\n" + " " * 300, "word", "a", "é", "中文", "-"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join)))
def test_clean_matches_readability(text):
    assert readability_fast.clean(text) == upstream.clean(text)


def test_summaries_match_readability():
    assert PAGES
    for page in PAGES:
        html = page.read_text(encoding="utf-8")
        expected = readability.Document(html).summary(html_partial=True)
        assert readability_fast.Document(html).summary(html_partial=True) == expected, page.name


def test_stock_readability_is_untouched():
    assert upstream.clean is not readability_fast.clean
    assert readability.Document is upstream.Document
    assert readability_fast.Document.get_link_density.__globals__["text_length"] is readability_fast.text_length
    assert upstream.Document.get_link_density.__globals__["text_length"] is upstream.text_length
