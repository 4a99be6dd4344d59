"""Evidence type `attribution`: the sentence names where its information comes from: "according to X", "X said",
"…, X said", "said X", "in a statement", "a spokesperson for X", "data from X show", "X told Y"; an unnamed but
specific source ("US officials said") with the note that it is not named (LABELS.md §3).

Vague attributions ("critics say", "it is widely thought", "reportedly") are no evidence: they are kept on the
context as weasel attributions (LABELS.md: a reason in their own right)."""
from __future__ import annotations

import re

from ...lexicon import Rule
from ...report import Evidence
from .. import SentenceContext, Weasel
from .common import outside_quotes, span_of
from .continuation import CONTINUATION
from .sources import classify_source, object_phrase, subject_phrases
from .vocabulary import (CALENDAR, CLAUSE_STOP, DETERMINERS, DOCUMENT_NOUNS, HUMAN_SPEECH, MODALS, NOUN_FORMS, PRONOUNS,
                         QUANTIFIERS, STANCE, VAGUE_NOUNS, VERB, WORDS)

ACCORDING = re.compile(r"\baccording to\s+(?P<src>(?:(?!\b(?:who|which|that|whose|where|when)\b)[^,.;:()—–]){2,80})", re.I)
PHRASES = re.compile(
    r"\b(?=\w)(?:in an? (?:statement|press release|filing|court filing|letter|post|tweet|interview|speech|email|memo|"
    r"news conference|press conference|briefing|report) (?:to|with|on|by|from|released|issued|published|(?:e-?mailed|sent|"
    r"provided|given) to) (?:the )?[A-Z]|"
    r"(?:a |the )?spokes(?:person|man|woman) for [A-Z]|"
    r"(?:data|figures|statistics|records|documents|numbers) (?:from|by|released by|obtained by|published by|compiled by) "
    r"(?:the )?[A-Z]|"
    r"a (?:study|report|survey|poll|analysis|review|paper|audit) (?:by|from|for|published in|in) (?:the )?[A-Z]|"
    r"(?:told|tells) (?:the )?[A-Z][\w.]+|(?:speaking|writing) (?:to|in|on) (?:the )?[A-Z])", re.U)
# the outlet as its own source, closing the sentence: "…was stolen, TMZ has learned." Found from the verb back, in
# a window of a few words: a pattern reading names forward from every capital is quadratic on a run like "A-A-A-…"
OUTLET_LEARNED = re.compile(r"\b(?:has|have) (?:learned|learnt)(?=[\s.]*$)")
OUTLET_NAME = re.compile(r"\b(?=\w)(?:the\s+)?(?:[A-Z][\w.&’'-]*\s+){1,4}$", re.U)
OUTLET_WINDOW = 160   # characters before the verb: four words of a name
SPOKESPERSON = re.compile(r"\b(?:a|an|the)\s+(?P<org>(?:[A-Z][\w.&’'-]*\s+){1,4})(?:spokes(?:person|man|woman)|"
                          r"representative|official|source)\b")
# "according to plan", "according to how much they cost": a standard, not a source
NOT_A_SOURCE = re.compile(r"^(?:how|what|whether|which|when|where|why|plan|schedule|tradition|custom|the (?:plan|"
                          r"schedule|rules?|law|script|weather))\b", re.I)
PASSIVE_AGENT = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:described|called|criticised|criticized|praised|condemned|"
    r"reported|confirmed|announced|estimated|cited|quoted|labell?ed|branded|characteri[sz]ed|dubbed|denounced|"
    r"welcomed|disputed|documented|recorded|counted|tallied)\b[^.;]{0,80}?\bby\s+(?P<src>[^,.;:()—–]{2,60})")
# a weasel in so many words: a bare group right before its verb of speech ("indigenous elders say", "analysts have
# warned"), not any subject the classifier could not place
GROUP_SAYS = re.compile(r"^(?:[\w’'-]+ ){0,3}(?:" + "|".join(sorted(n for n in VAGUE_NOUNS if " " not in n)) +
                        r")\s+(?:have |had |would |may |might |also |long )?(?:\w+ly )?\w+$", re.I)
