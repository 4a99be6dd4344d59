"""Detectors: each takes the article's sentences in context and adds evidence, cues and flags.

pipeline.py runs them in order: citations (evidence, the weasel attributions of the sentence, the uncited flag),
then emotive, which reads the evidence and the weasel attributions citations found."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Inline
from ..lexicon import Rule
from ..quotes import Quote
from ..report import Sentence, Span


@dataclass
class Weasel:
    """A vague attribution the citations detector found. `plain` when the wording itself is the weasel ("critics
    say", "it is believed", "according to local reports"), not a subject the source classifier could not place:
    the emotive detector counts only plain ones as framing."""
    span: Span
    plain: bool
    rule: Rule | None = None   # the weasel lexicon's entry that found it, when one did


@dataclass
class SentenceContext:
    """What a detector may look at for one sentence: its text, inline links/markers and quotes (offsets relative
    to the sentence), its block's kind and its neighbours in the same block; and what earlier detectors found."""
    sentence: Sentence
    inlines: list[Inline]
    quotes: list[Quote]
    block_kind: str = "paragraph"               # the extract block's kind: paragraph | list_item | quote | ...
    previous: "SentenceContext | None" = None   # in the same block
    next: "SentenceContext | None" = None
    speaker: str | None = None                  # who is quoted, when citations found out
    weasels: list[Weasel] = field(default_factory=list)   # set by citations, read by emotive

    @property
    def text(self) -> str:
        return self.sentence.text
