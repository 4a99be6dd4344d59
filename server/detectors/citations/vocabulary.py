"""The citation detector's vocabulary: word classes from server/lexicons/citations/vocabulary.yml, and the
verb patterns built from them. One list per concept, each with its reason and an example in the data file."""
from __future__ import annotations

import re

from ...lexicon import LEXICON_DIR, load_yaml

VOCABULARY_FILE = LEXICON_DIR / "citations" / "vocabulary.yml"
_CLASSES = load_yaml(VOCABULARY_FILE)


def words(name: str) -> list[str]:
    return list(_CLASSES[name]["words"])


def _alternation(name: str) -> str:
    return "|".join(words(name))


SPEECH_VERBS = _alternation("speech_verbs") + "|" + _alternation("position_verbs")
STANCE_STATES = f"(?:particularly |deeply |increasingly |also |still )?(?:{_alternation('stance_states')})"
STANCE_VERBS = _alternation("stance_verbs") + "|" + "|".join(
    f"{be} {STANCE_STATES}" for be in ("is", "are", "was", "were", "remain", "remains"))
CONTINUE_VERBS = _alternation("continue_verbs")
HUMAN_SPEECH = frozenset(words("human_speech"))
PRONOUNS = frozenset(words("pronouns"))
WRITER = frozenset(words("writer"))
QUANTIFIERS = frozenset(words("quantifiers"))
VAGUE_NOUNS = frozenset(words("vague_nouns"))
PUNDITS = frozenset(words("pundits"))
POPULATIONS = frozenset(words("populations"))
ANON_NOUNS = frozenset(words("anon_nouns"))
ORG_PLURALS = frozenset(words("org_plurals"))
ROLE_NOUNS = frozenset(words("role_nouns"))
SKIP_BEFORE_VERB = frozenset(words("skip_before_verb"))
CLAUSE_STOP = frozenset(words("clause_stop"))
DETERMINERS = frozenset(words("determiners"))
NOT_ADVERBS = frozenset(words("not_adverbs"))
NOUN_FORMS = frozenset(words("noun_forms"))
MODALS = frozenset(words("modals"))
CALENDAR = frozenset(words("calendar"))


def _by_first_letter(alternatives: str) -> str:
    """`\\b(?:alternatives)` as a pattern the regex engine scans fast: grouped by first letter, each group checking the
    word boundary after its letter, so the engine's quick scan for a possible first letter skips the rest of the
    text. With the boundary first, it tries every alternative at the start of every word (the same matches)."""
    groups: dict[str, list[str]] = {}
    depth, start = 0, 0
    for i, ch in enumerate(alternatives + "|"):
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            groups.setdefault(alternatives[start], []).append(alternatives[start + 1:i])
            start = i + 1
    return "(?:" + "|".join(rf"{letter}(?<!\w.)(?:{'|'.join(rests)})" for letter, rests in groups.items()) + ")"


# Reporting and stance verbs, matched in lower case only: "United States" or "Finds" in a title is no verb
STANCE = re.compile(rf"\b(?:{STANCE_VERBS})\b")
VERB = re.compile(_by_first_letter(f"{SPEECH_VERBS}|{STANCE_VERBS}") + r"\b")
WORDS = re.compile(r"[\w’'.&-]+", re.U)
DOCUMENT_NOUNS = ("report|study|survey|poll|analysis|findings?|research|paper|review|audit|census|data|"
                  "figures|statistics|index|memo|filing|documents?|records|video|footage|recording|transcript")
