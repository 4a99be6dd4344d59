"""Valence and subjectivity of single words, from lexicons that ship inside PyPI packages (no download).

- VADER (vaderSentiment's `vader_lexicon.txt`): mean valence from -4 to +4, rated by ten people per word.
- TextBlob / Pattern (`textblob/en/en-sentiment.xml`): adjectives and adverbs with polarity (-1..1),
  subjectivity (0..1) and intensity (>1 for intensifiers such as "very"); senses of one form are averaged,
  as Pattern does.

Both are loaded once and cached. They are supporting signals for the emotive detector: a word only becomes a
cue when both lexicons agree it is a charged judgement (see `judgement`), never on its own sentiment.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class WordSense:
    polarity: float        # TextBlob, -1..1
    subjectivity: float    # TextBlob, 0..1
    intensity: float       # TextBlob, 1.0 = plain, >1 intensifier
    pos: str               # JJ | RB | ...


def _package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).parent


@lru_cache(maxsize=1)
def vader() -> dict[str, float]:
    """word → mean valence (-4..4). Emoticons and other non-words are left out."""
    table = {}
    path = _package_dir("vaderSentiment") / "vader_lexicon.txt"
    for row in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = row.split("\t")
        if len(parts) >= 2 and parts[0][:1].isalpha():
            try:
                table[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return table


@lru_cache(maxsize=1)
def textblob() -> dict[str, WordSense]:
    """word form → its senses averaged (Pattern's en-sentiment.xml, as shipped in textblob)."""
    path = _package_dir("textblob") / "en" / "en-sentiment.xml"
    senses: dict[str, list] = {}
    for el in ET.parse(path).getroot().iter("word"):
        form = (el.get("form") or "").lower()
        if not form:
            continue
        senses.setdefault(form, []).append((float(el.get("polarity", 0)), float(el.get("subjectivity", 0)),
                                           float(el.get("intensity", 1)), el.get("pos", "")))
    table = {}
    for form, rows in senses.items():
        n = len(rows)
        table[form] = WordSense(sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n,
                                sum(r[2] for r in rows) / n, rows[0][3])
    return table


def _lookup(table: dict, word: str, missing):
    """A word's entry, trying the adjective behind an -ly adverb ("bizarrely" → "bizarre")."""
    w = word.lower()
    for form in (w, *adverb_bases(w)):
        if form in table:
            return table[form]
    return missing


def sense(word: str) -> WordSense | None:
    """TextBlob's entry for a word."""
    return _lookup(textblob(), word, None)


def valence(word: str) -> float:
    """VADER's valence for a word (-4..4; 0 when it has none)."""
    return _lookup(vader(), word, 0.0)


def adverb_bases(w: str) -> list[str]:
    if not w.endswith("ly") or len(w) < 5:
        return []
    stem = w[:-2]
    return [stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem, stem[:-2] if stem.endswith("al") else stem]


@lru_cache(maxsize=65536)   # keyed on the word as written, so most calls skip the lower()
def judgement(word: str) -> tuple[float, str] | None:
    return _judgement(word.lower())


@lru_cache(maxsize=65536)   # called for every word of every sentence: a page repeats its words
def _judgement(word: str) -> tuple[float, str] | None:
    """(strength 0..1, 'negative'|'positive') when both lexicons agree the word is a charged judgement:
    TextBlob rates it subjective (≥ 0.75) with clear polarity (≥ 0.35) and VADER's raters gave it a strong
    valence (≥ 1.5 of 4) of the same sign. Factual words of bad news ("killed", "war") are not TextBlob
    adjectives and do not pass."""
    s = sense(word)
    v = valence(word)
    if s is None or s.subjectivity < 0.75 or abs(s.polarity) < 0.35 or abs(v) < 1.5:
        return None
    if math.copysign(1, s.polarity) != math.copysign(1, v):
        return None
    strength = min(1.0, (abs(v) / 4 + s.subjectivity * abs(s.polarity)) / 1.2)
    return strength, "negative" if v < 0 else "positive"


def intensifier(word: str) -> bool:
    """TextBlob marks intensifying adverbs ("very", "extremely", "incredibly") with intensity > 1."""
    s = textblob().get(word.lower())
    return bool(s and s.intensity > 1.05 and s.pos.startswith("RB"))


def sentence_tone(text: str, skip: set[str] = frozenset(), min_rated: int = 3) -> tuple[float, float]:
    """(subjectivity 0..1, mean |VADER valence| 0..4) over the words of `text` that the lexicons rate.
    Subjectivity is TextBlob's per-word rating averaged over the rated words, as Pattern does, without its
    negation and modifier rules; valence is averaged over all words so one strong word in a long sentence
    counts for little. Words in `skip` (the cues themselves) are left out, so the tone is the rest's. With
    fewer than `min_rated` rated words (TextBlob for subjectivity, VADER for valence) a measure is 0: one
    or two words say nothing about a sentence's tone."""
    words = [w.lower() for w in _WORDS.findall(text)]
    words = [w for w in words if w not in skip]
    if not words:
        return 0.0, 0.0
    table, vad = textblob(), vader()
    rated = [table[w].subjectivity for w in words if w in table]
    subjectivity = sum(rated) / len(rated) if len(rated) >= min_rated else 0.0
    charged = [abs(vad[w]) for w in words if w in vad]
    return subjectivity, sum(charged) / len(words) if len(charged) >= min_rated else 0.0


_WORDS = __import__("re").compile(r"[A-Za-z][A-Za-z'-]*")
