"""Citation evidence (LABELS.md §1–5), reference resolution and the `uncited` flag.

Evidence types, each reported with its cue so the reader sees why a sentence counts as sourced:
  marker        [n], a superscript, a footnote link or a site annotation, resolved against the reference list
  link          a hyperlink inside the sentence to another document (not navigation, tags, authors, shares, this page)
  attribution   a named or specific source: "according to X", "X said", "said X", "in a statement", "a spokesperson
                for X", "data from X show"; unnamed but specific sources ("US officials said") carry a note
  quote         a direct quotation whose speaker is named in the sentence, its neighbours in the paragraph, or (for a
                paragraph that is all quotation) the paragraph before; a quotation running over several sentences
  continuation  a sentence carrying on the attribution before it ("She added that…", a list under "He also said:")

Vague attributions ("critics say", "experts believe", "it is widely thought", "reportedly") are not evidence: they
are recorded as weasel attributions and named in the reason. A sentence without evidence is flagged `uncited` when
it makes a claim a reader would want sourced; the reason names the kind of claim.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

from nltk.tokenize.punkt import _ORTHO_MID_LC

from ..report import Evidence, Flag, Span
from ..segment import tokenizer
from . import SentenceContext

# ------------------------------------------------------------ vocabulary

# Reporting verbs: the subject is where the information comes from. Matched in lower case only, so "United
# States" or "Finds" in a title never reads as a verb.
SPEECH_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|reported|reports|report|wrote|writes|write|writing|found|finds|find|"
    "estimated|estimates|estimate|announced|announces|announce|stated|states|confirmed|confirms|confirm|added|adds|"
    "explained|explains|noted|notes|argued|argues|argue|claimed|claims|claim|warned|warns|warn|testified|testifies|"
    "tweeted|posted|acknowledged|acknowledges|acknowledge|admitted|admits|admit|insisted|insists|insist|vowed|vows|"
    "predicted|predicts|concluded|concludes|conclude|showed|shows|show|revealed|reveals|reveal|indicated|indicates|"
    "asserted|asserts|declared|declares|disclosed|discloses|divulged|recalled|recalls|described|describes|suggested|"
    "suggests|suggest|replied|responded|asked|urged|urges|denied|denies|deny|agreed|agrees|alleged|alleges|contended|"
    "contends|cautioned|emphasised|emphasized|stressed|stresses|pointed out|points out|projected|projects|forecast|"
    "forecasts|calculated|counted|recorded|documented|summed up|sums up|determined|assessed|assesses|maintained|"
    "maintains|conceded|concedes|remarked|observed|complained|lamented|boasted|reiterated|countered|objected|"
    "announced|detailed|outlined|cited|cites|briefed|informed|advised|testified|confided|"
    "joked|quipped|shouted|instructed|exclaimed|pleaded|"
    "declined to comment|did not respond|did not immediately respond|could not be reached"
)
# Stance verbs report what a source thinks: evidence with a specific source, a weasel with a vague one.
STANCE_STATES = ("(?:particularly |deeply |increasingly |also |still )?"
                 "(?:concerned|worried|confident|optimistic|pessimistic|convinced|alarmed|skeptical|sceptical|adamant)")
STANCE_VERBS = (
    "believe|believes|believed|think|thinks|thought|expect|expects|expected|fear|fears|feared|worry|worries|worried|"
    "hope|hopes|hoped|accuse|accuses|accused|regard|regards|doubt|doubts|consider|considers|see|sees|saw|view|views|"
    + "|".join(f"{be} {STANCE_STATES}" for be in ("is", "are", "was", "were", "remain", "remains"))
)
# Verbs that carry on someone already named ("he defended his decision", "she added that")
CONTINUE_VERBS = ("added|adds|continued|continues|went on|goes on|also said|also says|also noted|also told|defended|"
                  "defends|wondered|wonders|elaborated|repeated|reiterated|concluded|conceded")


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


SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
STANCE = re.compile(rf"\b(?:{STANCE_VERBS})\b")
VERB = re.compile(_by_first_letter(f"{SPEECH_VERBS}|{STANCE_VERBS}") + r"\b")
ACCORDING = re.compile(r"\baccording to\s+(?P<src>(?:(?!\b(?:who|which|that|whose|where|when)\b)[^,.;:()—–]){2,80})", re.I)
PHRASES = re.compile(
    r"\b(?=\w)(?:in an? (?:statement|press release|filing|court filing|letter|post|tweet|interview|speech|email|memo|"
    r"news conference|press conference|briefing|report) (?:to|with|on|by|from|released|issued|published) [A-Z]|"
    r"(?:a |the )?spokes(?:person|man|woman) for [A-Z]|"
    r"(?:data|figures|statistics|records|documents|numbers) (?:from|by|released by|obtained by|published by|compiled by) "
    r"(?:the )?[A-Z]|"
    r"a (?:study|report|survey|poll|analysis|review|paper|audit) (?:by|from|for|published in|in) (?:the )?[A-Z]|"
    r"(?:told|tells) (?:the )?[A-Z][\w.]+|(?:speaking|writing) (?:to|in|on) (?:the )?[A-Z]|"
    # the outlet as its own source, closing the sentence: "…was stolen, TMZ has learned."
    r"(?:the\s+)?(?:[A-Z][\w.&’'-]*\s+){1,4}(?:has|have) (?:learned|learnt)(?=[\s.]*$))", re.U)
SPOKESPERSON = re.compile(r"\b(?:a|an|the)\s+(?P<org>(?:[A-Z][\w.&’'-]*\s+){1,4})(?:spokes(?:person|man|woman)|"
                          r"representative|official|source)\b")
# "according to plan", "according to how much they cost": a standard, not a source
NOT_A_SOURCE = re.compile(r"^(?:how|what|whether|which|when|where|why|plan|schedule|tradition|custom|the (?:plan|"
                          r"schedule|rules?|law|script|weather))\b", re.I)
PASSIVE_AGENT = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:described|called|criticised|criticized|praised|condemned|"
    r"reported|confirmed|announced|estimated|cited|quoted|labell?ed|branded|characteri[sz]ed|dubbed|denounced|"
    r"welcomed|disputed|documented|recorded|counted|tallied)\b[^.;]{0,80}?\bby\s+(?P<src>[^,.;:()—–]{2,60})")
# Vague attributions: LABELS.md's weasel attributions, in any order
VAGUE = re.compile(
    r"\b(?=\w)(?:"   # every alternative opens a word: the boundary is tested once for all of them
    r"(?:(?:some|many|most|several|few|other) (?:\w+ )?(?:people|observers|experts|critics|analysts|commentators|"
    r"scientists|researchers|economists|officials say)|critics|skeptics|sceptics|pundits|observers)"
    r"\s+(?:have |had |would |may |might )?(?:\w+ly )?(?:say|said|says|believe|believes|believed|argue|argued|think|"
    r"thought|claim|claimed|suggest|suggested|contend|worry|fear|feared|warn|warned|agree|see|saw)\b|"
    r"it (?:is|was|has been|had been) (?:widely |generally |commonly |often |long |also )?(?:thought|believed|said|"
    r"understood|known|reported|claimed|rumou?red|argued|felt|assumed|suggested|alleged|accepted)\b|"
    r"(?:is|are|was|were) (?:widely |generally |commonly |often )?(?:said|thought|believed|rumou?red|reported|"
    r"alleged|understood|considered|suspected) to\b|"
    r"(?:is|are|was|were|has been|have been|had been) (?:long |widely |often |also |generally )?(?:heralded|hailed|"
    r"described|seen|regarded|viewed|touted|considered|branded|dubbed|suspected|rumou?red)\b(?! by)"
    r"(?!\s+\w+\s+(?:if|when|unless|once|until)\b)|"   # "a request is considered successful if…": a definition
    r"(?:reportedly|allegedly|supposedly|purportedly|rumou?red(?:ly)?)\b|"
    r"raised (?:fears|concerns|questions|alarm|doubts|hopes)\b|the thinking is\b|conventional wisdom\b|"
    r"what (?:many|some|most) (?:\w+ )?(?:saw|see|consider|considered|call|called|view|viewed) as\b|"
    r"(?:there are|there were) (?:those|some|people) who\b|in the eyes of (?:many|some)\b|"
    r"some (?:would )?(?:say|argue|believe|suggest)\b|many (?:say|believe|argue|think|feel)\b)", re.I)

PRONOUNS = {"he", "she", "they", "it"}
WRITER = {"i", "we", "you", "me", "us", "one"}
QUANTIFIERS = {"some", "many", "most", "several", "few", "other", "others", "various", "numerous", "countless",
               "certain", "no", "any", "all"}
# Generic groups: bare plurals of these name no one who could be checked ("analysts said", "experts believe")
VAGUE_NOUNS = {
    "people", "critics", "experts", "observers", "analysts", "commentators", "pundits", "skeptics", "sceptics",
    "scientists", "researchers", "economists", "historians", "scholars", "academics", "politicians", "elders",
    "insiders", "someone", "somebody", "everyone", "everybody", "others", "many", "some", "most", "few", "several",
    "activists", "campaigners", "advocates", "opponents", "supporters", "proponents", "detractors", "fans", "voters",
    "residents", "locals", "citizens", "americans", "consumers", "parents", "doctors", "studies", "reports", "media",
    "rumours", "rumors", "sources say", "commentary", "lawmakers", "legislators", "leaders", "groups", "governments",
}
# a weasel in so many words: a bare group right before its verb of speech ("indigenous elders say", "analysts have
# warned"), not any subject the classifier could not place
GROUP_SAYS = re.compile(r"^(?:[\w’'-]+ ){0,3}(?:" + "|".join(sorted(n for n in VAGUE_NOUNS if " " not in n)) +
                        r")\s+(?:have |had |would |may |might |also |long )?(?:\w+ly )?\w+$", re.I)
# An unnamed one of these ("an expert said") is as vague as the plural
PUNDITS = {"expert", "analyst", "researcher", "scientist", "economist", "historian", "observer", "critic",
           "commentator", "insider", "academic", "scholar", "doctor", "professor"}
# Populations: no qualifier makes them checkable ("New Zealand's indigenous people", "local residents")
POPULATIONS = {"people", "residents", "locals", "citizens", "voters", "consumers", "parents", "fans", "supporters",
               "opponents", "activists", "campaigners", "advocates", "users", "readers", "viewers", "americans",
               "everyone", "everybody", "someone", "somebody", "others", "many", "some", "most", "few", "several",
               "owners", "workers", "employees", "shoppers", "farmers", "drivers", "families", "students", "teachers",
               "patients", "passengers", "businesses", "companies", "customers", "members", "investors", "traders"}
# Unnamed but specific kinds of source (LABELS.md: "US officials said", "a police source"): evidence, with a note
ANON_NOUNS = {
    "official", "officials", "source", "sources", "police", "authorities", "investigators", "prosecutors", "witnesses",
    "diplomats", "aides", "aide", "spokesperson", "spokesman", "spokeswoman", "spokespeople", "officers", "officer",
    "agents", "regulators", "staffers", "insider", "employees", "negotiators", "commanders", "medics", "paramedics",
    "firefighters", "troopers", "deputies", "rescuers", "eyewitnesses",
}
# A role, organisation or document that is specific when it is definite ("the ministry", "the report", "its study")
ROLE_NOUNS = {
    "minister", "ministry", "president", "governor", "mayor", "sheriff", "department", "agency", "report", "study",
    "survey", "poll", "data", "statement", "court", "judge", "prosecutor", "lawyer", "lawyers", "attorney",
    "attorneys", "company", "firm", "government", "army", "military", "commission", "committee", "council", "office",
    "administration", "campaign", "secretary", "chief", "director", "ceo", "chairman", "chairwoman", "chair", "leader",
    "statistics", "figures", "census", "bureau", "institute", "university", "service", "board", "organisation",
    "organization", "union", "party", "senator", "representative", "congressman", "congresswoman", "lawmaker",
    "regulator", "economist", "doctor", "professor", "expert", "analyst", "researcher", "scientist", "documents",
    "records", "paper", "article", "book", "filing", "letter", "website", "editor", "correspondent", "reporter",
    "family", "wife", "husband", "mother", "father", "daughter", "son", "brother", "sister", "friend", "colleague",
    "neighbour", "neighbor", "owner", "manager", "founder", "co-founder", "author", "historian", "analysis", "review",
    "inquiry", "investigation", "commander", "general", "coroner", "memo", "findings", "finding", "research", "audit",
    "index", "rankings", "ranking", "group", "tribe", "team", "staff", "club", "network", "newspaper", "magazine",
    "broadcaster", "station", "charity", "hospital", "school", "police", "embassy", "spokesperson", "study's",
    "report's", "chancellor", "premier", "king", "queen", "prince", "pope", "bishop", "ambassador", "envoy",
}
DOCUMENT_NOUNS = ("report|study|survey|poll|analysis|findings?|research|paper|review|audit|census|data|"
                  "figures|statistics|index|memo|filing|documents?|records")
# "the report", "its key findings", "the study's": a definite reference back to a document (not to "the data")
DOCUMENT_BACKREF = re.compile(r"\b(?=\w)(?:the|its|their|this|that|these)\s+(?:(?:new|latest|key|main|full|final|same|initial|"
                              r"preliminary|annual|overall|original|recent|\w+[’']s)\s+)?(?:report|study|survey|poll|"
                              r"analysis|findings?|research|paper|review|audit|census|memo|filing)\b", re.I)
DOCUMENT_MENTION = re.compile(rf"\b(?=\w)(?:{DOCUMENT_NOUNS})\b", re.I)
NO_COMMENT = re.compile(r"\b(?=\w)(?:declined to comment|did not (?:immediately )?respond to (?:a |an |repeated )?"
                        r"(?:requests?|emails?|messages?|calls?)|could not be reached|did not return)", re.I)
SKIP_BEFORE_VERB = {"also", "later", "has", "have", "had", "previously", "recently", "once", "then", "further",
                    "repeatedly", "publicly", "privately", "separately", "earlier", "would", "will", "may", "might",
                    "could", "should", "can", "first", "last", "on", "monday", "tuesday", "wednesday", "thursday",
                    "friday", "saturday", "sunday", "yesterday", "today", "tonight", "again", "often", "frequently",
                    "still", "now", "did", "does", "do", "not", "never", "always", "all", "both", "themselves",
                    "himself", "herself", "itself", "long", "too", "alone", "personally", "reportedly"}
CLAUSE_STOP = {"that", "which", "who", "whom", "whose", "and", "or", "but", "when", "while", "if", "because", "as",
               "after", "before", "since", "though", "although", "where", "what", "how", "why", "than", "so", "to",
               "of", "in", "on", "at", "for", "with", "from", "by", "about", "into", "over", "under", "despite"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "one"}
DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ians|eans|ese|ites)|[A-Z][a-z]{4,}ans)$")   # Tunisians, Europeans, Americans
# capitalised adjectives of nation, creed or party ("American", "Islamist", "Democratic") describe, they do not name
GROUP_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ish|ese|ist|ic|i)$")
NOT_ADVERBS = {"family", "assembly", "ally", "rally", "supply", "monopoly", "anomaly", "reply", "bully", "italy",
               "july", "fly", "homily", "folly", "jelly", "belly", "lily", "tally", "melee"}
NOUN_FORMS = {"states", "reports", "report", "claims", "claim", "notes", "shows", "show", "finds", "find", "estimates",
              "estimate", "forecasts", "forecast", "projects", "fears", "fear", "hopes", "hope", "views", "view",
              "doubts", "doubt", "worries", "worry", "records", "say", "concerns", "calls", "thought", "posted"}
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
HUMAN_SPEECH = {"said", "says", "say", "told", "tells", "tell", "argued", "argues", "argue", "claimed", "claims", "claim",
                "warned", "warns", "warn", "insisted", "insists", "insist", "added", "explained", "noted", "stated",
                "announced", "confirmed", "denied", "admitted", "acknowledged", "wrote", "writes", "reported"}
CONTRACTION = re.compile(r"(?i)[’'](?:ve|re|m|d|ll)$")
WINDOW = 240   # characters looked back from a verb for its subject
NEGATED = re.compile(r"(?i)n[’']t$")
NEGATED_MODAL = re.compile(r"(?i)^(?:won|can|couldn|wouldn|shouldn|mustn|mightn)[’']t$")
MODALS = {"will", "may", "might", "could", "should", "can", "shall", "must"}
NAMING_ASIDE = re.compile(r"\bas (?:it|they|he|she|this|these) (?:is|are|was|were) (?:called|known|named|dubbed)\b", re.I)
CONNECTIVE = r"(?:(?:but|and|however|still|yet|meanwhile|instead|later|separately|also|then),?\s+)?"
CONTINUATION = re.compile(
    rf"^\s*{CONNECTIVE}(?P<who>he|she|they|it|the \w+|mr\.? \w+|ms\.? \w+|mrs\.? \w+|dr\.? \w+)\s+"
    rf"(?:also\s+|later\s+|further\s+|then\s+|again\s+)?(?P<verb>{CONTINUE_VERBS})\b", re.I)
PRONOUN_LEAD = re.compile(rf"^\s*{CONNECTIVE}(?:he|she|they)\s+(?:\w+ly\s+|also\s+|later\s+)?(?P<verb>\w+)", re.I)
ADDITIVE = re.compile(r"^\s*(?:additionally|in addition|moreover|furthermore|also|what'?s more|on top of that),?\s", re.I)

NAV_PATH = re.compile(r"/(?:tags?|topics?|topic|authors?|people|profile|profiles|section|sections|category|"
                      r"categories|newsletters?|subscribe|subscription|login|signin|sign-in|account|search|hub|by|"
                      r"contributors?|staff|writers?|columnists?|series|keywords?|index)(?:/|$)", re.I)
NAV_HOST = re.compile(r"^(?:topics|tags|search|subscribe|subscription|account|login|profile|myaccount)\.", re.I)
SHARE_HOST = re.compile(r"(?:^|\.)(?:facebook\.com|twitter\.com|x\.com|linkedin\.com|pinterest\.com|reddit\.com|"
                        r"whatsapp\.com|t\.me|telegram\.me|plus\.google\.com|tumblr\.com)$", re.I)
SHARE_PATH = re.compile(r"share|sharer|intent/tweet|sharing|submit", re.I)

# The claim-kind patterns (NUMBER to CHARACTERISATION, INTRO, IMPERATIVE, SIGNPOST) are matched against lower-cased
# text, without re.I: the regex engine then skips an alternative at its first letter, where with re.I it tries each
# one (two to three times faster)
NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                    r"fifty|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|percent|per cent|half|third|"
                    r"quarter|majority|minority|double|doubled|tripled|halved)\b")
SUPERLATIVE = re.compile(r"\b(?=\w)(?:most|least|best|worst|biggest|largest|smallest|highest|lowest|greatest|fastest|"
                         r"only|more than|less than|fewer than|longest|deadliest|strongest|weakest|\w{3,}iest|"
                         r"first(?= (?:[\w-]+ ){0,3}(?:to|ever|since|in (?:history|decades|years))\b)|"
                         r"for the first time)\b")
PREDICTION = re.compile(r"\b(?=\w)(?:will|won't|is going to|are going to|is set to|are set to|is certain|are certain|"
                        r"is bound to)\b")
CAUSE = re.compile(r"\b(?=\w)(?:because|due to|led to|leads to|lead to|caused|causes|cause|result(?:ed|s)? in|as a result|"
                   r"made worse|thanks to|blamed|responsible for|driven by|fuelled|fueled|therefore|so that|"
                   r"consequently|in order to)\b")
JUDGEMENT = re.compile(r"\b(?=\w)(?:the fact that|clearly|obviously|undeniabl[ey]|certainly|of course|no doubt|must|should|"
                       r"need to|needs to|it is (?:clear|certain|obvious))\b")
CHARACTERISATION = re.compile(r"\b(?=\w)(?:is|are|was|were|has been|have been|remains?|became|become|seems?|appears?)\s+"
                              r"(?:a |an |the |very |so |too |still |now |not |also |increasingly |largely )?\w+")
INTRO = re.compile(r"^(?:here(?:'s|’s| is| are) (?:what|how|why|the)|read more|click here|this is what|what we know|"
                   r"for more|related:|watch:|listen:|see also|scroll down|advertisement|continue reading|"
                   r"(?:that|this) (?:raises|points to|brings up|leaves|begs) (?:the |a )?(?:\w+ )?question)")
FURNITURE_TEXT = re.compile(
    r"^(?:by (?-i:[A-Z])[\w.'-]+(?: (?-i:[A-Z])[\w.'-]+){0,3}(?:,| and|$)|photo(?:graph)?:|image:|image copyright|"
    r"image caption|getty images|ap photo|reuters/|follow (?:us|me|him|her)|share (?:this|on)|sign up|subscribe|"
    r"advertisement|copyright|©|all rights reserved|updated|published|last modified|posted (?:on|at)|email|"
    r"print this|related|more from|click to|continue reading|read more|powered by|\[?read:|"
    r"(?:map|graphic|chart|video|gallery|interactive|audio|podcast|watch|listen)\s*:)", re.I)
# the note about the writer at an article's end: "Jane Doe covers Congress.", "John Roe is a reporter for The Times."
AUTHOR_BIO = re.compile(r"^(?-i:[A-Z])[\w.'’-]+(?: (?-i:[A-Z])[\w.'’-]+){1,3} (?:covers|writes about|reports on|"
                        r"(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:reporter|writer|correspondent|editor|columnist|"
                        r"contributor|journalist|producer|critic)\b)", re.I)
# a newsletter's sales line: "Sign up for Command Line, a paid weekly newsletter from …"
NEWSLETTER_PROMPT = re.compile(r"^(?:sign up|subscribe|get|join|try)\b.{0,120}\bnewsletters?\b", re.I)
# how captions open ("Clockwise from top: …", "Pictured: …"), whatever their length
CAPTION_LEAD = re.compile(r"^(?:clockwise from (?:top|left|right|bottom)|from left|left to right|pictured|"
                          r"(?:top|above|below|left|right|inset|main picture|main image)\s*(?:left|right)?)\s*[:,]\s", re.I)
# an imperative tells the reader what to do and asserts nothing ("Don't say it literally.", "Imagine a city without
# cars."), unless it carries a figure; matched on lower-cased text like the claim-kind patterns
IMPERATIVE = re.compile(r"^(?:(?:and|but|so|now|just|then|first|finally),? )?(?:don[’']t|do not|let[’']s|let us|"
                        r"please|imagine|consider|look at|try|stop|take a look|make sure|be sure|"
                        r"ask yourself|think about|picture)\b")
# sentences that point the reader elsewhere on the page ("a full list is available below") assert nothing
SIGNPOST = re.compile(r"\b(?=\w)(?:(?:is|are) (?:available|listed|shown|set out|explained) (?:in|on|at|below|above|here)\b|"
                      r"(?:see|read) (?:more|the full|our)\b|more on (?:this|the) story\b|"
                      r"(?:in|see) the (?:box|table|chart|graphic|map|video) (?:below|above)\b)")
CREDIT = re.compile(r"\b(?=\w)(?:contributed (?:to this )?report(?:ing)?|contributed to this (?:story|article)|"
                    r"additional reporting by|reporting by|editing by|this (?:story|article|version) (?:was|has been) "
                    r"(?:updated|corrected)|this (?:version|story|article) corrects)\b", re.I)
WORDS = re.compile(r"[\w’'.&-]+", re.U)


# ------------------------------------------------------------ entry points

def detect(contexts: list[SentenceContext], references: list[dict], page_url: str | None) -> None:
    by_id = {}
    for ref in references:
        by_id[str(ref["id"])] = ref
        if ref.get("number") is not None:
            by_id.setdefault(str(ref["number"]), ref)
    body = []
    vocabulary = _lowercase_vocabulary(contexts)
    closing_blocks = set(sorted({c.sentence.block for c in contexts if c.sentence.kind == "body"})[-2:])
    for ctx in contexts:
        ctx.notes["vocabulary"] = vocabulary
        if ctx.sentence.kind == "body" and (_is_furniture(ctx.text) or ctx.sentence.block in closing_blocks
                                             and _author_bio(ctx)):
            ctx.sentence.kind = "furniture"
        if ctx.sentence.kind == "body":
            body.append(ctx)
    order = {id(c): n for n, c in enumerate(contexts)}
    for ctx in contexts:
        if ctx.sentence.kind == "furniture":   # shown, never flagged: a related-story link is still a link
            ctx.sentence.evidence += _markers(ctx, by_id) + _links(ctx, page_url)
    for ctx in body:
        ev = ctx.sentence.evidence
        ev += _markers(ctx, by_id)
        ev += _links(ctx, page_url)
        ev += _attribution(ctx)
    _document_backrefs(body)
    # quotes and continuations look at the neighbours' evidence, so they come second. Continuations run before the
    # quotes ("He added…" can name the speaker of the quotation after it) and again after them (a sentence can carry
    # on the account of a quoted speaker).
    _continuations(contexts)
    _quote_groups(contexts, order)
    _continuations(contexts)
    _list_continuations(contexts)
    _block_quotations(contexts)
    for ctx in body:
        _judge(ctx)


def _lowercase_vocabulary(contexts: list[SentenceContext]) -> frozenset:
    """Words the article writes in lower case somewhere (Punkt's orthographic heuristic, per document)."""
    return frozenset(w for c in contexts for w in re.findall(r"\b[a-z][a-z’'-]+\b", c.text))


def merge_weasel(contexts: list[SentenceContext]) -> None:
    """Add the vague attributions found here to the sentence's weasel spans (another detector may have set them)."""
    for ctx in contexts:
        for span in ctx.notes.get("weasel_spans", []):
            if not any(w.start <= span.start < w.end or span.start <= w.start < span.end for w in ctx.sentence.weasel):
                ctx.sentence.weasel.append(span)
        ctx.sentence.weasel.sort(key=lambda w: w.start)


# ------------------------------------------------------------ evidence: markers and links

def _span(ctx: SentenceContext, a: int, b: int) -> Span:
    return Span(ctx.sentence.start + a, ctx.sentence.start + b, ctx.text[a:b])


def _markers(ctx: SentenceContext, by_id: dict) -> list[Evidence]:
    out = []
    for m in ctx.inlines:
        if m.type == "annotation":
            out.append(Evidence("marker", ctx.text[m.start:m.end], [_span(ctx, m.start, m.end)],
                                {"id": m.ref, "text": None, "url": None},
                                "the page annotates these words with a note"))
            continue
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
    if SHARE_HOST.search(host) and SHARE_PATH.search(url.path + "?" + url.query) or NAV_HOST.match(host):
        return False
    path = url.path or "/"
    if NAV_PATH.search(path) or path in ("", "/"):
        return False
    if page_url:
        page = urlparse(page_url)
        same_site = _site(host) == _site(page.netloc.lower())
        if same_site and path.rstrip("/") == (page.path or "/").rstrip("/"):
            return False   # a link to this very page (or an anchor in it)
        if same_site and _section_path(path):
            return False   # site navigation: /world/newzealand, /news/politics
    return True


def _site(host: str) -> str:
    parts = host.split(":")[0].split(".")
    return ".".join(parts[-3:] if len(parts) > 2 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else parts[-2:])


def _section_path(path: str) -> bool:
    """A short path of plain words (no date, id or slug with many words) is a section or tag page."""
    segments = [s for s in path.strip("/").split("/") if s]
    if len(segments) > 2 or any(re.search(r"\d", s) for s in segments):
        return False
    return all(s.count("-") <= 1 and len(s) <= 25 and "." not in s for s in segments)


def _links(ctx: SentenceContext, page_url: str | None) -> list[Evidence]:
    out = []
    for link in ctx.inlines:
        if link.type == "link" and is_source_link(link.href, page_url):
            out.append(Evidence("link", ctx.text[link.start:link.end], [_span(ctx, link.start, link.end)],
                                {"id": None, "text": ctx.text[link.start:link.end], "url": link.href}))
    return out


# ------------------------------------------------------------ evidence: named attribution

def _outside(ctx: SentenceContext, a: int, b: int) -> bool:
    return not any(q.start <= a and b <= q.end for q in ctx.quotes)


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


CALENDAR = frozenset("january february march april may june july august september october november december "
                     "monday tuesday wednesday thursday friday saturday sunday".split())


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
    if opens_sentence and (low in VAGUE_NOUNS | ANON_NOUNS | ROLE_NOUNS or not is_head and (low in common or _punkt_common(low))):
        return False
    return True


def _punkt_common(low: str) -> bool:
    """Punkt's English model remembers whether a word was seen in lower case mid-sentence (and never capitalised
    there): such a word opening a sentence is an ordinary word, not a name ("Local", "Whale"; not "Stanford")."""
    flags = tokenizer()._params.ortho_context.get(low, 0)
    return bool(flags & _ORTHO_MID_LC)


def _has_person_name(words: list[str]) -> bool:
    caps = [w for w in words if w[:1].isupper() and not DEMONYM.match(w)]
    return len(caps) >= 2


def _subject_phrases(text: str, verb_start: int) -> list[tuple[str, int, bool]]:
    """Candidates for the noun phrase a verb reports from ("the Whole Foods spokeswoman said"), nearest first: each
    with its start and whether it opens the sentence. Adverbs and auxiliaries before the verb are skipped; when an
    apposition set off by commas ends right before the verb ("her mother, Fiona, said"; "Alverson, a commissioner
    on …, described") the comma-separated chunks before it are candidates too."""
    lo = max(0, verb_start - WINDOW)   # a subject is a few words back: never scan a whole run-on sentence
    words = [(m.group(0), m.start(), m.end()) for m in WORDS.finditer(text, lo, verb_start)]
    while words and (words[-1][0].lower() in SKIP_BEFORE_VERB or _adverb(words[-1][0]) or NEGATED.search(words[-1][0])):
        if NEGATED_MODAL.match(words[-1][0]):
            return []   # "won't say", "can't tell": not a statement
        words.pop()
    if words and words[-1][0].lower() in ("who", "which", "that") and len(words) > 1:
        words.pop()   # a relative clause: "a report that found", "officials who said"
    while words and (words[-1][0].lower() in SKIP_BEFORE_VERB or _adverb(words[-1][0])):
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


def _adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word.islower() and word not in NOT_ADVERBS


def _object_phrase(text: str, verb_end: int) -> tuple[str, int] | None:
    """The source named after the verb in ", said Tom Forte" / "says the minister"."""
    m = re.match(r"\s+((?:the |a |an |one |his |her |its )?(?:[A-Z][\w’'.-]*|[a-z][\w-]*)(?:\s+(?:[A-Z][\w’'.-]*|of|for|"
                 r"at|[a-z]+(?=\s+[A-Z]))){0,4})", text[verb_end:])
    if not m:
        return None
    return m.group(1), verb_end + m.end()


def _attribution(ctx: SentenceContext) -> list[Evidence]:
    text = ctx.text
    out: list[Evidence] = []
    # (start, end, text, plain): `plain` when the wording itself is the weasel ("critics say", "it is believed",
    # "according to local reports"), not a subject the classifier could not place
    weasels: list[tuple[int, int, str, bool]] = []

    def add(kind: str, note: str, a: int, b: int, plain: bool = False) -> None:
        if kind in ("named", "anonymous", "pronoun"):
            out.append(Evidence("attribution", text[a:b].strip(), [_span(ctx, a, b)], note=note))
        elif kind == "vague":
            weasels.append((a, b, text[a:b], plain))

    for m in ACCORDING.finditer(text):
        if _outside(ctx, m.start(), m.end()) and not NOT_A_SOURCE.match(m.group("src")):
            kind, note = classify_source(m.group("src"))
            # "according to the hotel bosses" is a definite source; anything naming no one is a weasel
            add({"definite": "named", "none": "vague", "generic": "vague"}.get(kind, kind), note, m.start(), m.end(),
                plain=kind in ("vague", "generic"))
    for m in PASSIVE_AGENT.finditer(text):
        if _outside(ctx, m.start(), m.end()) and not NAMING_ASIDE.search(text, max(0, m.start() - 12), m.end()):
            kind, note = classify_source(m.group("src"))
            add({"definite": "named", "generic": "vague"}.get(kind, kind), note, m.start(), m.end(),
                plain=kind in ("vague", "generic"))
    for m in PHRASES.finditer(text):
        if re.search(r"\b(?:was|were|is|are|been|be)\s+$", text[max(0, m.start() - 20):m.start()]) and m.group(0)[:1] in "sw":
            continue   # "he was speaking to the BBC" tells what happened, it does not source a claim
        if _outside(ctx, m.start(), m.end()):
            out.append(Evidence("attribution", m.group(0).strip(), [_span(ctx, m.start(), m.end())]))
    for m in SPOKESPERSON.finditer(text):
        if _outside(ctx, m.start(), m.end()) and _has_verb_after(text, m.end()):
            out.append(Evidence("attribution", m.group(0), [_span(ctx, m.start(), m.end())]))
    for m in VERB.finditer(text):
        if m.group(0).endswith("ing"):
            # "saying", "writing" attribute only as "…, saying …" (to the subject of the sentence); elsewhere they
            # are nouns or gerunds
            if re.search(r",\s*(?:\w+ly\s+)?$", text[max(0, m.start() - 20):m.start()]):
                add("named", "the source is the subject of the sentence", m.start(), m.end())
            continue
        if re.match(r"\s+(?:the|a|an|their|his|her|its) (?:story|tale|history)\b|\s+of\b", text[m.end():m.end() + 20]) \
                and m.group(0).startswith("tell"):
            continue   # "tells the story of": narration, not a source
        if not _outside(ctx, m.start(), m.end()) or _noun_use(text, m) or \
                PASSIVE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue   # "it is widely thought", "was reported" name no one: the VAGUE and PASSIVE_AGENT rules judge them
        stance = bool(STANCE.fullmatch(m.group(0)))
        if stance and m.group(0) in ("see", "sees", "saw", "view", "views", "consider", "considers") and \
                not re.match(r"\s+(?:it|this|that|the \w+|\w+)\s+as\b", text[m.end():]):
            continue   # "see" only reports a view in "sees X as"
        # inverted first: '…,” said Mr. Reeves' / ', says Parata' names the source right after the verb
        before = text[max(0, m.start() - 10):m.start()].rstrip()
        if not stance and (before.endswith((",", "”", "\"", "’", ":")) or m.start() == 0):
            obj = _object_phrase(text, m.end())
            if obj:
                kind, note = classify_source(obj[0])
                if kind in ("named", "anonymous", "vague"):
                    add(kind, note, m.start(), obj[1])
                    continue
        subject, kind, note = None, "none", ""
        for n, candidate in enumerate(_subject_phrases(text, m.start())):
            kind, note = classify_source(candidate[0], candidate[2], ctx.notes.get("vocabulary", ()))
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
            add(kind, note, subject[1], m.end(), plain=bool(GROUP_SAYS.match(text[subject[1]:m.end()])))
    for m in NO_COMMENT.finditer(text):
        out.append(Evidence("attribution", m.group(0), [_span(ctx, m.start(), m.end())],
                            note="the source was asked and did not answer"))
    for m in VAGUE.finditer(text):
        if _outside(ctx, m.start(), m.end()):
            weasels.append((m.start(), m.end(), m.group(0), True))
    out = _dedupe(out)
    # a weasel that is part of a real attribution ("the report also suggested") is not one
    weasels = [w for w in weasels if not any(e.spans[0].start - ctx.sentence.start <= w[0] <
                                              e.spans[0].end - ctx.sentence.start for e in out)]
    ctx.notes["weasel"] = [w[2].strip() for w in weasels]
    ctx.notes["weasel_spans"] = [_span(ctx, a, b) for a, b, _, _ in weasels]
    ctx.notes["plain_weasel_spans"] = [_span(ctx, a, b) for a, b, _, plain in weasels if plain]
    return out


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


def _document_backrefs(body: list[SentenceContext]) -> None:
    """"The report concluded…", "Among its key findings…": a definite reference, near the start of the sentence, to
    a document the article has already sourced counts as attribution to that document."""
    sourced_document = False
    for ctx in body:
        text = ctx.text
        if sourced_document and not any(e.type == "attribution" for e in ctx.sentence.evidence):
            m = DOCUMENT_BACKREF.search(text)
            if m and len(text[:m.start()].split()) <= 5 and _outside(ctx, m.start(), m.end()):
                ctx.sentence.evidence.append(Evidence("attribution", m.group(0), [_span(ctx, m.start(), m.end())],
                                                      note="refers back to the document named earlier"))
        if ctx.sentence.evidence and DOCUMENT_MENTION.search(text):
            sourced_document = True


# ------------------------------------------------------------ evidence: quotes and continuations

def _attributed(ctx: SentenceContext | None) -> bool:
    return ctx is not None and any(e.type in ("attribution", "continuation") for e in ctx.sentence.evidence)


def _substantial(ctx: SentenceContext, quote) -> bool:
    """A quotation, not a scare-quoted word: three words or more, or most of the sentence."""
    return quote.words >= 3 or quote.end - quote.start >= 0.6 * len(ctx.text.strip())


def _before(contexts: list[SentenceContext], n: int) -> tuple[SentenceContext | None, bool]:
    """The sentence before contexts[n] in reading order, and whether it is in the same block."""
    ctx = contexts[n]
    if ctx.previous is not None:
        return ctx.previous, True
    for m in range(n - 1, -1, -1):
        prev = contexts[m]
        if prev.sentence.kind in ("body",):
            return prev, False
        if prev.sentence.kind in ("heading", "headline", "reference"):
            return None, False
    return None, False


def _quote_groups(contexts: list[SentenceContext], order: dict) -> None:
    """Quotations, including those running over several sentences of a paragraph, get `quote` evidence when their
    speaker is named in the quote's sentences, the sentence right before or after, or (for a paragraph that opens with
    a quotation and names no one) the paragraph before, when that one attributed someone."""
    n = 0
    speakers: dict[str, None] = {}   # names of people quoted so far (in order), to recognise them when they come back
    while n < len(contexts):
        ctx = contexts[n]
        if ctx.sentence.kind != "body" or not ctx.quotes:
            n += 1
            continue
        group = [ctx]
        while group[-1].quotes and group[-1].quotes[-1].runs_on and group[-1].next is not None:
            group.append(group[-1].next)
        n = order[id(group[-1])] + 1
        quoted = [c for c in group if c.quotes]
        if not any(_substantial(c, q) for c in quoted for q in c.quotes) and not any(_attributed(c) for c in group):
            continue
        first = group[0]
        before, same_block = _before(contexts, order[id(first)])
        speaker_ctx = next((c for c in group if _attributed(c)), None)
        note = ""
        if speaker_ctx is None and group[-1].next is not None and _attributed(group[-1].next):
            speaker_ctx, note = group[-1].next, "the speaker is named in the next sentence"
        if speaker_ctx is None and before is not None:
            if same_block and _attributed(before):
                speaker_ctx, note = before, "the speaker is named in the sentence before"
            elif not same_block and first.text.lstrip()[:1] in "“\"‘«" and (
                    _attributed(before) and (before.quotes or _speech_cue(before))
                    or any(e.type == "quote" for e in before.sentence.evidence)):
                # a paragraph of quotation right after an attributed one is, by newspaper convention, the same speaker
                speaker_ctx, note = before, "the speaker is named in the paragraph before"
        if speaker_ctx is None and before is not None and not same_block and first.text.lstrip()[:1] in "“\"‘«":
            # the substring test first: most names are not there, and a regex per name and paragraph is slow
            named = [n for n in speakers if n in before.text and re.search(rf"\b{re.escape(n)}\b", before.text)]
            if named:
                # the paragraph before names someone quoted earlier in the article: the quotation is theirs (the
                # one named last, nearest the quotation)
                name = max(named, key=before.text.rfind)
                speaker_ctx, note = before, f"the speaker, {name}, is named in the paragraph before"
        if speaker_ctx is None:
            continue
        speaker = _speaker_name(speaker_ctx)
        speakers.update(dict.fromkeys(w for w in re.findall(r"\b[A-Z][\w’'-]{2,}\b", speaker or "")
                        if w.lower() not in DETERMINERS | {"mr", "mrs", "ms", "dr"} and not _is_verb_word(w)))
        for i, c in enumerate(group):
            own = _attributed(c)
            quotes = [q for q in c.quotes if own or _substantial(c, q) or i > 0]
            if not quotes:
                continue
            q = quotes[0]
            c.speaker = speaker
            c.sentence.evidence.append(Evidence("quote", c.text[q.start:q.end][:80], [_span(c, q.start, q.end)],
                                                note="" if own else note if i == 0 else "the quotation continues"))
            if i > 0 and not own:
                c.sentence.evidence.append(Evidence("continuation", _clip(c.text, 40), [],
                                                    note="carries on the quotation of the sentence before"))


def _is_verb_word(word: str) -> bool:
    return bool(VERB.fullmatch(word.lower()))


def _speech_cue(ctx: SentenceContext) -> bool:
    return any(e.type == "continuation" or e.type == "attribution" and VERB.search(e.cue) for e in ctx.sentence.evidence)


def _speaker_name(ctx: SentenceContext) -> str | None:
    cue = next((e.cue for e in ctx.sentence.evidence if e.type == "attribution"), None)
    if not cue:
        return ctx.speaker
    cue = re.sub(r"^according to\s+", "", cue, flags=re.I)
    cue = VERB.sub("", cue).strip(" ,“”\"")
    return cue or None


def _continuations(contexts: list[SentenceContext]) -> None:
    for n, ctx in enumerate(contexts):
        if ctx.sentence.kind == "body":
            ctx.sentence.evidence += _continuation(ctx, _before(contexts, n))


def _continuation(ctx: SentenceContext, before: tuple[SentenceContext | None, bool]) -> list[Evidence]:
    prev, same_block = before
    if any(e.type in ("attribution", "continuation") for e in ctx.sentence.evidence):
        return []
    text = ctx.text
    m = CONTINUATION.match(text)
    if m:
        return [Evidence("continuation", m.group(0).strip(), [_span(ctx, m.start(), m.end())],
                         note="carries on the attribution of the sentence before")]
    if prev is None or not _attributed(prev) and not any(e.type == "quote" for e in prev.sentence.evidence):
        return []
    m = PRONOUN_LEAD.match(text)
    if m and (same_block or prev.next is None) and m.group("verb").lower() not in ("was", "is", "had", "has"):
        # "But he found…", "However, he defended…" right after a sentence that named him
        return [Evidence("continuation", m.group(0).strip(), [_span(ctx, m.start(), m.end())],
                         note="carries on the account of the person named before")]
    m = ADDITIVE.match(text)
    if m and same_block and any(e.type == "attribution" and VERB.search(e.cue) for e in prev.sentence.evidence):
        return [Evidence("continuation", m.group(0).strip(" ,"), [_span(ctx, m.start(), m.end())],
                         note="adds to what the source in the sentence before reported")]
    return []


def _list_continuations(contexts: list[SentenceContext]) -> None:
    """Items of a list introduced by an attributed sentence ending in a colon ("He also said:") carry it on."""
    intro = previous = None
    for ctx in contexts:
        s = ctx.sentence
        if s.kind != "body":
            intro = None
            previous = None if s.kind in ("heading", "headline") else previous
            continue
        is_item = ctx.notes.get("block_kind") == "list_item"
        if is_item and intro is not None:
            if not s.evidence or all(e.type in ("link", "quote") for e in s.evidence):
                s.evidence.append(Evidence("continuation", intro.text.strip()[-40:], [],
                                           note="an item of a list introduced by an attributed sentence"))
            continue
        intro = None
        if ctx.text.rstrip().endswith(":") and not is_item:
            if not _attributed(ctx) and not s.evidence and previous is not None and _attributed(previous):
                # "The rankings were as follows:" right after the source was named introduces that source's material
                s.evidence.append(Evidence("continuation", ctx.text.strip()[-40:], [],
                                           note="introduces what the source named just before reported"))
            intro = ctx if _attributed(ctx) else None
        previous = ctx


def _block_quotations(contexts: list[SentenceContext]) -> None:
    """A block quotation (<blockquote>) quotes the source the paragraph before it names or links to."""
    source = None
    for ctx in contexts:
        if ctx.sentence.kind != "body":
            continue
        if ctx.notes.get("block_kind") != "quote":
            source = ctx if any(e.type in ("attribution", "link", "continuation") for e in ctx.sentence.evidence) else None
            continue
        if source is not None and not ctx.sentence.evidence:
            cue = ctx.text.strip()[:40]
            ctx.sentence.evidence.append(Evidence("quote", cue, [_span(ctx, 0, len(cue))],
                                                  note="a block quotation of the source named just before it"))


# ------------------------------------------------------------ claims and the flag

def _author_bio(ctx: SentenceContext) -> bool:
    """"Steven Mufson covers the White House. Since joining The Post, he has covered…": the note about the writer
    that closes many articles, with the rest of its paragraph. Page furniture, not the article's claims."""
    bio = bool(AUTHOR_BIO.match(ctx.text.strip())) or ctx.previous is not None and ctx.previous.notes.get("author_bio", False)
    ctx.notes["author_bio"] = bio
    return bio


def _is_furniture(text: str) -> bool:
    t = text.strip()
    words = len(t.split())
    if t.startswith("[") and t.endswith("]"):
        return True   # a bracketed aside: "[Read: …]", "[Get the newsletter …]"
    # the word limits first: they spare the regex scans of most sentences
    return (words <= 15 and bool(FURNITURE_TEXT.match(t)) or bool(CAPTION_LEAD.match(t)) or words <= 8 and bool(INTRO.match(t.lower()))
            or words <= 30 and (bool(CREDIT.search(t)) or bool(NEWSLETTER_PROMPT.match(t))))


def claim_kind(text: str) -> str | None:
    """What a reader would want sourced in this sentence, or None when it asserts nothing checkable."""
    t = text.strip()
    plain = re.sub(r"\[\d+\]", "", re.sub(r"^\s*\d{1,3}[.)]\s+", "", t)).lower()   # markers and a list number are no claim
    words = re.findall(r"[a-z’']+", plain)
    lowered = t.lower()
    if t.rstrip("”\"’)").endswith("?") or len(words) < 5 or INTRO.match(lowered) or t.endswith(":") \
            or SIGNPOST.search(lowered) or IMPERATIVE.match(lowered) and not NUMBER.search(plain):
        return None   # an imperative with a figure in it ("Consider the budget, which cut aid by 5%") still claims
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


def _fragment(text: str) -> bool:
    t = text.strip()
    return len(t.split()) <= 12 and not re.search(r"[.!?…][”\"’)\]]*$|\[\d+\]$", t)


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def _judge(ctx: SentenceContext) -> None:
    s = ctx.sentence
    s.claim = claim_kind(s.text)
    if ctx.notes.get("block_kind") == "paragraph" and _fragment(s.text):
        s.claim = None   # a chart title or label ("Interest payments on the national debt"), not a sentence
    if s.evidence or not s.claim:
        return
    weasels = ctx.notes.get("weasel") or []
    reason = f"{s.claim}; no link, marker or named source"
    detail = []
    if weasels:
        reason += f"; '{_clip(weasels[0])}' is a vague attribution (a weasel: it names no one who could be checked)"
        detail = [{"weasel": w} for w in weasels]
    s.flags.append(Flag("uncited", reason, [Span(s.start, s.end, s.text)], detail))