# "the report", "its key findings", "the study's": a definite reference back to a document (not to "the data")
DOCUMENT_BACKREF = re.compile(r"\b(?=\w)(?:the|its|their|this|that|these)\s+(?:(?:new|latest|key|main|full|final|same|initial|"
                              r"preliminary|annual|overall|original|recent|\w+[’']s)\s+)?(?:report|study|survey|poll|"
                              r"analysis|findings?|research|paper|review|audit|census|memo|filing)\b", re.I)
DOCUMENT_MENTION = re.compile(rf"\b(?=\w)(?:{DOCUMENT_NOUNS})\b", re.I)
NO_COMMENT = re.compile(r"\b(?=\w)(?:declined to comment|(?:did not|didn[’']t|has not|hasn[’']t|have not|had not) "
                        r"(?:yet )?(?:immediately )?(?:respond|responded) to (?:a |an |repeated |[\w’'.-]+(?: [\w’'.-]+)?[’']s )?"
                        r"(?:requests?|emails?|messages?|calls?|inquir(?:y|ies)|queries)|could not be reached|"
                        r"(?:did not|didn[’']t) return)", re.I)
# unnamed sources of a specific kind, however the sentence goes on: "people familiar with the talks said", "according
# to a person briefed on the call", "two sources with knowledge of the deal" (LABELS.md 'Which groups are sources')
ANON_SOURCE = re.compile(r"\b(?=\w)(?:people|persons?|sources?|officials?|individuals?|someone|diplomats?|aides?)\s+"
                         r"(?:(?:directly|closely|personally)\s+)?(?:familiar with|briefed on|with (?:direct |first-?hand |"
                         r"detailed )?knowledge of|close to the|involved in the|who (?:spoke|asked|requested|declined to be "
                         r"named|were not authori[sz]ed|was not authori[sz]ed)|not authori[sz]ed to)\b", re.I)
# "NASA's announcement", "the ministry's latest figures": a named source's own statement or document. Words bounded
# in length: an unbounded one was read forward from every capital of a run like "A-A-A-…" (quadratic)
POSSESSIVE_DOCUMENT = re.compile(
    r"(?P<owner>(?:\b(?:the|The)\s+)?\b[A-Z][\w.&-]{0,40}(?:\s+[A-Z][\w.&-]{0,40}){0,3})[’']s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:announcement|statement|press release|report|study|survey|poll|data|figures|filing|analysis|estimates?|"
    r"findings|records|memo|testimony|complaint|indictment|lawsuit)\b")
# the tag after a quotation closes it: '…,” the statement read.', '…,” the patient described in the case report.' —
# whatever the verb, the phrase between the closing mark and the verb is the speaker
QUOTE_TAG = re.compile(r"[,!?…—-][”\"]\s+(?P<src>(?:[\w’'.-]+\s+){0,5}?[\w’'.-]+)\s+(?P<verb>[a-z]+ed|read|reads|wrote|"
                       r"writes|[a-z]+s(?<!ss)|went on|goes on)\b[^“”\"]{0,40}$")
# a clause that opens with one of these is subordinate: its speaker is not the source of the main clause
SUBORDINATE = re.compile(r"^\W*(?:when|whenever|if|unless|until|once|because|although|though|whether|while)\b", re.I)
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
# a group right after a preposition is its object, not the subject of the verb after it: "the messages he provided
# to lawmakers showed" has no vague source
PREPOSITION_BEFORE = re.compile(r"\b(?:to|by|from|with|for|of|about|against|among|at|on|into|toward|towards|between|"
                                r"than)\s+$", re.I)
NAMING_ASIDE = re.compile(r"\bas (?:it|they|he|she|this|these) (?:is|are|was|were) (?:called|known|named|dubbed)\b", re.I)


