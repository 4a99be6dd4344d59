"""Citation evidence (LABELS.md §1–5), reference resolution and the `uncited` flag.

Evidence types, each reported with its cue so the reader sees why a sentence counts as sourced; one module each:
  marker        markers.py       [n], a superscript, a footnote link or a site annotation, resolved against the
                                 reference list
  link          links.py         a hyperlink inside the sentence to another document
  attribution   attribution.py   a named or specific source ("according to X", "X said", "in a statement"), with
                                 sources.py reading who a noun phrase names
  quote         quotations.py    a direct quotation whose speaker is named nearby; quotations over several sentences
  continuation  continuation.py  a sentence carrying on the attribution before it ("She added that…")
The words they read by are data: server/lexicons/citations/vocabulary.yml (vocabulary.py).

Vague attributions ("critics say", "it is widely thought") are not evidence: they are kept as weasel attributions
and named in the reason. A body sentence without evidence is flagged `uncited` when it makes a claim a reader would
want sourced (claims.py, server/lexicons/citations/claims.yml); the reason names the kind of claim.
"""
from __future__ import annotations

import re

from .. import SentenceContext
from .attribution import attribution, document_backrefs
from .claims import judge
from .continuation import continuations, list_continuations
from .links import links
from .markers import markers, references_by_id
from .quotations import block_quotations, quote_groups


def detect(contexts: list[SentenceContext], references: list[dict], page_url: str | None) -> None:
    by_id = references_by_id(references)
    vocabulary = _lowercase_vocabulary(contexts)
    body = [ctx for ctx in contexts if ctx.sentence.kind == "body"]
    order = {id(c): n for n, c in enumerate(contexts)}
    for ctx in contexts:
        if ctx.sentence.kind == "furniture":   # shown, never flagged: a related-story link is still a link
            ctx.sentence.evidence += markers(ctx, by_id) + links(ctx, page_url)
    for ctx in body:
        ev = ctx.sentence.evidence
        ev += markers(ctx, by_id)
        ev += links(ctx, page_url)
        ev += attribution(ctx, vocabulary)
    document_backrefs(body)
    # quotes and continuations look at the neighbours' evidence, so they come second. Continuations run before the
    # quotes ("He added…" can name the speaker of the quotation after it) and again after them (a sentence can carry
    # on the account of a quoted speaker).
    continuations(contexts)
    quote_groups(contexts, order)
    continuations(contexts)
    list_continuations(contexts)
    block_quotations(contexts)
    for ctx in body:
        judge(ctx)
        ctx.sentence.weasel = sorted((w.span for w in ctx.weasels), key=lambda span: span.start)


def _lowercase_vocabulary(contexts: list[SentenceContext]) -> frozenset:
    """Words the article writes in lower case somewhere (Punkt's orthographic heuristic, per document)."""
    return frozenset(w for c in contexts for w in re.findall(r"\b[a-z][a-z’'-]+\b", c.text))
