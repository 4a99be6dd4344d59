"""Emotive framing (LABELS.md): the lexicons' rules matched in context, quote-aware, scored per sentence.

Cues come from four places, each with a category and a reason that names the words:
1. the lexicons (server/lexicons/*.yml), with literal uses, names and negations filtered out;
2. judgement words that two independent lexicons agree on (VADER's valence and TextBlob's subjectivity,
   see server/valence.py): a weaker cue that needs a second one, unless the word is very strong;
3. an intensifier before a judgement adjective ("truly disgraceful", "very dangerous");
4. punctuation in the writer's voice: scare quotes, an exclamation mark, a rhetorical question.

The writer's cues are summed into `Sentence.emotive_score`; the sentence is flagged `emotive` when the sum
reaches THRESHOLD. A cue inside a direct quotation is the speaker's wording: it is reported in a separate
`emotive_quote` flag ("emotive wording in a quote from X") and never counts toward the writer's score.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import valence
from ..lexicon import Rule
from ..quotes import inside
from ..report import Cue, Flag, Span
from . import SentenceContext

# One full-weight cue, or two half-weight ones. Weights are set per lexicon entry (a word that frames on its
# own weighs 1, a context-dependent one 0.4-0.6). On CheckThat!'s train split and the dev sets any threshold
# from 0.8 to 1.0 gives the same flags; 1.2 halves recall. See eval/emotive.py.
THRESHOLD = 1.0
PROSE_KINDS = {"headline", "heading", "body"}
# A sentence whose cues fall short of the threshold gets TONE_WEIGHT more when its wording as a whole is
# subjective (TextBlob) or charged (VADER): the lexicons as a supporting signal, never a flag on their own.
# The cue words themselves are left out of the tone, and it needs two rated words. Chosen on CheckThat!'s
# train split (SUBJ vs OBJ): macro-F1 0.569 without it; 0.585-0.597 over the settings tried, best here.
TONE_SUBJECTIVITY, TONE_VALENCE, TONE_WEIGHT, TONE_MIN_RATED = 0.35, 0.25, 0.5, 2

NEGATION = re.compile(r"(?:\b(?:not|no|never|hardly|without|nor)|n't)\s+(?:(?:a|an|the|so|very|too|that|be|been|being|as|really)\s+){0,2}$", re.I)
SPEECH_BEFORE = re.compile(r"\b(?:said|says|say|called|call|calls|calling|described|describes|dubbed|dubs|termed|"
                           r"labelled|labeled|branded|brands|known as|told|tells|wrote|writes|tweeted|named|titled|"
                           r"entitled|word|words|term|phrase|slogan|so-called)\b[^.;]{0,40}$", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
WORD_PAIR = re.compile(r"\b([A-Za-z]+)\s+([A-Za-z-]+)\b")
OPENERS = set("\"“‘'([«„—–-:")

# Words both valence lexicons rate as judgements, but that reporting uses for plain facts or for people's
# stated feelings ("residents were angry" reports a state): not cues on their own.
NOT_JUDGEMENT = set("""
angry angered annoyed aghast appalled disappointed distraught disgusted fearful outraged unhappy sad happy glad
pleased proud satisfied impressed confident insecure troubled uncomfortable powerless enthusiastic appreciative
deadly difficult ill sick guilty wrong free popular rich wealthy easy successful favorite favored welcome
effective comfortable bright winning liked loved hate worst greatest kind grand ideal justified painful
creative sophisticated intelligent charitable honest wise talented convincing attractive handsome sexy cute
delicious bloody lively humorous amusing hilarious precious celebrated grim mad violent great perfect
strong positive negative fair
""".split())
QUOTED_MIN_WEIGHT = 0.6                 # the weakest cue worth reporting inside a quotation
# a vague attribution the citations detector finds in so many words weighs what the weasel lexicon's entries do
# (LABELS.md: weasel attribution is framing). Half weight keeps BABE and PTC precision 0.004 higher and costs the
# hand-labelled news pages 0.02 of F1 (see eval)
VAGUE_SOURCE_WEIGHT = 1.0
JUDGEMENT_WEIGHT = 0.6                  # a word both lexicons call a strong judgement: half a flag
STRONG_JUDGEMENT = 0.95                 # ...unless it is about as strong as words get ("disgusting")
INTENSIFIERS = set("""
extremely incredibly deeply utterly totally absolutely remarkably exceptionally hugely wildly insanely
ridiculously outrageously terribly awfully horribly immensely enormously staggeringly astonishingly
shockingly painfully desperately woefully grossly downright thoroughly
""".split())
# everyday intensifiers ("very", "so"): half a cue, and never before the plainest adjectives
MILD_INTENSIFIERS = set("very so too really quite highly truly".split())
PLAIN_ADJECTIVES = set("good bad important significant serious clear different difficult hard easy big small".split())


def detect(contexts: list[SentenceContext]) -> None:
    for ctx in contexts:
        if ctx.sentence.kind not in PROSE_KINDS:
            continue
        cues = _cues(ctx)
        ctx.sentence.cues = cues
        writer = [c for c in cues if not c.in_quote]
        # in a quote, only the charged words are worth showing ("disgraceful", not "we must" or "very")
        quoted = [c for c in cues if c.in_quote and c.weight >= QUOTED_MIN_WEIGHT
                  and c.category not in ("editorializing", "weasel")]
        score = sum(c.weight for c in writer)
        tone = None
        if writer and score < THRESHOLD:
            # supporting signal: a weak cue in a sentence whose wording as a whole is subjective or charged
            subjectivity, charge = valence.sentence_tone(ctx.text, {w.lower() for c in cues for w in WORD.findall(c.span.text)},
                                                          TONE_MIN_RATED)
            if subjectivity >= TONE_SUBJECTIVITY or charge >= TONE_VALENCE:
                score += TONE_WEIGHT
                tone = (f"with the sentence's subjective tone (TextBlob subjectivity "
                                     f"{subjectivity:.2f}, mean VADER |valence| {charge:.2f})")
        ctx.sentence.emotive_score = round(score, 3)
        if writer and score >= THRESHOLD - 1e-9:
            ctx.sentence.flags.append(_flag(writer, tone))
        if quoted:
            ctx.sentence.flags.append(_quote_flag(quoted))


# ------------------------------------------------------------ cues

def _cues(ctx: SentenceContext) -> list[Cue]:
    text, base = ctx.text, ctx.sentence.start
    titled = ctx.sentence.kind in ("headline", "heading") or _title_case(text)
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []

    def add(category, rule, label, words, why, a, b, weight):
        quote = inside(ctx.quotes, a, b)
        taken.append((a, b))
        cues.append(Cue(category, rule, f"{label}: '{words}' ({why})", Span(base + a, base + b, text[a:b]),
                        in_quote=quote is not None, speaker=_speaker(ctx) if quote else None, weight=weight))

    def free(a, b):
        return not any(a < e and s < b for s, e in taken)

    # 1. the lexicons: longer, more specific matches first so "illegal aliens" wins over "aliens"
    # an attribution backed by a citation in the same sentence ("others believe it would not matter.[0]") is
    # supported: a weasel is an unsupported one
    cited = bool(ctx.sentence.evidence)
    # weasel attributions: the weasel lexicon's finds that the citations detector kept (outside quotes, not part of
    # a real attribution); one supported by a citation in the sentence is no weasel
    matches = [m for m in ctx.lexicon_matches if m[2].category != "weasel"]
    if not cited:
        matches += [(w.span.start - base, w.span.end - base, w.rule) for w in ctx.weasels if w.rule is not None]
    matches.sort(key=lambda x: (x[0], x[0] - x[1]))
    for a, b, rule in matches:
        if not free(a, b) or _skip(rule, text, a, b, titled):
            continue
        add(rule.category, rule.id, rule.label, text[a:b], rule.reason, a, b, rule.weight)

    # 3. intensifier + judgement adjective ("deeply disturbing"): exaggeration. It runs before 2 so that the
    #    phrase, not the adjective alone, is the cue
    for m in WORD_PAIR.finditer(text):
        word, adjective = m.group(1), m.group(2)
        intensity = _intensity(word)
        if intensity is None:
            continue
        mild = intensity == "mild"
        if mild and adjective.lower() in PLAIN_ADJECTIVES:
            continue
        s = valence.sense(adjective)
        if s is None or not s.pos.startswith("JJ") or s.subjectivity < 0.6 or abs(s.polarity) < 0.3:
            continue
        if _negated(text, m.start()) or _not_judgement(adjective):
            continue
        a, b = m.span()
        if any(s0 <= m.start(2) and m.end(2) <= e0 for s0, e0 in taken):
            # the adjective is already a cue: widen nothing, but the intensifier still inflates it
            if free(m.start(1), m.end(1)):
                add("exaggeration", "emotive.exaggeration.intensifier", "exaggeration", word,
                    "an intensifier that inflates the judgement after it", m.start(1), m.end(1), 0.5)
            continue
        if free(a, b):
            add("exaggeration", "emotive.exaggeration.intensified", "exaggeration", m.group(0),
                "an intensifier before a judgement word", a, b, 0.5 if mild else 1.0)

    # 2. judgement words both valence lexicons agree on
    for m in WORD.finditer(text):
        a, b = m.span()
        w = m.group(0)
        j = valence.judgement(w)   # cheapest test first: most words are no judgement at all
        if not j or not free(a, b) or _not_judgement(w) or _name_like(w, text, a, titled) or _negated(text, a):
            continue
        strength, polarity = j
        weight = 1.0 if strength >= STRONG_JUDGEMENT else JUDGEMENT_WEIGHT
        label = "loaded language" if polarity == "negative" else "puffery"
        add("loaded" if polarity == "negative" else "puffery", "emotive.valence.judgement", label, w,
            f"a strongly {polarity} judgement word (VADER valence {valence.valence(w):+.1f}, "
            f"TextBlob subjectivity {valence.sense(w).subjectivity:.1f})", a, b, weight)

    # 4. punctuation in the writer's voice
    scare = [q for q in ctx.quotes if _scare_quote(ctx, q)]
    for q in scare:
        a, b = q.start, q.end
        taken.append((a, b))
        # several scare quotes in one sentence are one device: together they weigh what one does
        cues.append(Cue("doubt", "emotive.doubt.scare-quotes",
                        f"scare quotes: '{text[a:b]}' (quotation marks around a word nobody is said to have "
                        f"said cast doubt on it)", Span(base + a, base + b, text[a:b]),
                        weight=round(0.5 / len(scare), 3)))
    if ctx.sentence.kind == "body":
        # the writer's exclamation ends the sentence; a "!" inside one is part of a name ("Shares of Yahoo! fell")
        stripped = text.rstrip(" ”\"’)]")
        bang = len(stripped) - 1 if stripped.endswith("!") else None
        if bang is not None and not inside(ctx.quotes, bang, bang + 1):
            cues.append(Cue("editorializing", "emotive.editorializing.exclamation",
                            "editorializing: '!' (an exclamation mark in reporting signals the writer's feeling)",
                            Span(base + bang, base + bang + 1, "!"), weight=0.5))
        if stripped.endswith("?") and not inside(ctx.quotes, len(stripped) - 1, len(stripped)):
            i = len(stripped) - 1
            cues.append(Cue("editorializing", "emotive.editorializing.rhetorical-question",
                            "editorializing: '?' (a question in reporting steers the reader instead of informing)",
                            Span(base + i, base + i + 1, "?"), weight=0.3))

    # 5. the vague sources the citations detector found in so many words without the weasel lexicon ("according to
    #    local news reports", "analysts have warned"): LABELS.md counts a weasel attribution as framing too
    for w in [w for w in ctx.weasels if w.plain and w.rule is None] if not cited else ():
        a, b = w.span.start - base, w.span.end - base
        if free(a, b):
            add("weasel", "emotive.weasel.vague-source", "weasel attribution", text[a:b].strip(),
                "attributes the claim to no one who could be checked", a, b, VAGUE_SOURCE_WEIGHT)
    return sorted(cues, key=lambda c: c.span.start)


@lru_cache(maxsize=65536)   # asked of every other word of every sentence: a page repeats its words
def _intensity(word: str) -> str | None:
    """"strong" for an intensifier that exaggerates ("utterly"), "mild" for an everyday one ("very"), else None."""
    w = word.lower()
    if w in MILD_INTENSIFIERS:
        return "mild"
    if w in INTENSIFIERS:
        return "strong"
    return "mild" if valence.intensifier(word) else None


def _skip(rule: Rule, text: str, a: int, b: int, titled: bool) -> bool:
    if rule.literal(text, a, b):
        return True
    if not rule.proper and _name_like(text[a:b], text, a, titled):
        return True
    # "not a disaster" does not assert the loaded word; a weasel or a doubt word stays what it is
    return rule.category not in ("weasel",) and _negated(text, a)


def _not_judgement(word: str) -> bool:
    w = word.lower()
    return w in NOT_JUDGEMENT or any(base in NOT_JUDGEMENT for base in valence.adverb_bases(w))


def _negated(text: str, a: int) -> bool:
    return bool(NEGATION.search(text[max(0, a - 30):a]))


def _name_like(words: str, text: str, a: int, titled: bool) -> bool:
    """A capitalised word inside a sentence is a name ("Always", "Liberty Fund"), not the word itself."""
    if titled or not words[:1].isupper() or words.isupper():
        return False
    before = text[:a].rstrip()
    return bool(before) and before[-1] not in ".!?:;" and before[-1] not in OPENERS


def _title_case(text: str) -> bool:
    words = [w for w in WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7


def _scare_quote(ctx: SentenceContext, q) -> bool:
    """One or two words in quotation marks that nobody in the sentence is said to have said."""
    text = ctx.text
    if ctx.sentence.kind != "body" and text[q.start] == "‘":
        return False                    # headline style quotes the story's words in single marks: ‘Freeze-thaws’ linked…
    if not (1 <= q.words <= 2) or q.opened_before or q.runs_on or len(q.inner) > 25:
        return False
    if ctx.speaker or SPEECH_BEFORE.search(text[:q.start]):
        return False
    if q.inner.rstrip()[-1:] in ",.!?…":
        return False                    # dialogue or a quoted sentence, not a word held at arm's length
    inner = q.inner.strip(" ,.")
    if inner[:1].isupper() and q.start > 0 and not text[:q.start].rstrip().endswith((".", ":")):
        return False                    # a title or a name: "the “Big Lie”" is a name for a thing
    return bool(WORD.search(inner))


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


def _speaker(ctx: SentenceContext) -> str | None:
    """The quoted person as the citations detector named them; a bare pronoun names no one."""
    speaker = (ctx.speaker or "").strip()
    return speaker if speaker and speaker.lower() not in PRONOUNS else None


# ------------------------------------------------------------ flags

def _flag(writer: list[Cue], tone: str | None) -> Flag:
    labels = []
    for c in writer:
        label = c.reason.split(" (")[0]
        if label not in labels:
            labels.append(label)
    reason = "; ".join(labels) + (f"; {tone}" if tone else "")
    return Flag("emotive", reason, [c.span for c in writer],
                [{"category": c.category, "rule": c.rule, "reason": c.reason, "span": c.span.__dict__,
                  "weight": c.weight, "in_quote": False, "speaker": None} for c in writer], rule="emotive.framing")


def _quote_flag(quoted: list[Cue]) -> Flag:
    """The speaker's emotive words: shown to the reader, kept apart from the writer's framing."""
    speaker = next((c.speaker for c in quoted if c.speaker), None)
    words = ", ".join(f"'{c.span.text}'" for c in quoted)
    who = f" from {speaker}" if speaker else ""
    return Flag("emotive_quote", f"emotive wording in a quote{who}: {words} (the speaker's words, not the writer's)",
                [c.span for c in quoted],
                [{"category": c.category, "rule": c.rule, "reason": c.reason, "span": c.span.__dict__,
                  "weight": c.weight, "in_quote": True, "speaker": c.speaker} for c in quoted], rule="emotive.quoted")
