"""What a link, superscript or marked-up span in the article is: a reference marker, a link to a source, or neither."""
from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

from .article import Inline

MARKER_TEXT = re.compile(r"^\s*(\[\s*\d{1,3}\s*\]|\d{1,3}|\[\s*[a-z]\s*\]|[*†‡])\s*$")
MARKER_HREF = re.compile(r"#(fn|cite_note|cite-note|ref|footnote|note|endnote)", re.I)
# an inline annotation the site ties to a note (data-*-annotation-ref, data-footnote…, class="annotated")
ANNOTATION_ATTR = re.compile(r"^data-[\w-]*(annotation|footnote|endnote)[\w-]*$", re.I)
ANNOTATION_CLASS = re.compile(r"\b(annotated|annotation-ref|footnote-ref|fn-ref|has-footnote)\b", re.I)
TEXT_MARKER = re.compile(r"\[(\d{1,3})\]")
URL_IN_TEXT = re.compile(r"https?://\S+")


def is_marker(tag: str, text: str, href: str | None) -> bool:
    """<sup>3</sup>, <a href="#fn3">[3]</a>, a short link to a #cite_note-…: a marker pointing to a note."""
    if tag == "a" and href and MARKER_HREF.search(href) and len(text) <= 6:
        return True
    return bool(MARKER_TEXT.match(text)) and (tag == "sup" or (href or "").startswith("#") or bool(MARKER_HREF.search(href or "")))


def marker_number(text: str) -> str | None:
    """The number a marker shows: "3" for "[3]"."""
    return re.sub(r"\D", "", text) or None


def marker_ref(text: str, href: str | None) -> str | None:
    """What a marker points to: the element id of its #fragment, else its number."""
    return href[1:] if href and href.startswith("#") else marker_number(text)


def text_markers(text: str) -> list[Inline]:
    """"[1]" typed into the text is a marker, though nothing in the markup says so."""
    return [Inline("marker", m.start(), m.end(), ref=m.group(1)) for m in TEXT_MARKER.finditer(text)]


def annotation_ref(el) -> str | None:
    """The note a site's inline annotation (<span data-annotation-ref="n4">) points to, if the element is one."""
    for name, value in el.attrib.items():
        if ANNOTATION_ATTR.match(name):
            return value or name
    if ANNOTATION_CLASS.search(el.get("class") or ""):
        return el.get("id") or "annotation"
    return None


def link_href(href: str | None, base_url: str | None) -> str | None:
    """Where a link leads, made absolute; None for a script or mail link, which is no source."""
    if not href or href.lower().startswith(("javascript:", "mailto:")):
        return None
    return urljoin(base_url, href) if base_url else href


def text_links(text: str) -> list[Inline]:
    """Addresses written out in plain text, without the punctuation that ends their sentence."""
    return [Inline("link", m.start(), m.end(), href=m.group(0).rstrip(".,;)")) for m in URL_IN_TEXT.finditer(text)]


def _elsewhere(href: str | None, page_url: str | None) -> bool:
    """A link out of the page: not a fragment of the page itself (a footnote's "^" backlink)."""
    if not href or href.startswith("#"):
        return False
    return not page_url or urldefrag(href)[0] != urldefrag(page_url)[0]


def source_link(inlines: list[Inline], page_url: str | None) -> str | None:
    """A reference entry's link to its source: its first link out of the page."""
    return next((i.href for i in inlines if i.type == "link" and _elsewhere(i.href, page_url)), None)


def link_only(text: str, inlines: list[Inline]) -> bool:
    """A paragraph that is one short link (a related story, a graphic, "read more"): furniture, not prose."""
    linked = sum(i.end - i.start for i in inlines if i.type == "link")
    bare = re.sub(r"^[\[(]|[\])]$", "", text.strip())
    return linked >= 0.9 * len(bare) and len(text.split()) <= 15 and not text.rstrip().endswith((".", "!", "?", "”", "\""))


def page_address(root_doc) -> str | None:
    """The page's own address from its canonical link or og:url, for telling self links from sources."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = root_doc.xpath(xpath)
        if found and str(found[0]).startswith(("http://", "https://")):
            return str(found[0]).strip()
    return None
