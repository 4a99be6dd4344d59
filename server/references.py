"""The sources markers point to: reference lists in the article, footnotes readability left out, plain text's list."""
from __future__ import annotations

import re

from .article import ExtractedBlock, Reference, reference_block
from .inline_text import InlineText, class_and_id, squash
from .markup_links import MARKER_TEXT, URL_IN_TEXT, marker_number, source_link

REFERENCE_HEADING = re.compile(r"^\s*(references?|sources?|notes|footnotes|bibliography|citations|works cited)\s*:?\s*$", re.I)
REFERENCE_CLASS = re.compile(r"reference|footnote|endnote|citation|bibliograph", re.I)
TEXT_REFERENCE_LINE = re.compile(r"^\s*\[?(\d{1,3})[.\])]\s+(\S.*)$")
TRAILING_BACKLINK = re.compile(r"\s*(?:↩︎?|↑|\^|\[?\s*back\s*\]?)\s*$", re.I)
BACKLINK = re.compile(r"^\s*(?:\^|↑|↩|\[?\s*back\s*\]?)(?:\s*[a-z]\b)*\s*", re.I)
# the class and id names readability drops an element for, among them "footnote"
UNLIKELY = re.compile(r"foot|footnote|comment|meta|related|tool|widget|promo|sponsor|tags|media", re.I)


# ---------------------------------------------------------------- HTML

def fragment_targets(root) -> set[str]:
    """The ids the article's own #links point to."""
    return {a.get("href")[1:] for a in root.iter("a") if (a.get("href") or "").startswith("#")}


def is_reference_list(el, previous_heading: str, linked_ids: set[str]) -> bool:
    """A list under a "References" heading, with a class that says so, or whose items the article's links point to."""
    if el.tag not in ("ol", "ul"):
        return False
    items = [li for li in el if li.tag == "li"]
    if not items:
        return False
    if REFERENCE_HEADING.match(previous_heading or ""):
        return True
    if REFERENCE_CLASS.search(class_and_id(el)):
        return True
    ids = {li.get("id") for li in items if li.get("id")}
    return bool(ids) and len(ids & linked_ids) >= max(1, len(items) // 2)


def read_reference_list(el, url: str | None) -> tuple[list[Reference], list[ExtractedBlock]]:
    """The entries of a reference list, numbered as the list numbers them, and the blocks that show them."""
    references, blocks = [], []
    start = (el.get("start") or "").strip()
    first = int(start) if start.isascii() and start.isdigit() and len(start) <= 6 else 1   # not "²" or a million digits
    for number, li in enumerate((c for c in el if c.tag == "li"), start=first):
        text, inlines = InlineText.of(li, url).result()
        if not text:
            continue
        number_text = li.get("value") or str(number)
        references.append(Reference(li.get("id") or number_text, number_text, text, source_link(inlines, url)))
        blocks.append(reference_block(text, number_text if el.tag == "ol" else None))
    return references, blocks


def protect_markers(root_doc) -> None:
    """Readability drops any element whose class says "footnote" — including the inline marker that points to
    one (<a class="footnote-ref" href="#fn3">). Rename such classes on inline markers so the marker survives."""
    for el in root_doc.iter("a", "sup"):
        if not UNLIKELY.search(class_and_id(el)):
            continue
        href = el.get("href") or (el.find(".//a").get("href") if el.find(".//a") is not None else "")
        text = el.text_content().strip()
        if (href or "").startswith("#") and MARKER_TEXT.match(text):
            el.set("class", "loupe-note-ref")
            if el.get("id") and UNLIKELY.search(el.get("id")):
                el.set("data-loupe-id", el.attrib.pop("id"))


def footnote_targets(root_doc, blocks: list[ExtractedBlock], known: list[Reference], url: str | None) -> list[Reference]:
    """Markers whose target readability left out (a reference list outside the article body): resolve each
    #id against the whole page, so the report can still show the source's text and link."""
    have = {r.id for r in known}
    out = []
    by_id = None   # id → its first attribute node, as get_element_by_id() finds it: one pass, not one per marker
    for block in blocks:
        for inline in block.inlines:
            target = inline.href[1:] if inline.type == "marker" and (inline.href or "").startswith("#") else None
            if not target or target in have:
                continue
            have.add(target)
            if by_id is None:
                by_id = {}
                for value in root_doc.xpath("//@id"):
                    by_id.setdefault(str(value), value)
            if target not in by_id:
                continue
            el = by_id[target].getparent()
            if el.tag not in ("li", "p", "div", "dd", "aside", "section", "span", "cite"):
                el = next((a for a in el.iterancestors() if a.tag in ("li", "p", "div", "dd")), el)
            text, inlines = InlineText.of(el, url).result()
            text = TRAILING_BACKLINK.sub("", BACKLINK.sub("", text)).strip()
            if not text:
                continue
            number = marker_number(block.text[inline.start:inline.end])
            out.append(Reference(target, number, text, source_link(inlines, url)))
    return out


# ---------------------------------------------------------------- plain text

def split_text_references(raw_blocks: list[str]) -> list[str]:
    """Takes the reference list off the end of plain text's blocks, in place: the trailing blocks whose lines are
    all numbered entries, and the "References" heading over them. Returns the entries' lines."""
    entries: list[str] = []
    while raw_blocks:
        lines = [l for l in raw_blocks[-1].split("\n") if l.strip()]
        if lines and all(TEXT_REFERENCE_LINE.match(l) for l in lines):
            entries[:0] = lines
            raw_blocks.pop()
        elif len(lines) > 1 and REFERENCE_HEADING.match(lines[0]) and all(TEXT_REFERENCE_LINE.match(l) for l in lines[1:]):
            entries[:0] = lines[1:]        # "References" with its entries right under it
            raw_blocks.pop()
            return entries
        else:
            break
    if entries and raw_blocks and REFERENCE_HEADING.match(raw_blocks[-1]):
        raw_blocks.pop()
    return entries


def text_references(lines: list[str]) -> tuple[list[Reference], list[ExtractedBlock]]:
    """Plain text's reference entries ("1. Coast News, 4 March"), and the blocks that show them."""
    references, blocks = [], []
    for line in lines:
        m = TEXT_REFERENCE_LINE.match(line)   # split_text_references took only lines that match
        entry = squash(m.group(2))
        url = URL_IN_TEXT.search(entry)
        references.append(Reference(m.group(1), m.group(1), entry, url.group(0) if url else None))
        blocks.append(reference_block(squash(line)))
    return references, blocks