def attribution(ctx: SentenceContext, vocabulary: frozenset = frozenset()) -> list[Evidence]:
    """The sentence's named and specific sources; its vague ones go to `ctx.weasels`. `vocabulary`: the words the
    article writes in lower case somewhere, so a sentence-initial "Whale experts" is no name."""
    text = ctx.text
    out: list[Evidence] = []
    # (start, end, text, how): `how` is the weasel lexicon's rule when the wording itself is the weasel ("critics
    # say", "it is believed"), True for a vague source in so many words the classifier found ("according to local
    # reports"), False for a subject the classifier could not place
    weasels: list[tuple[int, int, str, object]] = []

    def add(kind: str, note: str, a: int, b: int, plain: bool = False) -> None:
        if kind in ("named", "anonymous", "pronoun"):
            out.append(Evidence("attribution", text[a:b].strip(), [span_of(ctx, a, b)], note=note))
        elif kind == "vague":
            weasels.append((a, b, text[a:b], plain))

    for m in ACCORDING.finditer(text):
        if outside_quotes(ctx, m.start(), m.end()) and not NOT_A_SOURCE.match(m.group("src")):
            kind, note = classify_source(m.group("src"))
            # "according to the hotel bosses" is a definite source; anything naming no one is a weasel
            add({"definite": "named", "none": "vague", "generic": "vague"}.get(kind, kind), note, m.start(), m.end(),
                plain=kind in ("vague", "generic"))
    for m in PASSIVE_AGENT.finditer(text):
        if outside_quotes(ctx, m.start(), m.end()) and not NAMING_ASIDE.search(text, max(0, m.start() - 12), m.end()):
            kind, note = classify_source(m.group("src"))
            add({"definite": "named", "generic": "vague"}.get(kind, kind), note, m.start(), m.end(),
                plain=kind in ("vague", "generic"))
    for m in PHRASES.finditer(text):
        if re.search(r"\b(?:was|were|is|are|been|be)\s+$", text[max(0, m.start() - 20):m.start()]) and m.group(0)[:1] in "sw":
            continue   # "he was speaking to the BBC" tells what happened, it does not source a claim
        if outside_quotes(ctx, m.start(), m.end()):
            out.append(Evidence("attribution", m.group(0).strip(), [span_of(ctx, m.start(), m.end())]))
    for m in OUTLET_LEARNED.finditer(text):
        lo = max(0, m.start() - OUTLET_WINDOW)
        name = OUTLET_NAME.search(text, lo, m.start())
        if name and outside_quotes(ctx, name.start(), m.end()):
            out.append(Evidence("attribution", text[name.start():m.end()].strip(), [span_of(ctx, name.start(), m.end())]))
    for m in SPOKESPERSON.finditer(text):
        if outside_quotes(ctx, m.start(), m.end()) and _has_verb_after(text, m.end()):
            out.append(Evidence("attribution", m.group(0), [span_of(ctx, m.start(), m.end())]))
    for m in VERB.finditer(text):
        if m.group(0).endswith("ing"):
            # "saying", "writing" attribute only as "…, saying …" (to the subject of the sentence); elsewhere they
            # are nouns or gerunds
            if re.search(r",\s*(?:\w+ly\s+)?$", text[max(0, m.start() - 20):m.start()]) and \
                    not re.match(r"\s+(?:to|up)\b", text[m.end():m.end() + 4]):   # ", adding to the pressure"
                add("named", "the source is the subject of the sentence", m.start(), m.end())
            continue
        if re.match(r"\s+(?:the|a|an|their|his|her|its) (?:story|tale|history)\b|\s+of\b", text[m.end():m.end() + 20]) \
                and m.group(0).startswith("tell"):
            continue   # "tells the story of": narration, not a source
        if re.match(r"\s+(?:themselves|itself|himself|herself)\b", text[m.end():m.end() + 12]) or \
                m.group(0) in ("maintained", "maintains", "posted", "recorded") and \
                re.match(r"\s+(?:a|an|the|its|his|her|their)\s", text[m.end():m.end() + 8]):
            continue   # "find themselves in a vise", "has maintained a lead", "posted a loss": no one is reporting
        if not outside_quotes(ctx, m.start(), m.end()) or _noun_use(text, m) or \
                PASSIVE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue   # "it is widely thought", "was reported" name no one: the weasel lexicon and PASSIVE_AGENT judge them
        stance = bool(STANCE.fullmatch(m.group(0)))
        if stance and m.group(0) in ("see", "sees", "saw", "view", "views", "consider", "considers") and \
                not re.match(r"\s+(?:it|this|that|the \w+|\w+)\s+as\b", text[m.end():]):
            continue   # "see" only reports a view in "sees X as"
        if m.group(0) in ("touted", "touts", "hailed", "hails") and \
                not re.match(r"\s+(?:[\w’'-]+\s+){1,6}?as\b", text[m.end():]):
            continue   # "touted the plan as a step forward" reports a view; "touted a low price" is a sales pitch
        # inverted first: '…,” said Mr. Reeves' / ', says Parata' names the source right after the verb
        before = text[max(0, m.start() - 10):m.start()].rstrip()
        inverted_vague = None
        if not stance and (before.endswith((",", "”", "\"", "’", ":")) or m.start() == 0):
            obj = object_phrase(text, m.end())
            if obj:
                kind, note = classify_source(obj[0])
                if kind in ("named", "anonymous"):
                    add(kind, note, m.start(), obj[1])
                    continue
                if kind == "vague":
                    # "Joel Roe, a teacher, said politicians have…": the group may be what was said, not who said
                    # it; the subject before the comma decides
                    inverted_vague = (m.start(), obj[1])
        subject, kind, note = None, "none", ""
        for n, candidate in enumerate(subject_phrases(text, m.start())):
            kind, note = classify_source(candidate[0], candidate[2], vocabulary)
            if kind in ("vague", "generic") and PREPOSITION_BEFORE.search(text, max(0, candidate[1] - 12), candidate[1]):
                kind = "none"
                continue
            if kind in ("definite", "generic"):
                # a definite description or a bare plural is a source only as the plain subject of a verb of
                # speech, not as the last words of a clause before a comma
                speech = not stance and m.group(0) in HUMAN_SPEECH and not _after_comma(text, candidate, m.start())
                kind = ("named" if kind == "definite" else "vague") if speech else "none"
            if kind != "none":
                subject = candidate
                break
        if subject:
            if kind == "pronoun" and CONTINUATION.match(text) and subject[1] < 25:
                continue   # "He added that…": reported as a continuation
            if kind == "pronoun" and not _main_clause(text, subject[1]):
                continue   # "…when they tell the government": not who the sentence's information comes from
            if _modal_between(text, subject[1], m.start()):
                continue   # "the administration will announce": a plan, not a source
            if kind != "pronoun" and _subordinate(text, subject[1]):
                continue   # "When the advisers suggested X, the president refused": not where the sentence's news comes from
            add(kind, note, subject[1], m.end(), plain=bool(GROUP_SAYS.match(text[subject[1]:m.end()])))
        elif inverted_vague:
            add("vague", "", *inverted_vague)
    m = QUOTE_TAG.search(text)
    if m:
        kind, note = classify_source(m.group("src"))
        if kind == "definite" or kind in ("named", "anonymous", "pronoun"):
            add("named" if kind == "definite" else kind, note, m.start("src"), m.end("verb"))
    for m in ANON_SOURCE.finditer(text):
        if outside_quotes(ctx, m.start(), m.end()):
            add("anonymous", "the source is not named", m.start(), m.end())
    for m in POSSESSIVE_DOCUMENT.finditer(text):
        if outside_quotes(ctx, m.start(), m.end()) and re.sub(r"^[Tt]he\s+", "", m.group("owner")).split()[0].lower() not in CALENDAR | DETERMINERS:
            kind, note = classify_source(m.group("owner"), m.start() == 0, vocabulary)
            if kind in ("named", "anonymous"):
                add(kind, note or "the statement or document of a named source", m.start(), m.end())
    for m in NO_COMMENT.finditer(text):
        out.append(Evidence("attribution", m.group(0), [span_of(ctx, m.start(), m.end())],
                            note="the source was asked and did not answer"))
    # vague attributions in so many words: the weasel lexicon (server/lexicons/weasel.yml), the one list of them
    for a, b, rule in ctx.lexicon_matches:
        if rule.category == "weasel" and outside_quotes(ctx, a, b) and not rule.literal(text, a, b):
            weasels.append((a, b, text[a:b], rule))
    out = _dedupe(out)
    # a weasel that is part of a real attribution ("the report also suggested") is not one
    weasels = [w for w in weasels if not any(e.spans[0].start - ctx.sentence.start <= w[0] <
                                              e.spans[0].end - ctx.sentence.start for e in out)]
    ctx.weasels = [Weasel(span_of(ctx, a, b), how is not False, how if isinstance(how, Rule) else None)
                   for a, b, _, how in _one_per_place(weasels)]
    return out


