"""Citation evidence (LABELS.md §1–5), reference resolution and the `uncited` flag.

Evidence types: marker, link, attribution, quote, continuation. A sentence with none that makes a
claim a reader would want sourced is flagged `uncited`, and the reason names the kind of claim.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

from ..report import Evidence, Flag, Span
from . import SentenceContext

SPEECH_VERBS = (
    "said|says|say|told|tells|tell|reported|reports|report|wrote|writes|write|found|finds|estimated|estimates|"
    "announced|announces|stated|states|confirmed|confirms|added|adds|explained|explains|noted|notes|argued|argues|"
    "claimed|claims|warned|warns|testified|tweeted|posted|acknowledged|acknowledges|admitted|admits|insisted|insists|"
    "vowed|vows|predicted|predicts|concluded|concludes|showed|shows|show|revealed|reveals|indicated|indicates|"
    "asserted|declared|declares|disclosed|recalled|recalls|described|describes|suggested|suggests|believes|believed|"
    "thinks|thought|told|replied|responded|asked|urged|urges|called|calls|criticised|criticized|denied|denies|"
    "agreed|agrees|alleged|alleges|contended|cautioned|emphasised|emphasized|stressed|stresses|pointed out|"
    "projected|projects|forecast|forecasts|calculated|counted|recorded|documented|wrote in|writes in"
)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
ACCORDING = re.compile(r"\baccording to\s+(?P<src>(?:the\s+|a\s+|an\s+)?[\w’'.&-]+(?:\s+[\w’'.&-]+){0,4})", re.I)
PHRASES = re.compile(
    r"\b(?:in a (?:statement|report|press release|filing|letter|post|tweet|interview|speech|court filing)|"
    r"(?:a |the )?spokes(?:person|man|woman) for|data (?:from|by) [A-Z]|a (?:study|report|survey|poll|analysis|review) "
    r"(?:by|from|published|in) |(?:figures|statistics|records|documents) (?:from|released by|obtained by|published by) |"
    r"(?:told|tells) (?:the )?[A-Z][\w]+|(?:said|says) in a|(?:speaking|writing) (?:to|in|on) [A-Z])", re.U)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
VAGUE_SOURCES = {"some", "many", "critics", "experts", "observers", "people", "others", "commentators", "pundits",
                 "skeptics", "sceptics", "someone", "somebody", "everyone", "most", "few", "several", "insiders"}
ANONYMOUS = re.compile(r"\b(?:officials?|sources?|aides?|insiders?|diplomats?|investigators|residents|witnesses|"
                       r"a (?:police|government|military|security|senior|person|source)[\w ]{0,20})\b", re.I)
ROLE_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "minister", "ministry", "police", "official", "officials", "president",
    "governor", "mayor", "sheriff", "department", "agency", "report", "study", "survey", "poll", "data", "statement",
    "court", "judge", "prosecutors", "prosecutor", "lawyer", "lawyers", "attorney", "researchers", "scientists",
    "analysts", "authorities", "company", "firm", "government", "army", "military", "commission", "committee", "council",
    "office", "source", "sources", "witnesses", "residents", "administration", "campaign", "secretary", "chief",
    "director", "ceo", "chairman", "chairwoman", "chair", "leader", "spokesperson", "statistics", "figures", "census",
    "bureau", "institute", "university", "service", "board", "group", "organisation", "organization", "union", "party",
    "senator", "representative", "congressman", "congresswoman", "lawmakers", "lawmaker", "regulators", "regulator",
    "economist", "economists", "doctors", "doctor", "professor", "expert", "investigators", "documents", "records",
    "paper", "article", "book", "filing", "letter", "website", "aides", "aide", "diplomats", "diplomat", "editor",
    "correspondent", "reporter", "staff", "team", "family", "wife", "husband", "mother", "father", "daughter", "son",
    "friend", "colleague", "neighbour", "neighbor", "owner", "manager", "founder", "author", "historian", "analysis",
    "review", "inquiry", "investigation", "forces", "troops", "commander", "general", "officer", "officers", "agent",
    "agents", "employees", "workers", "members", "users", "officials", "parents", "students", "teachers", "victims",
}
SKIP_BEFORE_VERB = {"also", "later", "has", "have", "had", "previously", "recently", "once", "then", "further",
                    "repeatedly", "publicly", "privately", "separately", "earlier", "reportedly", "would", "will",
                    "had", "may", "might", "could", "and", "who", "which", "that", "first", "last", "year", "week",
                    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                    "today", "tonight", "previously", "again", "herself", "himself", "themselves", "often", "frequently"}
CONTINUATION = re.compile(r"^\s*(?:(?:but|and|however|still|yet|meanwhile),?\s+)?(?:he|she|they|it|the \w+|mr\.? \w+|ms\.? \w+|mrs\.? \w+|dr\.? \w+)\s+"
                          r"(?:also\s+|later\s+|further\s+|then\s+)?(?:added|continued|went on|also said|also noted|noted|explained|"
                          r"insisted|stressed|argued|concluded|said|says|told|wrote)\b", re.I)
NAV_PATH = re.compile(r"/(?:tags?|topics?|topic|authors?|people|profile|profiles|section|sections|category|categories|"
                      r"newsletters?|subscribe|subscription|login|signin|sign-in|account|search|video|live|hub|by)(?:/|$)", re.I)
SHARE_HOST = re.compile(r"(?:^|\.)(?:facebook\.com|twitter\.com|x\.com|linkedin\.com|pinterest\.com|reddit\.com|"
                        r"whatsapp\.com|t\.me|telegram\.me)$", re.I)
SHARE_PATH = re.compile(r"share|sharer|intent/tweet|sharing", re.I)

NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                    r"hundreds?|thousands?|millions?|billions?|trillions?|dozens?|percent|per cent|half|third|quarter|"
                    r"majority|minority|double|doubled|tripled|halved)\b", re.I)
SUPERLATIVE = re.compile(r"\b(?:most|least|best|worst|biggest|largest|smallest|highest|lowest|greatest|fastest|first|"
                         r"only|more than|less than|fewer than|longest|deadliest|strongest|weakest|\w{3,}iest)\b", re.I)
PREDICTION = re.compile(r"\b(?:will|won't|is going to|are going to|is set to|are set to|is certain|are certain|is bound to)\b", re.I)
CAUSE = re.compile(r"\b(?:because|due to|led to|leads to|lead to|caused|causes|cause|result(?:ed|s)? in|as a result|"
                   r"made worse|thanks to|blamed|responsible for|driven by|fuelled|fueled|therefore|so that|"
                   r"consequently|in order to)\b", re.I)
JUDGEMENT = re.compile(r"\b(?:the fact that|clearly|obviously|undeniabl[ey]|certainly|of course|no doubt|must|should|"
                       r"need to|needs to|it is (?:clear|certain|obvious))\b", re.I)
CHARACTERISATION = re.compile(r"\b(?:is|are|was|were|has been|have been|remains?|became|become|seems?|appears?)\s+"
                              r"(?:a |an |the |very |so |too |still |now |not |also |increasingly |largely )?\w+", re.I)
INTRO = re.compile(r"^(?:here(?:'s| is| are) (?:what|how|why|the)|read more|click here|this is what|what we know|"
                   r"for more|related:|watch:|listen:|see also|scroll down|advertisement)", re.I)
FURNITURE_TEXT = re.compile(r"^(?:by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:,| and|$)|photo:|image:|image copyright|"
                            r"image caption|getty images|ap photo|reuters/|follow (?:us|me|him|her)|share (?:this|on)|"
                            r"sign up|subscribe|advertisement|copyright|©|all rights reserved|updated|published|"
                            r"last modified|posted (?:on|at)|email|print this|related|more from|click to|"
                            r"\(?(?:cnn|reuters|ap|afp)\)?\s*[—–-]|[A-Z]{3,}(?:,? [A-Z][a-z]+)* [—–-] )", re.U)
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s*(?:\([\w ]+\))?\s*[—–-]\s*")


def detect(contexts: list[SentenceContext], references: list[dict], page_url: str | None) -> None:
    by_id = {}
    for ref in references:
        by_id[str(ref["id"])] = ref
        if ref.get("number") is not None:
            by_id.setdefault(str(ref["number"]), ref)
    for ctx in contexts:
        if ctx.sentence.kind == "body" and _is_furniture(ctx.text):
            ctx.sentence.kind = "furniture"
    for ctx in contexts:
        if ctx.sentence.kind != "body":
            continue
        ev = ctx.sentence.evidence
        ev += _markers(ctx, by_id)
        ev += _links(ctx, page_url)
        attribution = _attribution(ctx)
        ev += attribution
    # quotes and continuations look at the neighbours' attributions, so they come second
    for ctx in contexts:
        if ctx.sentence.kind != "body":
            continue
        ctx.sentence.evidence += _quote_evidence(ctx) + _continuation(ctx)
    for ctx in contexts:
        if ctx.sentence.kind == "body":
            _judge(ctx)


# ------------------------------------------------------------ evidence

def _span(ctx: SentenceContext, a: int, b: int) -> Span:
    return Span(ctx.sentence.start + a, ctx.sentence.start + b, ctx.text[a:b])


def _markers(ctx: SentenceContext, by_id: dict) -> list[Evidence]:
    out = []
    for m in ctx.inlines:
        if m.type != "marker":
            continue
        ref = by_id.get(str(m.ref)) or by_id.get(re.sub(r"\D", "", ctx.text[m.start:m.end]))
        source = {"id": ref["id"], "number": ref.get("number"), "text": ref["text"], "url": ref.get("url")} if ref else None
        out.append(Evidence("marker", ctx.text[m.start:m.end], [_span(ctx, m.start, m.end)], source,
                            "" if ref else "the marker's source is not in the page's reference list"))
    return out


def is_source_link(href: str | None, page_url: str | None) -> bool:
    """A link to another document, not navigation, a tag/topic/author page, a share button or this page."""
    if not href:
        return False
    url = urlparse(href)
    if url.scheme not in ("http", "https"):
        return False
    host = url.netloc.lower()
    if SHARE_HOST.search(host) and SHARE_PATH.search(url.path + "?" + url.query):
        return False
    path = url.path or "/"
    if page_url:
        page = urlparse(page_url)
        if host == page.netloc.lower() and path.rstrip("/") == (page.path or "/").rstrip("/"):
            return False   # a link to this very page
        if host == page.netloc.lower() and (path.count("/") <= 2 and len(path) < 25 or NAV_PATH.search(path)):
            return False   # site navigation: sections, tags, authors
    elif NAV_PATH.search(path) or path in ("", "/"):
        return False
    return True


def _links(ctx: SentenceContext, page_url: str | None) -> list[Evidence]:
    out = []
    for link in ctx.inlines:
        if link.type == "link" and is_source_link(link.href, page_url):
            out.append(Evidence("link", ctx.text[link.start:link.end], [_span(ctx, link.start, link.end)],
                                {"id": None, "text": ctx.text[link.start:link.end], "url": link.href}))
    return out


def _words_before(text: str, end: int, n: int = 6) -> list[tuple[str, int, int]]:
    words = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w’'.&-]+", text[:end])]
    return words[-n:]


def _subject(text: str, verb_start: int) -> tuple[str, int] | None:
    """The source named just before a speech verb ("the ministry said"), or None."""
    words = _words_before(text, verb_start, 8)
    while words and words[-1][0].lower().rstrip(",") in SKIP_BEFORE_VERB:
        words.pop()
    if not words:
        return None
    word, start, _ = words[-1]
    low = word.lower().strip(".’'")
    if low in VAGUE_SOURCES or (len(words) > 1 and words[-2][0].lower() in VAGUE_SOURCES and low in ROLE_NOUNS | {"people"}):
        return ("vague", start)
    if low in PRONOUNS:
        return ("pronoun", start)
    if word[:1].isupper() or low in ROLE_NOUNS or low.endswith(("’s", "'s")):
        # a capitalised word that only opens the sentence is not a name: "Police said" is, "Prices rose" is not
        return ("named", start)
    return None


def _attribution(ctx: SentenceContext) -> list[Evidence]:
    text = ctx.text
    out: list[Evidence] = []
    vague_hits = []
    for m in ACCORDING.finditer(text):
        src = m.group("src")
        first = src.split()[0].lower().strip(",")
        if first in VAGUE_SOURCES or (first in ("the", "a", "an") and len(src.split()) > 1 and src.split()[1].lower() in VAGUE_SOURCES):
            vague_hits.append(m)
            continue
        out.append(Evidence("attribution", m.group(0), [_span(ctx, m.start(), m.end())],
                            note=_anonymous_note(src)))
    for m in PHRASES.finditer(text):
        out.append(Evidence("attribution", m.group(0).strip(), [_span(ctx, m.start(), m.end())]))
    for m in SPEECH.finditer(text):
        subject = _subject(text, m.start())
        inverted = _inverted_subject(text, m.end())
        if subject and subject[0] == "vague" and not inverted:
            vague_hits.append(m)
            continue
        if subject and subject[0] in ("named", "pronoun"):
            a = subject[1]
        elif inverted and text[:m.start()].rstrip().endswith((",", "”", "\"")):
            a = m.start()
            subject = ("named", a)
        else:
            continue
        cue_end = m.end() if not inverted or a < m.start() else inverted
        phrase = text[a:max(cue_end, m.end())]
        note = "the source is identified by a pronoun from the text around it" if subject[0] == "pronoun" else _anonymous_note(phrase)
        out.append(Evidence("attribution", phrase, [_span(ctx, a, max(cue_end, m.end()))], note=note))
    ctx.notes["vague"] = bool(vague_hits) and not out
    return _dedupe(out)


def _inverted_subject(text: str, verb_end: int) -> int | None:
    """", said the minister" / ", says Jane Doe": the end of the named source after the verb."""
    m = re.match(r"\s+((?:the |a |an )?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|the \w+(?: \w+)?)", text[verb_end:])
    return verb_end + m.end() if m else None


def _anonymous_note(phrase: str) -> str:
    if ANONYMOUS.search(phrase) and not re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", phrase):
        return "the source is not named"
    return ""


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    out = []
    for e in evidence:
        if not any(o.type == e.type and o.spans and e.spans and o.spans[0].start <= e.spans[0].start < o.spans[0].end for o in out):
            out.append(e)
    return out


def _attributed(ctx: SentenceContext | None) -> bool:
    return ctx is not None and any(e.type in ("attribution", "continuation") for e in ctx.sentence.evidence)


def _quote_evidence(ctx: SentenceContext) -> list[Evidence]:
    quotes = [q for q in ctx.quotes if q.words >= 1]
    if not quotes:
        return []
    # the speaker is named here, or in the sentence just before or after it in the same paragraph,
    # or the quote runs on from a quote that was attributed
    here = _attributed(ctx)
    around = _attributed(ctx.previous) or _attributed(ctx.next)
    runs_on = quotes[0].opened_before and ctx.previous is not None and any(
        e.type == "quote" for e in ctx.previous.sentence.evidence)
    if not (here or around or runs_on):
        return []
    q = quotes[0]
    speaker = next((e.cue for c in (ctx, ctx.previous, ctx.next) if c for e in c.sentence.evidence
                    if e.type == "attribution"), None)
    ctx.speaker = _speaker_name(speaker)
    note = "" if here else "the speaker is named in the next sentence" if _attributed(ctx.next) and not _attributed(ctx.previous) \
        else "the speaker is named in the sentence before"
    return [Evidence("quote", ctx.text[q.start:q.end][:80], [_span(ctx, q.start, q.end)], note=note)]


def _speaker_name(cue: str | None) -> str | None:
    if not cue:
        return None
    cue = re.sub(r"^according to\s+", "", cue, flags=re.I)
    cue = SPEECH.sub("", cue).strip(" ,")
    return cue or None


def _continuation(ctx: SentenceContext) -> list[Evidence]:
    m = CONTINUATION.match(ctx.text)
    if not m or not ctx.previous or not ctx.previous.sentence.evidence:
        return []
    return [Evidence("continuation", m.group(0).strip(), [_span(ctx, m.start(), m.end())],
                     note="carries on the attribution of the sentence before")]


# ------------------------------------------------------------ claims and the flag

def _is_furniture(text: str) -> bool:
    t = text.strip()
    return bool(FURNITURE_TEXT.match(t)) and len(t.split()) <= 15 or bool(INTRO.match(t)) and len(t.split()) <= 8


def claim_kind(text: str) -> str | None:
    """What a reader would want sourced in this sentence, or None when it asserts nothing checkable."""
    t = text.strip()
    plain = re.sub(r"\[\d+\]", "", t)
    words = re.findall(r"[A-Za-z’']+", plain)
    if t.endswith("?") or len(words) < 5 or INTRO.match(t) or t.endswith(":"):
        return None
    if JUDGEMENT.search(plain):
        return "presents a judgement as fact"
    if NUMBER.search(plain):
        return "states a number"
    if SUPERLATIVE.search(plain):
        return "makes a superlative or comparison"
    if PREDICTION.search(plain):
        return "states a prediction as certain"
    if CAUSE.search(plain):
        return "states a cause or consequence"
    if CHARACTERISATION.search(plain):
        return "characterises a person, group or situation"
    return "states an event or fact"


def _judge(ctx: SentenceContext) -> None:
    s = ctx.sentence
    if s.evidence:
        return
    s.claim = claim_kind(s.text)
    if not s.claim:
        return
    reason = f"{s.claim}; no link, marker or named source"
    if ctx.notes.get("vague"):
        reason += " (the attribution is vague: it names no one who could be checked)"
    s.flags.append(Flag("uncited", reason, [Span(s.start, s.end, s.text)]))
