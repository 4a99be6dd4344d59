"""Emotive framing: the lexicons' rules matched in context, quote-aware, scored per sentence.

A cue inside a direct quotation is the speaker's wording: reported, but not counted as the writer's.
"""
from __future__ import annotations

import re

from ..lexicon import load_rules
from ..quotes import inside
from ..report import Cue, Flag, Span
from . import SentenceContext

THRESHOLD = 1.0                      # sum of cue weights that makes a sentence emotive
NEGATION = re.compile(r"\b(?:not|no|never|hardly|n't)\s+(?:\w+\s+)?$", re.I)
SPEECH_BEFORE = re.compile(r"\b(?:said|says|called|call|calls|described|dubbed|termed|labelled|labeled|branded|known as|told)\b[^.]{0,40}$", re.I)
PROSE_KINDS = {"headline", "heading", "body"}


def detect(contexts: list[SentenceContext]) -> None:
    for ctx in contexts:
        if ctx.sentence.kind not in PROSE_KINDS:
            continue
        cues = _cues(ctx)
        ctx.sentence.cues = cues
        writer = [c for c in cues if not c.in_quote]
        score = sum(c.weight for c in writer)
        ctx.sentence.emotive_score = round(score, 3)
        if score >= THRESHOLD:
            ctx.sentence.flags.append(_flag(writer, [c for c in cues if c.in_quote]))
        # a weasel attribution is reported on its own, whatever the score
        ctx.sentence.weasel = [c.span for c in cues if c.category == "weasel" and not c.in_quote]


def _cues(ctx: SentenceContext) -> list[Cue]:
    text, base = ctx.text, ctx.sentence.start
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for rule in load_rules():
        for m in rule.finditer(text):
            a, b = m.span()
            if a == b or any(a < e and s < b for s, e in taken):
                continue
            if NEGATION.search(text[max(0, a - 25):a]) and rule.category != "weasel":
                continue   # "not a disaster" does not assert the loaded word
            quote = inside(ctx.quotes, a, b)
            taken.append((a, b))
            cues.append(Cue(rule.category, rule.id, f"{rule.label}: '{m.group(0)}' ({rule.reason})",
                            Span(base + a, base + b, m.group(0)), in_quote=quote is not None,
                            speaker=ctx.speaker if quote else None, weight=rule.weight))
    for q in ctx.quotes:
        # scare quotes: one or two words in quotation marks that nobody is said to have said
        if 1 <= q.words <= 2 and not q.opened_before and not q.runs_on and len(q.inner) <= 25 \
                and not SPEECH_BEFORE.search(text[:q.start]) and not ctx.speaker:
            cues.append(Cue("doubt", "emotive.doubt.scare-quotes",
                            f"scare quotes: '{text[q.start:q.end]}' (quotation marks cast doubt on the word)",
                            Span(base + q.start, base + q.end, text[q.start:q.end]), weight=0.5))
    if ctx.sentence.kind == "body" and "!" in text and not any(inside(ctx.quotes, i, i + 1) for i, ch in enumerate(text) if ch == "!"):
        i = text.index("!")
        cues.append(Cue("editorializing", "emotive.editorializing.exclamation",
                        "editorializing: '!' (an exclamation mark in reporting signals the writer's feeling)",
                        Span(base + i, base + i + 1, "!"), weight=0.5))
    return sorted(cues, key=lambda c: c.span.start)


def _flag(writer: list[Cue], quoted: list[Cue]) -> Flag:
    labels = []
    for c in writer:
        label = c.reason.split(" (")[0]
        if label not in labels:
            labels.append(label)
    reason = "; ".join(labels)
    if quoted:
        reason += f"; also emotive wording in a quote{' from ' + quoted[0].speaker if quoted[0].speaker else ''}"
    return Flag("emotive", reason, [c.span for c in writer],
                [{"category": c.category, "rule": c.rule, "reason": c.reason, "span": c.span.__dict__,
                  "in_quote": c.in_quote, "speaker": c.speaker} for c in writer + quoted])
