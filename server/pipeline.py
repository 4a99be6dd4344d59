"""analyze(): extract → segment → detect → Report. The only way in for the API, the CLI and the tests."""
from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right

from . import limits
from .article import Article, inlines_within
from .detectors import SCAN_CHARS, SentenceContext, checkworthy, citations, emotive
from .extract import NoArticle, extract_html, extract_text
from .furniture import mark_furniture
from .quotes import find_quotes
from .report import Block, Report, Sentence
from .segment import sentence_spans

BLOCK_TO_SENTENCE_KIND = {"paragraph": "body", "list_item": "body", "quote": "body", "headline": "headline",
                          "heading": "heading", "reference": "reference", "furniture": "furniture"}
SINGLE_ITEM_KINDS = {"headline", "heading", "reference", "furniture"}
ENGLISH_WORDS = set("the of and to a in is that for it was on with as are by be at this have from or an not "
                    "but had has were which their they his her he she will would been its who said more than".split())


LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$")


class AnalysisError(ValueError):
    """A page Loupe cannot analyse; `code` is machine-readable, the message is for a person."""

    def __init__(self, code: str, message: str, status: int = 422):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def analyze(html: str | None = None, text: str | None = None, url: str | None = None,
            deadline: float | None = None) -> Report:
    """The report on one page. `deadline` (a time.monotonic() value) stops the work between stages once it has
    passed: the server has answered "timeout" by then, and the worker is freed for the next page."""
    _check(deadline)
    has_html = bool((html or "").strip())
    if not has_html and not (text or "").strip():
        raise AnalysisError("empty", "The page is empty: send the page's HTML in 'html' or plain text in 'text'.", 400)
    try:
        if has_html:
            limits.check_html(html)
        article = extract_html(html, url) if has_html else extract_text(text)
    except limits.TooComplex as exc:
        raise AnalysisError("too_complex", f"Loupe cannot analyse this page: {exc}.") from exc
    except NoArticle as exc:
        raise AnalysisError("no_article", f"No article found: {exc}. Loupe works on pages with a news article.") from exc

    _require_english(article)
    notes = _keep_within_length(article)
    _check(deadline)
    blocks, sentences, contexts = _segment(article, deadline)
    report_text = "\n\n".join(b.text for b in blocks)
    references = [{"id": r.id, "number": r.number, "text": r.text, "url": r.url} for r in article.references]

    _check(deadline)
    mark_furniture(contexts)   # before the detectors: furniture is shown, never flagged
    citations.detect(contexts, references, url or article.url)
    checkworthy.detect(sentences)   # reads the claims citations found
    _check(deadline)
    emotive.detect(contexts)
    return Report(title=article.title, url=url, text=report_text, blocks=blocks, sentences=sentences,
                  references=references, language="en", notes=notes)


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise AnalysisError("timeout", limits.TIMEOUT_MESSAGE, 503)


def _keep_within_length(article: Article) -> list[str]:
    """A book-length page is cut to its first MAX_ARTICLE_CHARS characters, and the report says so."""
    total = 0
    for n, block in enumerate(article.blocks):
        total += 2 if n else 0   # the blank line that joins blocks in the report's text counts too
        if total + len(block.text) > limits.MAX_ARTICLE_CHARS:
            room = limits.MAX_ARTICLE_CHARS - total
            if n == 0 or room > 1000:   # keep the start of a huge block rather than nothing
                block.text = block.text[:room]
                block.inlines = [i for i in block.inlines if i.end <= room]
                n += 1
            article.blocks = article.blocks[:n]
            return [f"The page is very long: Loupe analysed its first {sum(len(b.text) for b in article.blocks):,} "
                    "characters only."]
        total += len(block.text)
    return []


def _require_english(article: Article) -> None:
    prose = " ".join(b.text for b in article.blocks if b.kind not in ("reference", "furniture"))
    words = re.findall(r"[^\W\d_]+", prose.lower())
    share = sum(w in ENGLISH_WORDS for w in words) / max(1, len(words))
    declared_other = article.lang is not None and not article.lang.startswith("en")
    if len(words) >= 8 and (share < 0.08 or declared_other and share < 0.15):
        # the page's own words stay the page's: its lang attribute is named only when it is a language tag
        lang = f" (the page says it is '{article.lang}')" if declared_other and LANGUAGE_TAG.match(article.lang) else ""
        raise AnalysisError("not_english", f"This page does not look like English{lang}. Loupe analyses English articles only.")


def _segment(article: Article, deadline: float | None = None):
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    contexts: list[SentenceContext] = []
    offset = 0
    for index, eb in enumerate(article.blocks):
        if index % 50 == 0:
            _check(deadline)
        blocks.append(Block(eb.kind, eb.text, offset, offset + len(eb.text), eb.level))
        kind = BLOCK_TO_SENTENCE_KIND[eb.kind]
        spans = [(0, len(eb.text))] if eb.kind in SINGLE_ITEM_KINDS else sentence_spans(eb.text, eb.inlines)
        previous = None
        quote_open = False
        within = _InlinesWithin(eb.inlines)
        for a, b in spans:
            piece = eb.text[a:b]
            sentence = Sentence(piece, offset + a, offset + b, index, kind)
            # what the detectors read of it (SCAN_CHARS): its inlines and quotes there
            inlines = within(a, min(b, a + SCAN_CHARS))
            quotes = find_quotes(piece[:SCAN_CHARS], quote_open)
            # the block's kind: list items carry on an attributed "…said:" before the list
            ctx = SentenceContext(sentence, inlines, quotes, eb.kind, previous)
            quote_open = bool(quotes) and quotes[-1].runs_on   # the last quote runs on into the next sentence
            if previous:
                previous.next = ctx
            previous = ctx
            sentences.append(sentence)
            contexts.append(ctx)
        offset += len(eb.text) + 2
    return blocks, sentences, contexts


class _InlinesWithin:
    """inlines_within() for one block's sentences in turn: the inlines in order of start are looked up by bisection,
    not rescanned for every sentence (a paragraph of thousands of sentences and markers was quadratic)."""

    def __init__(self, inlines):
        self.inlines = inlines
        self.starts = [i.start for i in inlines]
        self.ordered = all(x <= y for x, y in zip(self.starts, self.starts[1:]))

    def __call__(self, a: int, b: int):
        if not self.ordered:
            return inlines_within(self.inlines, a, b)
        lo, hi = bisect_left(self.starts, a), bisect_right(self.starts, b)
        return inlines_within(self.inlines[lo:hi], a, b)
