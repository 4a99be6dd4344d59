"""Article extraction: readability-lxml → ordered blocks with their inline links and reference markers.

HTML and plain text both come out as an `Article` (article.py): a title, blocks (heading, paragraph, list item,
quote, furniture, reference) whose text has its whitespace collapsed, and the reference list parsed into sources.
Here: the walk over readability's article and what kind each block is. Elsewhere: an element's text (inline_text.py),
what a link or marker is (links.py), reference lists and footnotes (references.py), title and headline (title.py).
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .article import Article, ExtractedBlock, Inline, Reference, inlines_within, reference_block
from .inline_text import InlineText, class_and_id, squash, tag_of, unseen
from .markup_links import link_only, page_address, text_links, text_markers
from .readability_fast import Document
from .references import (footnote_targets, fragment_targets, is_reference_list, protect_markers,
                         read_reference_list, split_text_references, text_references)
from .title import mark_headline, page_headline, short_title

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "caption",
              "pre", "dd", "dt", "td", "th", "div", "section", "article", "ul", "ol", "dl", "table",
              "tbody", "thead", "tr", "figure", "header", "footer", "aside", "main", "nav", "address",
              "details", "summary", "hr", "form", "fieldset"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
FURNITURE_HINT = re.compile(
    r"byline|author|dateline|date|time|caption|credit|share|social|newsletter|signup|sign-up|related|"
    r"promo|subscribe|tags?\b|breadcrumb|meta|advert|sponsor|comment", re.I)
NUMBERED_LINE = re.compile(r"^\s*(\d{1,3}[.)]|[-•*·▪–])\s+\S")
BYLINE_TEXT = re.compile(r"^(?:by\s+\S|photo:|image:|updated\b|published\b|posted\b|©|copyright\b)", re.I)
MIN_ARTICLE_WORDS = 12           # fewer words of prose than this is navigation, not an article


class NoArticle(ValueError):
    """The page has no readable article text."""


# ---------------------------------------------------------------- HTML

def extract_html(html: str, url: str | None = None) -> Article:
    lang = None
    page_url = url
    root_doc = None
    try:
        root_doc = lxml.html.document_fromstring(html)
        lang = (root_doc.get("lang") or "").strip().lower() or None
        page_url = url or page_address(root_doc)
    except (lxml.etree.ParserError, ValueError):
        pass
    source = html
    if root_doc is not None:
        protect_markers(root_doc)
        # the tree parsed once serves readability too (it cleans a copy): parsing is most of extraction's cost
        source = root_doc
    # no url for readability: it would make "#fn-1" absolute, and footnote links would no longer find their notes
    doc = Document(source)
    try:
        summary = doc.summary(html_partial=True)
        # readability's short_title() parses and cleans the whole page again just to read <title>
        title = (short_title(root_doc) if root_doc is not None else doc.short_title() or "").strip()
    except Exception as exc:  # readability raises on pages it cannot parse at all
        raise NoArticle("the page could not be parsed as an article") from exc
    url = page_url
    try:
        root = lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
    except (AssertionError, lxml.etree.ParserError, ValueError):   # lxml asserts on a summary with no body
        root = None
    if root is None:
        raise NoArticle("the page has no article text")

    walk = _BlockWalk(url, fragment_targets(root))
    walk.visit(root)
    blocks = [b for b in walk.blocks if b.text.strip()]
    references = walk.references
    if root_doc is not None:
        found = footnote_targets(root_doc, blocks, references, url)
        references += found
        # the entries are part of the page the reader sees: report them, as references (never flagged)
        blocks += [reference_block(r.text, r.number) for r in found]
    mark_headline(blocks, title)
    if root_doc is not None and not any(b.kind == "headline" for b in blocks):
        headline = page_headline(root_doc, title)
        if headline:   # readability left the article's <h1> out: it is still the headline the reader sees
            blocks.insert(0, ExtractedBlock("headline", headline, 1, []))
    prose_words = sum(len(b.text.split()) for b in blocks if b.kind in ("paragraph", "list_item", "quote"))
    if prose_words < MIN_ARTICLE_WORDS:
        raise NoArticle("the page has no article text" if not prose_words else "the page has too little prose to be an article")
    return Article(title or (blocks[0].text if blocks else ""), blocks, references, lang, url)


class _BlockWalk:
    """Readability's article, element by element, into blocks and the references its own lists give."""

    def __init__(self, url: str | None, linked_ids: set[str]):
        self.url = url
        self.linked_ids = linked_ids   # the ids the article's #links point to: a list of them is a reference list
        self.blocks: list[ExtractedBlock] = []
        self.references: list[Reference] = []
        self.heading = ""              # the last heading: "References" makes the list under it a reference list

    def visit(self, el) -> None:
        if unseen(el):
            return
        tag = tag_of(el)
        if is_reference_list(el, self.heading, self.linked_ids):
            references, blocks = read_reference_list(el, self.url)
            self.references += references
            self.blocks += blocks
            return
        if tag in BLOCK_TAGS and not _has_block_child(el) or tag in HEADING_TAGS or tag == "p":
            kind, level = _kind_of(el)
            self.emit(kind, level, InlineText.of(el, self.url))
            return
        # a container: loose inline runs between its block children form paragraphs of their own
        builder = InlineText(self.url)
        builder.add(el.text)
        for child in el:
            if tag_of(child) in BLOCK_TAGS:
                self.emit("paragraph", 0, builder)
                builder = InlineText(self.url)
                self.visit(child)
                builder.add(child.tail)
            else:
                builder.walk(child)
        self.emit("paragraph", 0, builder)

    def emit(self, kind: str, level: int, builder: InlineText) -> None:
        text, inlines = builder.result()
        if not text:
            return
        if kind == "heading" and _is_sentence(text):
            kind, level = "paragraph", 0   # a deck or standfirst set as a heading is prose
        if kind in ("paragraph", "list_item") and link_only(text, inlines):
            kind = "furniture"   # a paragraph that is one short link: a related story, a graphic, "read more"
        lines = split_lines(text, inlines, builder.breaks) if kind in ("paragraph", "list_item", "quote") else [(text, inlines)]
        for n, (line, line_inlines) in enumerate(lines):
            line_kind = "list_item" if n and len(lines) > 1 and NUMBERED_LINE.match(line) else kind
            self.blocks.append(ExtractedBlock(line_kind, line, level, line_inlines))
        if kind == "heading":
            self.heading = text


