"""Detectors: each takes the article's sentences in context and adds evidence, cues and flags."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..extract import Inline
from ..quotes import Quote
from ..report import Sentence


@dataclass
class SentenceContext:
    """What a detector may look at for one sentence: its text, inline links/markers and quotes
    (offsets relative to the sentence), and its neighbours in the same block."""
    sentence: Sentence
    inlines: list[Inline]
    quotes: list[Quote]
    previous: "SentenceContext | None" = None   # in the same block
    next: "SentenceContext | None" = None
    speaker: str | None = None                  # who is quoted, when citations found out
    notes: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.sentence.text
