"""Article extraction: readability-lxml → ordered blocks with their inline links and reference markers.

HTML and plain text both come out as an `Article`: a title, blocks (heading, paragraph, list item, quote,
furniture, reference) whose text has its whitespace collapsed, and the reference list parsed into sources.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from urllib.parse import urljoin, urldefrag

import lxml.etree
import lxml.html
from readability.htmls import TITLE_CSS_HEURISTICS, add_match, norm_title

from .readability_fast import Document

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "caption",
              "pre", "dd", "dt", "td", "th", "div", "section", "article", "ul", "ol", "dl", "table",
              "tbody", "thead", "tr", "figure", "header", "footer", "aside", "main", "nav", "address",
              "details", "summary", "hr", "form", "fieldset"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "button", "input", "select",
             "textarea", "iframe", "object", "embed", "canvas", "video", "audio", "img", "picture",
             "source", "head", "title", "meta", "link"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
FURNITURE_HINT = re.compile(
    r"byline|author|dateline|date|time|caption|credit|share|social|newsletter|signup|sign-up|related|"
    r"promo|subscribe|tags?\b|breadcrumb|meta|advert|sponsor|comment", re.I)
REFERENCE_HEADING = re.compile(r"^\s*(references?|sources?|notes|footnotes|bibliography|citations|works cited)\s*:?\s*$", re.I)
REFERENCE_CLASS = re.compile(r"reference|footnote|endnote|citation|bibliograph", re.I)
MARKER_TEXT = re.compile(r"^\s*(\[\s*\d{1,3}\s*\]|\d{1,3}|\[\s*[a-z]\s*\]|[*†‡])\s*$")
MARKER_HREF = re.compile(r"#(fn|cite_note|cite-note|ref|footnote|note|endnote)", re.I)
# an inline annotation the site ties to a note (data-*-annotation-ref, data-footnote…, class="annotated")
ANNOTATION_ATTR = re.compile(r"^data-[\w-]*(annotation|footnote|endnote)[\w-]*$", re.I)
ANNOTATION_CLASS = re.compile(r"\b(annotated|annotation-ref|footnote-ref|fn-ref|has-footnote)\b", re.I)
NUMBERED_LINE = re.compile(r"^\s*(\d{1,3}[.)]|[-•*·▪–])\s+\S")
TEXT_MARKER = re.compile(r"\[(\d{1,3})\]")
TEXT_REFERENCE_LINE = re.compile(r"^\s*\[?(\d{1,3})[.\])]\s+(\S.*)$")
BYLINE_TEXT = re.compile(r"^(?:by\s+\S|photo:|image:|updated\b|published\b|posted\b|©|copyright\b)", re.I)
URL_IN_TEXT = re.compile(r"https?://\S+")
WS = re.compile(r"\s+")
MIN_ARTICLE_WORDS = 12           # fewer words of prose than this is navigation, not an article


class NoArticle(ValueError):
    """The page has no readable article text."""


@dataclass
class Inline:
    """A link or reference marker inside a block: [start, end) into the block's text."""
    type: str                  # "link" | "marker"
    start: int
    end: int
    href: str | None = None
    ref: str | None = None     # marker target: an element id or a reference number


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


@dataclass
class Article:
    title: str
    blocks: list[ExtractedBlock]
    references: list[Reference]
    lang: str | None = None
    url: str | None = None     # the address given, else the page's canonical address


# ---------------------------------------------------------------- HTML

class _TextBuilder:
    """Collects inline text with collapsed whitespace, recording where links and markers fall."""

    def __init__(self, base_url: str | None):
        self.parts: list[str] = []
        self.length = 0
        self.inlines: list[Inline] = []
        self.base_url = base_url
        self.breaks: list[int] = []     # offsets of <br>: lines that may be blocks of their own
        self.starts: list[int] = []     # where each part starts in the text

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
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or _hidden(el):
            return
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
        elif tag in ("span", "mark", "ins", "abbr") and end > start and _annotation_ref(el):
            self.inlines.append(Inline("annotation", start, end, ref=_annotation_ref(el)))

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
        is_marker = bool(MARKER_TEXT.match(text)) and (tag == "sup" or (href or "").startswith("#") or bool(MARKER_HREF.search(href or "")))
        if tag == "a" and href and MARKER_HREF.search(href) and len(text) <= 6:
            is_marker = True
        if is_marker:
            # a sup and its inner link describe one marker: keep one
            self.inlines = [i for i in self.inlines if not (i.type == "marker" and start <= i.start and i.end <= end)]
            ref = href[1:] if href and href.startswith("#") else re.sub(r"\D", "", text) or None
            self.inlines.append(Inline("marker", start, end, href=href, ref=ref))
        elif tag == "a" and href and not href.lower().startswith(("javascript:", "mailto:")):
            self.inlines.append(Inline("link", start, end, href=_absolute(href, self.base_url)))

    def result(self) -> tuple[str, list[Inline]]:
        text = "".join(self.parts)
        stripped = text.rstrip()
        self.breaks = [b for b in self.breaks if b < len(stripped)]
        inlines = [i for i in self.inlines if i.end <= len(stripped)]
        # "[1]" typed into the text, not in a <sup> or a link, is a marker all the same
        inlines += [Inline("marker", m.start(), m.end(), ref=m.group(1)) for m in TEXT_MARKER.finditer(stripped)
                    if not any(i.start < m.end() and m.start() < i.end for i in inlines)]
        return stripped, sorted(inlines, key=lambda i: i.start)


