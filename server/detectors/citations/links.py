"""Evidence type `link`: a hyperlink inside the sentence to another document; navigation, section, tag, topic,
author and share links and links to the page itself do not count (LABELS.md §2)."""
from __future__ import annotations

import re
from urllib.parse import urlparse

from ...report import Evidence
from .. import SentenceContext
from .common import span_of

NAV_PATH = re.compile(r"/(?:tags?|topics?|topic|authors?|people|profile|profiles|section|sections|category|"
                      r"categories|newsletters?|subscribe|subscription|login|signin|sign-in|account|search|hub|by|"
                      r"contributors?|staff|writers?|columnists?|series|keywords?|index)(?:/|$)", re.I)
NAV_HOST = re.compile(r"^(?:topics|tags|search|subscribe|subscription|account|login|profile|myaccount)\.", re.I)
SHARE_HOST = re.compile(r"(?:^|\.)(?:facebook\.com|twitter\.com|x\.com|linkedin\.com|pinterest\.com|reddit\.com|"
                        r"whatsapp\.com|t\.me|telegram\.me|plus\.google\.com|tumblr\.com)$", re.I)
SHARE_PATH = re.compile(r"share|sharer|intent/tweet|sharing|submit", re.I)


def is_source_link(href: str | None, page_url: str | None) -> bool:
    """A link to another document, not navigation, a tag/topic/author page, a share button or this page."""
    if not href:
        return False
    url = urlparse(href)
    if url.scheme not in ("http", "https"):
        return False
    host = url.netloc.lower()
    if SHARE_HOST.search(host) and SHARE_PATH.search(url.path + "?" + url.query) or NAV_HOST.match(host):
        return False
    path = url.path or "/"
    if NAV_PATH.search(path):
        return False
    if page_url:
        page = urlparse(page_url)
        same_site = _site(host) == _site(page.netloc.lower())
        if path in ("", "/") and (same_site or url.query):
            return False   # this site's front page; another site's front page is that organisation's own document
        if same_site and path.rstrip("/") == (page.path or "/").rstrip("/"):
            return False   # a link to this very page (or an anchor in it)
        if same_site and _section_path(path):
            return False   # site navigation: /world/newzealand, /news/politics
    elif path in ("", "/"):
        return False
    return True


def _site(host: str) -> str:
    parts = host.split(":")[0].split(".")
    return ".".join(parts[-3:] if len(parts) > 2 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else parts[-2:])


def _section_path(path: str) -> bool:
    """A short path of plain words (no date, id or slug with many words) is a section or tag page."""
    segments = [s for s in path.strip("/").split("/") if s]
    if len(segments) > 2 or any(re.search(r"\d", s) for s in segments):
        return False
    return all(s.count("-") <= 1 and len(s) <= 25 and "." not in s for s in segments)


def links(ctx: SentenceContext, page_url: str | None) -> list[Evidence]:
    out = []
    for link in ctx.inlines:
        if link.type == "link" and is_source_link(link.href, page_url):
            out.append(Evidence("link", ctx.text[link.start:link.end], [span_of(ctx, link.start, link.end)],
                                {"id": None, "text": ctx.text[link.start:link.end], "url": link.href}))
    return out