def _one_per_place(weasels: list[tuple]) -> list[tuple]:
    """Overlapping finds of one vague attribution ("critics argue" by two lexicon entries and by the source
    classifier) reported once: the lexicon's first (it has a reason of its own), then the longest."""
    kept: list[tuple] = []
    for w in sorted(weasels, key=lambda w: (not isinstance(w[3], Rule), w[0], w[0] - w[1])):
        if not any(w[0] < k[1] and k[0] < w[1] for k in kept):
            kept.append(w)
    return sorted(kept, key=lambda w: w[0])


def _after_comma(text: str, candidate: tuple[str, int, bool], verb_start: int) -> bool:
    end = candidate[1] + len(candidate[0])
    return any(ch in text[end:verb_start] for ch in ",—–")


def _noun_use(text: str, m) -> bool:
    """"one of Africa's most promising states", "a say", "the reports": a verb form used as a noun."""
    if m.group(0) not in NOUN_FORMS:
        return False
    before = WORDS.findall(text, max(0, m.start() - 40), m.start())
    prev = before[-1].lower() if before else ""
    if (prev in DETERMINERS | QUANTIFIERS | {"most", "more", "new", "such", "latest", "recent", "official"}
            or prev.endswith(("’s", "'s", "ing")) or prev.isdigit()
            or prev.endswith(("al", "ial", "ic", "ive", "ous", "ful")) and prev not in PRONOUNS):
        return True
    # "overshoot the budget office forecast": the noun phrase before it is an object, so this is a noun
    lead = re.search(r"(\w+)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}$", text[max(0, m.start() - 120):m.start()])
    return bool(lead) and lead.group(1).islower() and lead.group(1) not in CLAUSE_STOP | {"said", "says"}