def _annotation_ref(el) -> str | None:
    for name, value in el.attrib.items():
        if ANNOTATION_ATTR.match(name):
            return value or name
    if ANNOTATION_CLASS.search(el.get("class") or ""):
        return el.get("id") or "annotation"
    return None


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
        out.append((piece, [Inline(i.type, i.start - start, i.end - start, i.href, i.ref)
                            for i in inlines if start <= i.start and i.end <= start + len(piece)]))
    return out


def _elsewhere(href: str | None, page_url: str | None) -> bool:
    """A link out of the page: not a fragment of the page itself (a footnote's "^" backlink)."""
    if not href or href.startswith("#"):
        return False
    return not page_url or urldefrag(href)[0] != urldefrag(page_url)[0]


def _absolute(href: str, base_url: str | None) -> str:
    return urljoin(base_url, href) if base_url else href


def _hidden(el) -> bool:
    if not isinstance(el.tag, str):
        return False
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style


def _has_block_child(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants())



def _kind_of(el, in_reference_list: bool) -> tuple[str, int]:
    tag = el.tag
    if in_reference_list:
        return "reference", 0
    if tag in HEADING_TAGS:
        return "heading", int(tag[1])
    if tag in ("figcaption", "caption"):
        return "furniture", 0
    own = (el.get("class") or "") + " " + (el.get("id") or "")
    if FURNITURE_HINT.search(own) or _wrapped_furniture(el):
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
    names = (child.get("class") or "") + " " + (child.get("id") or "")
    return not (child.tail or "").strip() and bool(FURNITURE_HINT.search(names))


