"""What extraction gives the rest of Loupe: an `Article` of blocks, the links and markers inside them, its references."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Inline:
    """A link, reference marker or site annotation inside a block: [start, end) into the block's text."""
    type: str                  # "link" | "marker" | "annotation"
    start: int
    end: int
    href: str | None = None
    ref: str | None = None     # marker target: an element id or a reference number


def inlines_within(inlines: list[Inline], start: int, end: int) -> list[Inline]:
    """The inlines that lie wholly in text[start:end], with offsets into that piece."""
    return [Inline(i.type, i.start - start, i.end - start, i.href, i.ref)
            for i in inlines if start <= i.start and i.end <= end]


@dataclass
class ExtractedBlock:
    kind: str
    text: str
    level: int = 0
    inlines: list[Inline] = field(default_factory=list)


@dataclass
class Reference:
    id: str                    # the anchor id markers point to, or the number
    number: str | None
    text: str
    url: str | None = None


def reference_block(text: str, number: str | None = None) -> ExtractedBlock:
    """A reference entry as the reader sees it in the article: a block of its own, never flagged."""
    return ExtractedBlock("reference", f"{number}. {text}" if number else text, 0, [])


@dataclass
class Article:
    title: str
    blocks: list[ExtractedBlock]
    references: list[Reference]
    lang: str | None = None
    url: str | None = None     # the address given, else the page's canonical address
