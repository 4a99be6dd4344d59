"""Who a noun phrase names, and where a verb's source is: the noun-phrase reader behind named attribution.

classify_source() sorts a phrase into named, anonymous, pronoun, vague or none (LABELS.md §3 and 'Which groups
are sources'); subject_phrases() and object_phrase() find the phrase a reporting verb reports from."""
from __future__ import annotations

import re

from ...segment import seen_in_lower_case
from .vocabulary import (ANON_NOUNS, CALENDAR, CLAUSE_STOP, DETERMINERS, DOCUMENT_NOUNS, NOT_ADVERBS, ORG_PLURALS,
                         POPULATIONS, PRONOUNS, PUNDITS, QUANTIFIERS, ROLE_NOUNS, SKIP_BEFORE_VERB, VAGUE_NOUNS, WORDS, WRITER)

DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ians|eans|ese|ites)|[A-Z][a-z]{4,}ans)$")   # Tunisians, Europeans, Americans
# capitalised adjectives of nation, creed or party ("American", "Islamist", "Democratic") describe, they do not name
GROUP_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ish|ese|ist|ic|i)$")
CONTRACTION = re.compile(r"(?i)[’'](?:ve|re|m|d|ll)$")
WINDOW = 240   # characters looked back from a verb for its subject
NEGATED = re.compile(r"(?i)n[’']t$")
NEGATED_MODAL = re.compile(r"(?i)^(?:won|can|couldn|wouldn|shouldn|mustn|mightn)[’']t$")


def classify_source(phrase: str, sentence_initial: bool = False, common: set | frozenset = frozenset()) -> tuple[str, str]:
    """Who a noun phrase names: ("named"|"anonymous"|"pronoun"|"vague"|"none", note).

    named: a person, organisation, document or a definite role ("Mr Obama", "the ministry", "its report");
    anonymous: a specific kind of unnamed source ("US officials", "a police source"); pronoun: "she";
    vague: a generic group ("analysts", "many Tunisians", "whale experts"); none: not a source at all.
    `common`: words the article uses in lower case, so a sentence-initial "Whale experts" is not read as a name."""
    words = [w.strip(".,’'\"“”") for w in WORDS.findall(phrase)]
    words = [CONTRACTION.sub("", w) for w in words if w]   # "I've" is "I", "they're" is "they"
    if not words:
        return "none", ""
    low = [w.lower() for w in words]
    head, first = low[-1], low[0]
    if head.endswith(("’s", "'s")):
        head = head[:-2]
    if first == "no" or head in WRITER:
        return "none", ""
    if len(words) == 1 and head in PRONOUNS:
        return "pronoun", "the source is identified by a pronoun; it is named in the text around it"
    name_words = [w for i, w in enumerate(words) if _is_name(w, i == 0 and sentence_initial, i == len(words) - 1, common)]
    quantified = first in QUANTIFIERS and first not in ("one",)
    if head in ANON_NOUNS or any(w in ANON_NOUNS for w in low[-2:]):
        if quantified and first in ("some", "many", "several", "few", "other", "various"):
            return "anonymous", "the source is not named"
        return ("named", "") if _has_person_name(words) else ("anonymous", "the source is not named")
    if head in ORG_PLURALS and len(words) >= 2 and not quantified and first not in DETERMINERS | {"both"}:
        # "teachers unions", "rights groups": organisations of a stated kind, unnamed (LABELS.md: defined by role)
        return "anonymous", "the source is not named"
    if first == "both" and len(words) >= 2 and head.endswith("s"):
        return "named", "refers back to the two sources named earlier"   # "both sides", "both companies"
    if head in VAGUE_NOUNS | POPULATIONS or DEMONYM.match(words[-1]) and head.endswith("s"):
        # "Stanford researchers" names the institution; "whale experts", "many Tunisians" do not
        org = [w for w in name_words if w.lower() != head]
        if org and not quantified and first not in ("a", "an") and head not in POPULATIONS:
            return "named", ""
        if first in ("the", "these", "those", "its", "their", "his", "her") and not quantified:
            return "named", "refers back to a source named earlier"
        return "vague", ""
    if quantified:
        return "vague", ""
    if name_words:
        return "named", ""
    if head in ROLE_NOUNS:
        if first in ("a", "an", "one") and (re.match(rf"^(?:{DOCUMENT_NOUNS})$", head) or head in PUNDITS):
            return "vague", ""   # "a study found", "one analyst said": which one?
        return ("named", "") if first not in ("a", "an") else ("anonymous", "the source is not named")
    if len(words) >= 2 and first in ("the", "its", "his", "her", "their") and re.fullmatch(r"[a-z][a-z-]+", head):
        # "the growers' cooperative said": a definite source, specific even when it is no role we list
        return "definite", "the source is identified by its description"
    if len(words) <= 3 and head.endswith("s") and re.fullmatch(r"[a-z][a-z-]+", head) and first not in DETERMINERS:
        return "generic", ""   # "local growers say": a generic group, if the verb is one of speech
    return "none", ""