def _main_clause(text: str, start: int) -> bool:
    """A pronoun that opens the sentence (after a connective or an introductory phrase) or follows a quotation."""
    lead = text[max(0, start - 60):start].rstrip()
    if start > 60:
        return lead.endswith((",", "”", "\"", "’", ":", "—", "–"))
    if not lead or lead.endswith((",", "”", "\"", "’", ":", "—", "–")):
        return True
    return bool(re.fullmatch(r"(?:but|and|however|still|yet|so|meanwhile|instead|later|now|then)", lead, re.I))


def _subordinate(text: str, start: int) -> bool:
    """The subject at `start` is inside an opening subordinate clause ("When the advisers suggested…, X")."""
    lead = text[:start]
    return start < 120 and not any(ch in lead for ch in ",;:—–") and bool(SUBORDINATE.match(lead))


def _modal_between(text: str, a: int, b: int) -> bool:
    return any(w in MODALS for w in WORDS.findall(text[a:b]))


def _has_verb_after(text: str, end: int) -> bool:
    return bool(re.match(r"\s+(?:\w+\s+){0,2}?(?:\w+ed|said|says|told|declined|did|does|would|could|has|had)\b", text[end:]))


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    out, reach = [], {}   # sorted by start: a cue overlaps an earlier one of its type iff it starts before that reach
    for e in sorted(evidence, key=lambda x: (x.spans[0].start, -(x.spans[0].end - x.spans[0].start))):
        if e.spans[0].start >= reach.get(e.type, -1):
            out.append(e)
            reach[e.type] = max(reach.get(e.type, -1), e.spans[0].end)
    return out


def document_backrefs(body: list[SentenceContext]) -> None:
    """"The report concluded…", "Among its key findings…": a definite reference, near the start of the sentence, to
    a document the article has already sourced counts as attribution to that document."""
    sourced_document = False
    for ctx in body:
        text = ctx.text
        if sourced_document and not any(e.type == "attribution" for e in ctx.sentence.evidence):
            m = DOCUMENT_BACKREF.search(text)
            if m and len(text[:m.start()].split()) <= 5 and outside_quotes(ctx, m.start(), m.end()):
                ctx.sentence.evidence.append(Evidence("attribution", m.group(0), [span_of(ctx, m.start(), m.end())],
                                                      note="refers back to the document named earlier"))
        if ctx.sentence.evidence and DOCUMENT_MENTION.search(text):
            sourced_document = True