def _is_reference_list(el, previous_heading: str, linked_ids: set[str]) -> bool:
    if el.tag not in ("ol", "ul"):
        return False
    items = [li for li in el if li.tag == "li"]
    if not items:
        return False
    if REFERENCE_HEADING.match(previous_heading or ""):
        return True
    if REFERENCE_CLASS.search((el.get("class") or "") + " " + (el.get("id") or "")):
        return True
    ids = {li.get("id") for li in items if li.get("id")}
    return bool(ids) and len(ids & linked_ids) >= max(1, len(items) // 2)


def extract_html(html: str, url: str | None = None) -> Article:
    lang = None
    page_url = url
    root_doc = None
    try:
        root_doc = lxml.html.document_fromstring(html)
        lang = (root_doc.get("lang") or "").strip().lower() or None
        page_url = url or _page_address(root_doc)
    except (lxml.etree.ParserError, ValueError):
        pass
    source = html
    if root_doc is not None:
        _protect_markers(root_doc)
        # the tree parsed once serves readability too (it cleans a copy): parsing is most of extraction's cost
        source = root_doc
    # no url for readability: it would make "#fn-1" absolute, and footnote links would no longer find their notes
    doc = Document(source)
    try:
        summary = doc.summary(html_partial=True)
        # readability's short_title() parses and cleans the whole page again just to read <title>
        title = (_short_title(root_doc) if root_doc is not None else doc.short_title() or "").strip()
    except Exception as exc:  # readability raises on pages it cannot parse at all
        raise NoArticle("the page could not be parsed as an article") from exc
    url = page_url
    try:
        root = lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
    except (AssertionError, lxml.etree.ParserError, ValueError):   # lxml asserts on a summary with no body
        root = None
    if root is None:
        raise NoArticle("the page has no article text")

    linked_ids = {a.get("href")[1:] for a in root.iter("a") if (a.get("href") or "").startswith("#")}
    blocks: list[ExtractedBlock] = []
    references: list[Reference] = []
    state = {"heading": ""}

    def emit(el, kind: str, level: int, builder: _TextBuilder) -> None:
        text, inlines = builder.result()
        if not text:
            return
        if kind == "heading" and _is_sentence(text):
            kind, level = "paragraph", 0   # a deck or standfirst set as a heading is prose
        if kind in ("paragraph", "list_item") and _link_only(text, inlines):
            kind = "furniture"   # a paragraph that is one short link: a related story, a graphic, "read more"
        lines = split_lines(text, inlines, builder.breaks) if kind in ("paragraph", "list_item", "quote") else [(text, inlines)]
        for n, (line, line_inlines) in enumerate(lines):
            line_kind = "list_item" if n and len(lines) > 1 and NUMBERED_LINE.match(line) else kind
            blocks.append(ExtractedBlock(line_kind, line, level, line_inlines))
        if kind == "heading":
            state["heading"] = text

    def visit(el, in_refs: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or _hidden(el):
            return
        if not in_refs and _is_reference_list(el, state["heading"], linked_ids):
            for number, li in enumerate((c for c in el if c.tag == "li"), start=int(el.get("start")) if (el.get("start") or "").isdigit() else 1):
                builder = _TextBuilder(url)
                builder.walk_inner(li)
                text, inlines = builder.result()
                if not text:
                    continue
                number_text = li.get("value") or str(number)
                link = next((i.href for i in inlines if i.type == "link" and _elsewhere(i.href, url)), None)
                references.append(Reference(li.get("id") or number_text, number_text, text, link))
                blocks.append(ExtractedBlock("reference", f"{number_text}. {text}" if el.tag == "ol" else text, 0, []))
            return
        if tag in BLOCK_TAGS and not _has_block_child(el) or tag in HEADING_TAGS or tag == "p":
            kind, level = _kind_of(el, in_refs)
            builder = _TextBuilder(url)
            builder.walk_inner(el)
            emit(el, kind, level, builder)
            return
        # a container: loose inline runs between its block children form paragraphs of their own
        builder = _TextBuilder(url)
        builder.add(el.text)
        for child in el:
            ctag = child.tag if isinstance(child.tag, str) else ""
            if ctag in BLOCK_TAGS:
                emit(el, "paragraph", 0, builder)
                builder = _TextBuilder(url)
                visit(child, in_refs)
                builder.add(child.tail)
            else:
                builder.walk(child)
        emit(el, "paragraph", 0, builder)

    visit(root, False)
    blocks = [b for b in blocks if b.text.strip()]
    if root_doc is not None:
        found = _footnote_targets(root_doc, blocks, references, url)
        references += found
        # the entries are part of the page the reader sees: report them, as references (never flagged)
        blocks += [ExtractedBlock("reference", f"{r.number}. {r.text}" if r.number else r.text, 0, []) for r in found]
    _mark_headline(blocks, title)
    if root_doc is not None and not any(b.kind == "headline" for b in blocks):
        headline = _page_headline(root_doc, title)
        if headline:   # readability left the article's <h1> out: it is still the headline the reader sees
            blocks.insert(0, ExtractedBlock("headline", headline, 1, []))
    prose_words = sum(len(b.text.split()) for b in blocks if b.kind in ("paragraph", "list_item", "quote"))
    if prose_words < MIN_ARTICLE_WORDS:
        raise NoArticle("the page has no article text" if not prose_words else "the page has too little prose to be an article")
    return Article(title or (blocks[0].text if blocks else ""), blocks, references, lang, url)


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


def _short_title(doc) -> str:
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


def _link_only(text: str, inlines: list[Inline]) -> bool:
    linked = sum(i.end - i.start for i in inlines if i.type == "link")
    bare = re.sub(r"^[\[(]|[\])]$", "", text.strip())
    return linked >= 0.9 * len(bare) and len(text.split()) <= 15 and not text.rstrip().endswith((".", "!", "?", "”", "\""))


TRAILING_BACKLINK = re.compile(r"\s*(?:↩︎?|↑|\^|\[?\s*back\s*\]?)\s*$", re.I)
BACKLINK = re.compile(r"^\s*(?:\^|↑|↩|\[?\s*back\s*\]?)(?:\s*[a-z]\b)*\s*", re.I)


UNLIKELY = re.compile(r"foot|footnote|comment|meta|related|tool|widget|promo|sponsor|tags|media", re.I)


def _protect_markers(root_doc) -> bool:
    """Readability drops any element whose class says "footnote" — including the inline marker that points to
    one (<a class="footnote-ref" href="#fn3">). Rename such classes on inline markers so the marker survives."""
    changed = False
    for el in root_doc.iter("a", "sup"):
        names = (el.get("class") or "") + " " + (el.get("id") or "")
        if not UNLIKELY.search(names):
            continue
        href = el.get("href") or (el.find(".//a").get("href") if el.find(".//a") is not None else "")
        text = el.text_content().strip()
        if (href or "").startswith("#") and MARKER_TEXT.match(text):
            el.set("class", "loupe-note-ref")
            if el.get("id") and UNLIKELY.search(el.get("id")):
                el.set("data-loupe-id", el.attrib.pop("id"))
            changed = True
    return changed


def _footnote_targets(root_doc, blocks: list[ExtractedBlock], known: list[Reference], url: str | None) -> list[Reference]:
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
            builder = _TextBuilder(url)
            builder.walk_inner(el)
            text, inlines = builder.result()
            text = TRAILING_BACKLINK.sub("", BACKLINK.sub("", text)).strip()
            if not text:
                continue
            link = next((i.href for i in inlines if i.type == "link" and _elsewhere(i.href, url)), None)
            number = re.sub(r"\D", "", block.text[inline.start:inline.end]) or None
            out.append(Reference(target, number, text, link))
    return out


def _is_sentence(text: str) -> bool:
    """A heading that reads as a full sentence: ends with a period and is long."""
    return text.rstrip().endswith(".") and len(text.split()) >= 12


def _page_address(root_doc) -> str | None:
    """The page's own address from its canonical link or og:url, for telling self links from sources."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = root_doc.xpath(xpath)
        if found and str(found[0]).startswith(("http://", "https://")):
            return str(found[0]).strip()
    return None


def _page_headline(root_doc, title: str) -> str | None:
    norm = lambda t: WS.sub(" ", t).strip().lower()
    for h1 in root_doc.iter("h1"):
        text = WS.sub(" ", h1.text_content()).strip()
        if text and title and (norm(text) == norm(title) or norm(title).startswith(norm(text))):
            return text
    return None


def _mark_headline(blocks: list[ExtractedBlock], title: str) -> None:
    """The first heading that matches the page title (or the first h1) is the headline."""
    norm = lambda s: WS.sub(" ", s).strip().lower()
    for block in blocks[:6]:
        if block.kind == "heading" and (norm(block.text) == norm(title) or block.level == 1):
            block.kind = "headline"
            return


# ---------------------------------------------------------------- plain text

def extract_text(text: str) -> Article:
    """Plain text: blank lines separate blocks; a short first line without final punctuation is the
    headline; a numbered list at the end is the reference list; `[n]` in the text are markers."""
    raw_blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    # the reference list: trailing blocks whose lines are all numbered entries
    reference_lines: list[str] = []
    while raw_blocks:
        lines = [l for l in raw_blocks[-1].split("\n") if l.strip()]
        if lines and all(TEXT_REFERENCE_LINE.match(l) for l in lines):
            reference_lines[:0] = lines
            raw_blocks.pop()
        elif len(lines) > 1 and REFERENCE_HEADING.match(lines[0]) and all(TEXT_REFERENCE_LINE.match(l) for l in lines[1:]):
            reference_lines[:0] = lines[1:]        # "References" with its entries right under it
            raw_blocks[-1] = lines[0]
            break
        else:
            break
    if reference_lines and raw_blocks and REFERENCE_HEADING.match(raw_blocks[-1]):
        raw_blocks.pop()
        reference_lines.insert(0, "")
    blocks: list[ExtractedBlock] = []
    for i, raw in enumerate(raw_blocks):
        clean = WS.sub(" ", raw).strip()
        is_heading = "\n" not in raw.strip() and len(clean) < 200 and not re.search(r"[.!?…:;\"”’)\]]$", clean)
        if is_heading and i > 0 and BYLINE_TEXT.match(clean):
            kind = "furniture"
        elif is_heading and len(clean.split()) <= 25:
            kind = "headline" if i == 0 else "heading"
        else:
            kind = "paragraph"
        inlines = [Inline("marker", m.start(), m.end(), ref=m.group(1)) for m in TEXT_MARKER.finditer(clean)]
        inlines += [Inline("link", m.start(), m.end(), href=m.group(0).rstrip(".,;)")) for m in URL_IN_TEXT.finditer(clean)]
        blocks.append(ExtractedBlock(kind, clean, 1 if kind == "headline" else 2 if kind == "heading" else 0,
                                     sorted(inlines, key=lambda x: x.start)))
    references = []
    for line in reference_lines:
        m = TEXT_REFERENCE_LINE.match(line)
        if not m:
            continue
        entry = WS.sub(" ", m.group(2)).strip()
        url = URL_IN_TEXT.search(entry)
        references.append(Reference(m.group(1), m.group(1), entry, url.group(0) if url else None))
        blocks.append(ExtractedBlock("reference", WS.sub(" ", line).strip(), 0, []))
    title = blocks[0].text if blocks and blocks[0].kind == "headline" else ""
    if not any(b.kind != "reference" for b in blocks):
        raise NoArticle("the text is empty")
    return Article(title, blocks, references)
