"""Limits on what a page may ask of the analysis, checked before any parsing: a hostile or broken page gets
a clear refusal instead of tying up a worker."""
from __future__ import annotations

import re
from itertools import accumulate

MAX_ELEMENTS = 150_000       # a long real news page has a few thousand; 150k is a generated or hostile page
MAX_ARTICLE_CHARS = 300_000  # about 50,000 words: past that the page is a book, and the rest is not analysed
MAX_DEPTH = 500              # real pages nest a few dozen deep; the parser silently cuts far deeper trees

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# the containers that deepen a tree; void elements, ones whose end tag is often left out, and made-up tags
# inside scripts and templates would make the count meaningless
NESTING = frozenset(n for name in "div span section article main nav header footer aside figure blockquote ul ol dl "
                    "table form a b i em strong font u small center".split() for n in (name, name.upper()))


# the same tags as TAG, nesting ones only: the name must end where TAG's would ([a-zA-Z0-9]* is greedy)
NESTING_TAG = re.compile(r"<(/?)(?:" + "|".join(sorted(NESTING)) + r")(?![a-zA-Z0-9])")


TIMEOUT_MESSAGE = "The page took too long to analyse; Loupe gave up on it. Try a smaller page."


class TooComplex(ValueError):
    """The page is bigger or deeper than Loupe analyses; the message says which."""


def check_html(html: str) -> None:
    # every element opens with "<": a page with no more of them than the limit needs no closer count
    if html.count("<") > MAX_ELEMENTS and sum(not closing for closing, _ in TAG.findall(html)) > MAX_ELEMENTS:
        raise TooComplex(f"the page has more than {MAX_ELEMENTS:,} elements")
    depths = accumulate((-1 if closing else 1 for closing in NESTING_TAG.findall(html)), initial=0)
    if max(depths) > MAX_DEPTH:
        raise TooComplex(f"the page nests elements more than {MAX_DEPTH} deep")