def _has_block_child(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants())


def _kind_of(el) -> tuple[str, int]:
    tag = el.tag
    if tag in HEADING_TAGS:
        return "heading", int(tag[1])
    if tag in ("figcaption", "caption"):
        return "furniture", 0
    if FURNITURE_HINT.search(class_and_id(el)) or _wrapped_furniture(el):
        return "furniture", 0
    if tag == "li" or tag in ("dd", "dt"):
        return "list_item", 0
    if tag == "blockquote" or any(a.tag == "blockquote" for a in el.iterancestors()):
        return "quote", 0
    return "paragraph", 0


def _wrapped_furniture(el) -> bool:
    """<p><span class="caption">…</span></p>: all of the block's text sits in one element marked as furniture."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or (el.text or "").strip():
        return False
    child = children[0]
    return not (child.tail or "").strip() and bool(FURNITURE_HINT.search(class_and_id(child)))


def _is_sentence(text: str) -> bool:
    """A heading that reads as a full sentence: ends with a period and is long."""
    return text.rstrip().endswith(".") and len(text.split()) >= 12


def split_lines(text: str, inlines: list[Inline], breaks: list[int]) -> list[tuple[str, list[Inline]]]:
    """A block whose <br> lines form a list (numbered or bulleted lines) becomes one block per line, so
    "as follows:<br>1. Finland<br>2. Norway" is not read as one long sentence."""
    cuts = sorted({b for b in breaks if 0 < b < len(text)})
    if not cuts:
        return [(text, inlines)]
    pieces, a = [], 0
    for b in cuts + [len(text)]:
        pieces.append((a, b))
        a = b
    lines = [text[a:b] for a, b in pieces]
    listy = sum(bool(NUMBERED_LINE.match(l)) for l in lines[1:])
    if listy < max(2, (len(lines) - 1) // 2):
        return [(text, inlines)]
    out = []
    for a, b in pieces:
        raw = text[a:b]
        lead = len(raw) - len(raw.lstrip())
        piece = raw.strip()
        if not piece:
            continue
        start = a + lead
        out.append((piece, inlines_within(inlines, start, start + len(piece))))
    return out


# ---------------------------------------------------------------- plain text

def extract_text(text: str) -> Article:
    """Plain text: blank lines separate blocks; a short first line without final punctuation is the
    headline; a numbered list at the end is the reference list; `[n]` in the text are markers."""
    raw_blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    reference_lines = split_text_references(raw_blocks)
    blocks: list[ExtractedBlock] = []
    for i, raw in enumerate(raw_blocks):
        clean = squash(raw)
        is_heading = "\n" not in raw.strip() and len(clean) < 200 and not re.search(r"[.!?…:;\"”’)\]]$", clean)
        if is_heading and i > 0 and BYLINE_TEXT.match(clean):
            kind = "furniture"
        elif is_heading and len(clean.split()) <= 25:
            kind = "headline" if i == 0 else "heading"
        else:
            kind = "paragraph"
        blocks.append(ExtractedBlock(kind, clean, 1 if kind == "headline" else 2 if kind == "heading" else 0,
                                     sorted(text_markers(clean) + text_links(clean), key=lambda x: x.start)))
    references, reference_blocks = text_references(reference_lines)
    blocks += reference_blocks
    title = blocks[0].text if blocks and blocks[0].kind == "headline" else ""
    if not any(b.kind != "reference" for b in blocks):
        raise NoArticle("the text is empty")
    return Article(title, blocks, references)
