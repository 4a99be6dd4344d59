"""Page furniture among the article's sentences: bylines, captions, credits, share and newsletter prompts, related
links, the note about the writer that closes many articles. A stage of the pipeline, run after segmentation and
before the detectors: these sentences become kind "furniture" (shown, never flagged; LABELS.md "Not flagged")."""
from __future__ import annotations

import re

from .detectors import SentenceContext

# sentences that only introduce or point elsewhere ("Here is what we know."); matched on lower-cased text.
# Short ones are furniture; a longer one is still no claim (detectors/citations/claims.py)
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
CREDIT = re.compile(r"\b(?=\w)(?:contributed (?:to this )?report(?:ing)?|contributed to this (?:story|article)|"
                    r"additional reporting by|reporting by|editing by|this (?:story|article|version) (?:was|has been) "
                    r"(?:updated|corrected)|this (?:version|story|article) corrects|(?:this|the) (?:article|story|post|piece|report) "
                    r"(?:was|is|has been) (?:originally |first )?(?:published|posted|appeared|republished) (?:by|on|in|at|with)|"
                    r"originally (?:published|appeared) (?:by|on|in|at)|republished (?:with permission|from|under)|"
                    r"(?:this|the) (?:article|story|post|piece) (?:has been|was|is) adapted from)\b", re.I)


def mark_furniture(contexts: list[SentenceContext]) -> None:
    """Body sentences that are page furniture, or the note about the writer in the article's last two blocks,
    become kind "furniture"."""
    closing_blocks = set(sorted({c.sentence.block for c in contexts if c.sentence.kind == "body"})[-2:])
    bios: set[int] = set()   # id() of the sentences read as the writer's note
    for ctx in contexts:
        if ctx.sentence.kind == "body" and (is_furniture(ctx.text) or ctx.sentence.block in closing_blocks
                                             and _author_bio(ctx, bios)):
            ctx.sentence.kind = "furniture"


def _author_bio(ctx: SentenceContext, bios: set[int]) -> bool:
    """"Steven Mufson covers the White House. Since joining The Post, he has covered…": the note about the writer
    that closes many articles, with the rest of its paragraph."""
    bio = bool(AUTHOR_BIO.match(ctx.text.strip())) or ctx.previous is not None and id(ctx.previous) in bios
    if bio:
        bios.add(id(ctx))
    return bio


def is_furniture(text: str) -> bool:
    t = text.strip()
    words = len(t.split())
    if t.startswith("[") and t.endswith("]"):
        return True   # a bracketed aside: "[Read: …]", "[Get the newsletter …]"
    # the word limits first: they spare the regex scans of most sentences
    return (words <= 15 and bool(FURNITURE_TEXT.match(t)) or bool(CAPTION_LEAD.match(t)) or words <= 8 and bool(INTRO.match(t.lower()))
            or words <= 30 and (bool(CREDIT.search(t)) or bool(NEWSLETTER_PROMPT.match(t))))