def _is_name(word: str, opens_sentence: bool, is_head: bool, common) -> bool:
    """A capitalised word that names someone: not a determiner, not a group adjective ("American", "Islamist")
    and not a common word capitalised only because it opens the sentence; or a brand like "1010data"."""
    if re.match(r"^\d+[a-z]{2,}", word):
        return True
    low = word.lower()
    if not word[:1].isupper() or low in QUANTIFIERS | DETERMINERS | CALENDAR:
        return False   # "on 3 September show": a date names no source
    if not is_head and (GROUP_ADJECTIVE.match(word) or DEMONYM.match(word)):
        return False
    if opens_sentence and (low in VAGUE_NOUNS | ANON_NOUNS | ROLE_NOUNS or not is_head and (low in common or seen_in_lower_case(low))):
        return False
    return True


def _has_person_name(words: list[str]) -> bool:
    caps = [w for w in words if w[:1].isupper() and not DEMONYM.match(w)]
    return len(caps) >= 2


def subject_phrases(text: str, verb_start: int) -> list[tuple[str, int, bool]]:
    """Candidates for the noun phrase a verb reports from ("the Whole Foods spokeswoman said"), nearest first: each
    with its start and whether it opens the sentence. Adverbs and auxiliaries before the verb are skipped; when an
    apposition set off by commas ends right before the verb ("her mother, Fiona, said"; "Alverson, a commissioner
    on …, described") the comma-separated chunks before it are candidates too."""
    lo = max(0, verb_start - WINDOW)   # a subject is a few words back: never scan a whole run-on sentence
    words = [(m.group(0), m.start(), m.end()) for m in WORDS.finditer(text, lo, verb_start)]
    if len(words) > 1 and words[-1][0].lower() == "since" and words[-2][0].lower() in ("has", "have", "had"):
        words.pop()   # "has since said": an adverb here, not the conjunction
    while words and (words[-1][0].lower() in SKIP_BEFORE_VERB or is_adverb(words[-1][0]) or NEGATED.search(words[-1][0])):
        if NEGATED_MODAL.match(words[-1][0]):
            return []   # "won't say", "can't tell": not a statement
        words.pop()
    if words and words[-1][0].lower() in ("who", "which", "that") and len(words) > 1:
        words.pop()   # a relative clause: "a report that found", "officials who said"
    while words and (words[-1][0].lower() in SKIP_BEFORE_VERB or is_adverb(words[-1][0])):
        words.pop()
    if not words:
        return []
    gap = text[words[-1][2]:verb_start]
    if any(ch in gap for ch in "“”\"():;"):
        return []
    if not any(ch in gap for ch in ",—–"):
        found = _np_before(text, words[-1][2])
        return [found] if found else []
    out = []
    end = words[-1][2] if gap.strip() else verb_start
    for _ in range(3):
        cut = max(text.rfind(",", 0, end), text.rfind("—", 0, end), text.rfind("–", 0, end))
        chunk_end = end
        while chunk_end > 0 and text[chunk_end - 1] in " ,—–":
            chunk_end -= 1
        found = _np_before(text, chunk_end)
        if found and found[1] >= cut:
            out.append(found)
        if cut < 0:
            break
        end = cut
    return out


def _np_before(text: str, end: int) -> tuple[str, int, bool] | None:
    """The noun phrase ending at `end`: up to six words back to a determiner, a clause word or punctuation."""
    phrase = []
    words = list(WORDS.finditer(text, max(0, end - WINDOW), end))
    for n in range(len(words) - 1, -1, -1):
        m = words[n]
        word = m.group(0)
        if word.lower() in CLAUSE_STOP and word.lower() != "of" or len(phrase) >= 6:
            break
        between = text[m.end():phrase[0][1]] if phrase else text[m.end():end]
        if any(ch in between for ch in ",;:“”\"()—–"):
            break
        phrase.insert(0, (word, m.start(), m.end()))
        # a determiner opens the phrase, unless "of" joins it to the head before ("the mother of the student")
        if word.lower() in DETERMINERS | QUANTIFIERS and not (n and words[n - 1].group(0).lower() == "of"):
            break
    while phrase and phrase[0][0].lower() == "of":
        phrase.pop(0)   # the head before "of" was out of reach: the phrase is what follows it
    if not phrase:
        return None
    a = phrase[0][1]
    return text[a:phrase[-1][2]], a, not text[max(0, a - WINDOW):a].strip(" “\"‘'(") and a < WINDOW


def is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word.islower() and word not in NOT_ADVERBS


def object_phrase(text: str, verb_end: int) -> tuple[str, int] | None:
    """The source named after the verb in ", said Tom Forte" / "says the minister"."""
    m = re.match(r"\s+((?:the |a |an |one |his |her |its )?(?:[A-Z][\w’'.-]*|[a-z][\w-]*)(?:\s+(?:[A-Z][\w’'.-]*|of|for|"
                 r"at|[a-z]+(?=(?:\s+[a-z]+){0,2}\s+[A-Z]))){0,5})", text[verb_end:])
    if not m:
        return None
    return m.group(1), verb_end + m.end()

