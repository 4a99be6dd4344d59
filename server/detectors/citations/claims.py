"""Claim kinds and the `uncited` flag (LABELS.md, 'Uncited claim').

A body sentence with no citation evidence is flagged when it asserts something a reader would want sourced. What
kind of claim it makes comes from server/lexicons/citations/claims.yml: the first kind whose pattern matches, in
the file's order, else "states an event or fact". The flag's rule id is `citation.uncited.<kind id>`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...furniture import INTRO
from ...lexicon import LEXICON_DIR, load_yaml
from ...report import Flag, Span
from .. import SentenceContext
from .common import clip

CLAIMS_FILE = LEXICON_DIR / "citations" / "claims.yml"


@dataclass(frozen=True)
class ClaimKind:
    id: str
    reason: str                     # "states a number": the start of the flag's reason
    pattern: re.Pattern | None      # None: the default kind, when no other matches
    examples: dict

    @property
    def rule(self) -> str:
        return f"citation.uncited.{self.id}"


def _load(section: str) -> list[ClaimKind]:
    data = load_yaml(CLAIMS_FILE)
    return [ClaimKind(e["id"], e["reason"], re.compile(e["pattern"]) if e.get("pattern") else None, e["examples"])
            for e in data[section]]


KINDS = _load("kinds")
NOT_CLAIMS = {k.id: k for k in _load("not_claims")}
SIGNPOST, IMPERATIVE = NOT_CLAIMS["signpost"].pattern, NOT_CLAIMS["imperative"].pattern
# the rest assert nothing whatever they carry: process notes, hypotheticals, questions with a full stop, lead-ins
NOTHING_ASSERTED = [k.pattern for k in NOT_CLAIMS.values() if k.id not in ("signpost", "imperative")]
NUMBER = next(k.pattern for k in KINDS if k.id == "number")
DEFAULT = next(k for k in KINDS if k.pattern is None)


def claim_kind(text: str) -> str | None:
    """What a reader would want sourced in this sentence (the kind's reason), or None when it asserts nothing
    checkable."""
    kind = claim_of(text)
    return kind.reason if kind else None


def plain_text(text: str) -> str:
    """The sentence as the claim patterns read it: lower case, without reference markers or a list number."""
    return re.sub(r"\[\d+\]", "", re.sub(r"^\s*\d{1,3}[.)]\s+", "", text.strip())).lower()


def claim_of(text: str) -> ClaimKind | None:
    t = text.strip()
    plain = plain_text(t)   # markers and a list number are no claim
    words = re.findall(r"[a-z’']+", plain)
    lowered = t.lower()
    if t.rstrip("”\"’)").endswith("?") or len(words) < 5 or INTRO.match(lowered) or t.endswith(":") \
            or SIGNPOST.search(lowered) or IMPERATIVE.match(lowered) and not NUMBER.search(plain) \
            or any(p.search(lowered) for p in NOTHING_ASSERTED):
        return None   # an imperative with a figure in it ("Consider the budget, which cut aid by 5%") still claims
    return next((k for k in KINDS if k.pattern is not None and k.pattern.search(plain)), DEFAULT)


def _fragment(text: str) -> bool:
    t = text.strip()
    return len(t.split()) <= 12 and not re.search(r"[.!?…][”\"’)\]]*$|\[\d+\]$", t)


def judge(ctx: SentenceContext) -> None:
    """The sentence's claim kind, and the `uncited` flag when it makes a claim and has no evidence."""
    s = ctx.sentence
    kind = claim_of(s.text)
    if ctx.block_kind == "paragraph" and _fragment(s.text):
        kind = None   # a chart title or label ("Interest payments on the national debt"), not a sentence
    s.claim = kind.reason if kind else None
    if s.evidence or not kind:
        return
    weasels = [w.span.text.strip() for w in ctx.weasels]
    reason = f"{kind.reason}; no link, marker or named source"
    detail = []
    if weasels:
        reason += f"; '{clip(weasels[0])}' is a vague attribution (a weasel: it names no one who could be checked)"
        detail = [{"weasel": w} for w in weasels]
    s.flags.append(Flag("uncited", reason, [Span(s.start, s.end, s.text)], detail, rule=kind.rule))
