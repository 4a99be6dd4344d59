"""Detectors: each takes the article's sentences in context and adds evidence, cues and flags.

pipeline.py runs them in order: citations (evidence, the weasel attributions of the sentence, the uncited flag),
then emotive, which reads the evidence and the weasel attributions citations found."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .. import lexicon
from ..article import Inline
from ..lexicon import Rule
from ..quotes import Quote
from ..report import Sentence, Span

# the detectors read at most this much of a sentence: a run-on "sentence" as long as a page (no full stop in
# 200 KB) is still segmented and reported whole, but its cues and evidence are looked for in its start only, so
# no per-word check can rescan the rest of it (their cost grows with the words times the sentence's length)
SCAN_CHARS = 3000


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

    @cached_property
    def text(self) -> str:
        """The sentence as the detectors read it: its first SCAN_CHARS characters."""
        return self.sentence.text[:SCAN_CHARS]

    @cached_property
    def lexicon_matches(self) -> list[tuple[int, int, Rule]]:
        """The word lists' matches in the text, found once for both detectors (citations reads the weasels)."""
        return lexicon.find(self.text)
