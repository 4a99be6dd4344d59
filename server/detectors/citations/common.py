"""Small helpers the evidence finders share."""
from __future__ import annotations

from ...report import Span
from .. import SentenceContext


def span_of(ctx: SentenceContext, a: int, b: int) -> Span:
    """A span of the report's text from offsets into the sentence."""
    return Span(ctx.sentence.start + a, ctx.sentence.start + b, ctx.text[a:b])


def outside_quotes(ctx: SentenceContext, a: int, b: int) -> bool:
    return not any(q.start <= a and b <= q.end for q in ctx.quotes)


def attributed(ctx: SentenceContext | None) -> bool:
    return ctx is not None and any(e.type in ("attribution", "continuation") for e in ctx.sentence.evidence)


def sentence_before(contexts: list[SentenceContext], n: int) -> tuple[SentenceContext | None, bool]:
    """The sentence before contexts[n] in reading order, and whether it is in the same block."""
    ctx = contexts[n]
    if ctx.previous is not None:
        return ctx.previous, True
    for m in range(n - 1, -1, -1):
        prev = contexts[m]
        if prev.sentence.kind in ("body",):
            return prev, False
        if prev.sentence.kind in ("heading", "headline", "reference"):
            return None, False
    return None, False


def clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"
