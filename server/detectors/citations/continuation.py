"""Evidence type `continuation`: a sentence carrying on the attribution before it ("She added that…", "But he
found…", "Moreover, …" after a source's report, items of a list under "He also said:") (LABELS.md §5)."""
from __future__ import annotations

import re

from ...report import Evidence
from .. import SentenceContext
from .common import attributed, sentence_before, span_of
from .vocabulary import CONTINUE_VERBS, VERB

CONNECTIVE = r"(?:(?:but|and|however|still|yet|meanwhile|instead|later|separately|also|then),?\s+)?"
CONTINUATION = re.compile(
    rf"^\s*{CONNECTIVE}(?P<who>he|she|they|it|the \w+|mr\.? \w+|ms\.? \w+|mrs\.? \w+|dr\.? \w+)\s+"
    rf"(?:also\s+|later\s+|further\s+|then\s+|again\s+)?(?P<verb>{CONTINUE_VERBS})\b", re.I)
PRONOUN_LEAD = re.compile(rf"^\s*{CONNECTIVE}(?:he|she|they)\s+(?:\w+ly\s+|also\s+|later\s+)?(?P<verb>\w+)", re.I)
ADDITIVE = re.compile(r"^\s*(?:additionally|in addition|moreover|furthermore|also|what'?s more|on top of that),?\s", re.I)


def continuations(contexts: list[SentenceContext]) -> None:
    for n, ctx in enumerate(contexts):
        if ctx.sentence.kind == "body":
            ctx.sentence.evidence += continuation(ctx, sentence_before(contexts, n))


def continuation(ctx: SentenceContext, before: tuple[SentenceContext | None, bool]) -> list[Evidence]:
    prev, same_block = before
    if any(e.type in ("attribution", "continuation") for e in ctx.sentence.evidence):
        return []
    text = ctx.text
    m = CONTINUATION.match(text)
    if m:
        return [Evidence("continuation", m.group(0).strip(), [span_of(ctx, m.start(), m.end())],
                         note="carries on the attribution of the sentence before")]
    if prev is None or not attributed(prev) and not any(e.type == "quote" for e in prev.sentence.evidence):
        return []
    m = PRONOUN_LEAD.match(text)
    if m and (same_block or prev.next is None) and m.group("verb").lower() not in ("was", "is", "had", "has"):
        # "But he found…", "However, he defended…" right after a sentence that named him
        return [Evidence("continuation", m.group(0).strip(), [span_of(ctx, m.start(), m.end())],
                         note="carries on the account of the person named before")]
    m = ADDITIVE.match(text)
    if m and same_block and any(e.type == "attribution" and VERB.search(e.cue) for e in prev.sentence.evidence):
        return [Evidence("continuation", m.group(0).strip(" ,"), [span_of(ctx, m.start(), m.end())],
                         note="adds to what the source in the sentence before reported")]
    return []


def list_continuations(contexts: list[SentenceContext]) -> None:
    """Items of a list introduced by an attributed sentence ending in a colon ("He also said:") carry it on."""
    intro = previous = None
    for ctx in contexts:
        s = ctx.sentence
        if s.kind != "body":
            intro = None
            previous = None if s.kind in ("heading", "headline") else previous
            continue
        is_item = ctx.block_kind == "list_item"
        if is_item and intro is not None:
            if not s.evidence or all(e.type in ("link", "quote") for e in s.evidence):
                s.evidence.append(Evidence("continuation", intro.text.strip()[-40:], [],
                                           note="an item of a list introduced by an attributed sentence"))
            continue
        intro = None
        if ctx.text.rstrip().endswith(":") and not is_item:
            if not attributed(ctx) and not s.evidence and previous is not None and attributed(previous):
                # "The rankings were as follows:" right after the source was named introduces that source's material
                s.evidence.append(Evidence("continuation", ctx.text.strip()[-40:], [],
                                           note="introduces what the source named just before reported"))
            intro = ctx if attributed(ctx) else None
        previous = ctx

