"""Evidence type `quote`: a direct quotation whose speaker is named in the sentence, its neighbours in the
paragraph, or (for a paragraph that is all quotation) the paragraph before; quotations running over several
sentences; block quotations of a source named just before them (LABELS.md §4 and 'Borderline cases')."""
from __future__ import annotations

import re

from ...report import Evidence
from .. import SentenceContext
from .common import attributed, clip, sentence_before, span_of
from .sources import DEMONYM, GROUP_ADJECTIVE
from .vocabulary import DETERMINERS, VERB


def _substantial(ctx: SentenceContext, quote) -> bool:
    """A quotation, not a scare-quoted word: three words or more, or most of the sentence."""
    return quote.words >= 3 or quote.end - quote.start >= 0.6 * len(ctx.text.strip())



def quote_groups(contexts: list[SentenceContext], order: dict) -> None:
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
        if not any(_substantial(c, q) for c in quoted for q in c.quotes) and not any(attributed(c) for c in group):
            continue
        first = group[0]
        before, same_block = sentence_before(contexts, order[id(first)])
        speaker_ctx = next((c for c in group if attributed(c)), None)
        note = ""
        if speaker_ctx is None and group[-1].next is not None and attributed(group[-1].next) and group[-1].quotes and \
                group[-1].quotes[-1].end >= len(group[-1].text.rstrip()) - 2:
            # “…we will fight.” Smith said so on Tuesday: the quotation closes its sentence, the next names who said it
            speaker_ctx, note = group[-1].next, "the speaker is named in the next sentence"
        if speaker_ctx is None and before is not None:
            if same_block and attributed(before):
                speaker_ctx, note = before, "the speaker is named in the sentence before"
            elif not same_block and first.text.lstrip()[:1] in "“\"‘«" and (
                    attributed(before) and (before.quotes or _speech_cue(before))
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
        if speaker_ctx is None and speakers and any(_substantial(c, q) for c in quoted for q in c.quotes):
            # 'the purchases Mr. Reeve requested — “more than ever, by far”': someone quoted before, named in the
            # quotation's own sentence outside the quotation marks, is its speaker
            for c in quoted:
                outside = _outside_quotes_text(c)
                named = [n for n in speakers if n in outside and re.search(rf"\b{re.escape(n)}\b", outside)]
                if named:
                    speaker_ctx, note = c, f"the speaker, {named[-1]}, is named in the sentence"
                    c.speaker = named[-1]
                    break
        if speaker_ctx is None:
            continue
        speaker = _speaker_name(speaker_ctx)
        speakers.update(dict.fromkeys(w for w in re.findall(r"\b[A-Z][\w’'-]{2,}\b", speaker or "")
                        if w.lower() not in DETERMINERS | {"mr", "mrs", "ms", "dr"} and not _is_verb_word(w)
                        and not GROUP_ADJECTIVE.match(w) and not DEMONYM.match(w)))   # "American" names no one
        for i, c in enumerate(group):
            own = attributed(c)
            quotes = [q for q in c.quotes if own or _substantial(c, q) or i > 0]
            if not quotes:
                continue
            q = quotes[0]
            c.speaker = speaker
            c.sentence.evidence.append(Evidence("quote", c.text[q.start:q.end][:80], [span_of(c, q.start, q.end)],
                                                note="" if own else note if i == 0 else "the quotation continues"))
            if i > 0 and not own:
                c.sentence.evidence.append(Evidence("continuation", clip(c.text, 40), [],
                                                    note="carries on the quotation of the sentence before"))


def _outside_quotes_text(ctx: SentenceContext) -> str:
    text, out, i = ctx.text, [], 0
    for q in ctx.quotes:
        out.append(text[i:q.start])
        i = q.end
    return " ".join(out + [text[i:]])


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



def block_quotations(contexts: list[SentenceContext]) -> None:
    """A block quotation (<blockquote>) quotes the source the paragraph before it names or links to."""
    source = None
    for ctx in contexts:
        if ctx.sentence.kind != "body":
            continue
        if ctx.block_kind != "quote":
            source = ctx if any(e.type in ("attribution", "link", "continuation") for e in ctx.sentence.evidence) else None
            continue
        if source is not None and not ctx.sentence.evidence:
            cue = ctx.text.strip()[:40]
            ctx.sentence.evidence.append(Evidence("quote", cue, [span_of(ctx, 0, len(cue))],
                                                  note="a block quotation of the source named just before it"))

