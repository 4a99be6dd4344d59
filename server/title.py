"""The article's title and headline: readability's short title, worked out without its CSS selectors, and which
block the reader sees as the headline."""
from __future__ import annotations

import re

import lxml.etree
from readability.htmls import TITLE_CSS_HEURISTICS, add_match, norm_title

from .article import ExtractedBlock
from .inline_text import squash

# readability's title heuristics ("#title", ".heading", ...) as sets: its shorten_title() compiles and runs ten CSS
# selectors over the whole page, which cost more than the rest of the title work together
TITLE_IDS = {s[1:] for s in TITLE_CSS_HEURISTICS if s.startswith("#")}
TITLE_CLASSES = {s[1:] for s in TITLE_CSS_HEURISTICS if s.startswith(".")}
XML_SPACE = re.compile(r"[ \t\r\n]+")   # how XPath's normalize-space() splits a class attribute
# the id and class attributes that may select an element, found by one XPath query over the attributes (faster
# than a Python object per element); the class attributes found then get the exact test, so the query needs only
# the class names that contain no other ("head" stands for "heading" and "small_header_red" too)
TITLE_CLASS_STEMS = sorted(c for c in TITLE_CLASSES if not any(o != c and o in c for o in TITLE_CLASSES))
TITLE_ATTRIBUTES = lxml.etree.XPath(
    "//@id[" + " or ".join(f". = '{i}'" for i in sorted(TITLE_IDS)) + "] | "
    "//@class[" + " or ".join(f"contains(., '{c}')" for c in TITLE_CLASS_STEMS) + "]")
CJK = re.compile("[\u4e00-\u9fff]+")


def short_title(doc) -> str:
    """readability.htmls.shorten_title(doc) as in readability-lxml 0.9, the same result without its CSS selectors."""
    title = doc.find(".//title")
    if title is None or title.text is None or len(title.text) == 0:
        return ""
    title = orig = norm_title(title.text)
    candidates = set()
    heuristic = [a.getparent() for a in TITLE_ATTRIBUTES(doc)   # what the CSS selectors would select
                 if a.attrname == "id" or not TITLE_CLASSES.isdisjoint(XML_SPACE.split(a))]
    for e in [*doc.iter("h1", "h2", "h3"), *heuristic]:   # one walk for the three (the order does not matter)
        if e.text:
            add_match(candidates, e.text, orig)
        if e.text_content():
            add_match(candidates, e.text_content(), orig)
    if candidates:
        title = max(candidates, key=lambda c: (len(c), c))   # readability takes any longest: take the same one every time
    else:
        for delimiter in [" | ", " - ", " :: ", " / "]:
            if delimiter in title:
                parts = orig.split(delimiter)
                p0 = parts[0]
                pl = parts[-1]
                if (len(p0.split()) >= 4) or (len(p0) >= 4 and CJK.search(p0)):
                    title = p0
                    break
                elif (len(pl.split()) >= 4) or (len(pl) >= 4 and CJK.search(pl)):
                    title = pl
                    break
        else:
            if ": " in title:
                p1 = orig.split(": ")[-1]
                if (len(p1.split()) >= 4) or (len(p1) >= 4 and CJK.search(p1)):
                    title = p1
                else:
                    title = orig.split(": ", 1)[1]
    if CJK.search(title):
        if not (4 <= len(title) < 100):
            return orig
    elif not 15 < len(title) < 150:
        return orig
    return title


def _norm(text: str) -> str:
    return squash(text).lower()


def page_headline(root_doc, title: str) -> str | None:
    """The page's <h1> that gives the title (or its start), wherever it stands on the page."""
    for h1 in root_doc.iter("h1"):
        text = squash(h1.text_content())
        if text and title and (_norm(text) == _norm(title) or _norm(title).startswith(_norm(text))):
            return text
    return None


def mark_headline(blocks: list[ExtractedBlock], title: str) -> None:
    """The first heading that matches the page title (or the first h1) is the headline."""
    for block in blocks[:6]:
        if block.kind == "heading" and (_norm(block.text) == _norm(title) or block.level == 1):
            block.kind = "headline"
            return
