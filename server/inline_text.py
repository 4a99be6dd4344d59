"""An element's text as the reader sees it: whitespace collapsed, hidden parts left out, its links and markers located."""
from __future__ import annotations

import re
from bisect import bisect_right

from .article import Inline
from .markup_links import annotation_ref, is_marker, link_href, marker_ref, text_markers

from .shared import SKIP_TAGS   # the extension skips the same elements (server/shared.json)
WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace collapsed and trimmed."""
    return WS.sub(" ", text).strip()


def tag_of(el) -> str:
    """The element's tag; "" for a comment or processing instruction."""
    return el.tag if isinstance(el.tag, str) else ""


def class_and_id(el) -> str:
    """The names a page gives an element, for tests on what it is for ("byline", "footnotes")."""
    return (el.get("class") or "") + " " + (el.get("id") or "")


def unseen(el) -> bool:
    """An element whose content the reader never sees as text: scripts, media, hidden elements."""
    if tag_of(el) in SKIP_TAGS:
        return True
    if not isinstance(el.tag, str):
        return False
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style


class InlineText:
    """Collects inline text with collapsed whitespace, recording where links and markers fall."""

    def __init__(self, base_url: str | None):
        self.parts: list[str] = []
        self.length = 0
        self.inlines: list[Inline] = []
        self.base_url = base_url
        self.breaks: list[int] = []     # offsets of <br>: lines that may be blocks of their own
        self.starts: list[int] = []     # where each part starts in the text

    @classmethod
    def of(cls, el, base_url: str | None) -> InlineText:
        """The text inside the element (not its tail)."""
        builder = cls(base_url)
        builder.walk_inner(el)
        return builder

    def add(self, text: str | None) -> None:
        if not text:
            return
        text = WS.sub(" ", text)
        if text.startswith(" ") and (self.length == 0 or self.parts[-1].endswith(" ")):
            text = text[1:]
        if text:
            self.parts.append(text)
            self.starts.append(self.length)
            self.length += len(text)

    def text_between(self, start: int, end: int) -> str:
        """The text collected from start to end, joining only the parts from start on (a paragraph with many links
        would otherwise be joined whole once per link)."""
        first = bisect_right(self.starts, start) - 1
        offset = self.starts[first]
        return "".join(self.parts[first:])[start - offset:end - offset]

    def walk(self, el) -> None:
        """The element's text, then its tail (which belongs to the parent's flow)."""
        self.walk_inner(el)
        self.add(el.tail)

    def walk_inner(self, el) -> None:
        if unseen(el):
            return
        tag = tag_of(el)
        if tag == "br":
            self.breaks.append(self.length)
            self.add(" ")
            return
        start = self.length
        self.add(el.text)
        for child in el:
            self.walk(child)
        end = self.length
        if tag in ("a", "sup") and end > start:
            self._record(el, tag, start, end)
        elif tag in ("span", "mark", "ins", "abbr") and end > start and annotation_ref(el):
            self.inlines.append(Inline("annotation", start, end, ref=annotation_ref(el)))

    def _record(self, el, tag: str, start: int, end: int) -> None:
        text = self.text_between(start, end)
        # trim whitespace captured at the edges of the element
        while start < end and text[0] == " ":
            start, text = start + 1, text[1:]
        while end > start and text[-1] == " ":
            end, text = end - 1, text[:-1]
        if end <= start:
            return
        href = el.get("href") if tag == "a" else None
        if tag == "sup" and href is None:
            inner = el.find(".//a")
            href = inner.get("href") if inner is not None else None
        if is_marker(tag, text, href):
            # a sup and its inner link describe one marker: keep one
            self.inlines = [i for i in self.inlines if not (i.type == "marker" and start <= i.start and i.end <= end)]
            self.inlines.append(Inline("marker", start, end, href=href, ref=marker_ref(text, href)))
        elif tag == "a" and (target := link_href(href, self.base_url)) is not None:
            self.inlines.append(Inline("link", start, end, href=target))

    def result(self) -> tuple[str, list[Inline]]:
        text = "".join(self.parts)
        stripped = text.rstrip()
        self.breaks = [b for b in self.breaks if b < len(stripped)]
        inlines = [i for i in self.inlines if i.end <= len(stripped)]
        inlines += [m for m in text_markers(stripped) if not any(i.start < m.end and m.start < i.end for i in inlines)]
        return stripped, sorted(inlines, key=lambda i: i.start)
