"""readability-lxml's Document, made fast for Loupe: the same articles in about half the time.

- Text cleaning. Half of readability's time goes into `clean()`, which it runs on the text of every element it weighs
  (link density alone calls it once per link and once per element). Its first two regexes are retried at every
  whitespace position, so each run of indentation costs its length squared. The versions here try them at the start
  of a whitespace run only and give the same strings (a property test checks them against readability's own).
- The cleaner's JavaScript pass visits every attribute and every link of the page to drop event handlers and blank
  script links. That protects a page that renders readability's HTML; Loupe renders none, it reads the text and
  the links, and gives the page's links (`<a href>`) the same treatment (`clean_link`), in one quick pass.
- Its class and id tests (REGEXES) run as plain patterns over lower-cased text rather than with re.I, and the
  descriptions of elements it formats for debug lines nobody logs are left blank.

Document's methods look these up among their module's globals: `Document` below is a subclass whose methods are
readability's own code, given a copy of those globals holding the versions here.
Stock readability is left untouched (the bench measures it as shipped), and tests/test_readability_fast.py checks
that extraction gives the same article with either.
"""
from __future__ import annotations

import copy
import re
import types

import readability.readability as upstream

WHITESPACE_FLOOD = re.compile(r"(?<!\s)\s{255,}")      # upstream: \s{255,}
NEWLINE_RUN = re.compile(r"(?<!\s)[^\S\n]*\n\s*")       # upstream: \s*\n\s*  (a whitespace run holding a newline)
TAB_OR_SPACES = re.compile(r"\t|[ \t]{2,}")             # as upstream


def clean(text: str) -> str:
    """readability.readability.clean(text), the same result."""
    if len(text) < 255 and "\n" not in text and "\t" not in text and "  " not in text:
        return text.strip()   # none of the three patterns can match
    text = WHITESPACE_FLOOD.sub(" " * 255, text)
    text = NEWLINE_RUN.sub("\n", text)
    text = TAB_OR_SPACES.sub(" ", text)
    return text.strip()


def text_length(el) -> int:
    return len(clean(el.text_content() or ""))


_CLEANER = copy.copy(upstream.html_cleaner)   # readability's own cleaner, without its JavaScript pass
_CLEANER.javascript = False
clean_link = upstream.html_cleaner._remove_javascript_link   # what that pass does to one link


class _LowerCaseSearch:
    """A re.I pattern's search() as a plain pattern's over the lower-cased string: the regex engine then skips an
    alternative at its first letter, where with re.I it tries each one. readability only asks whether it matched."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def search(self, text: str):
        return self.pattern.search(text.lower())


def _unlogged(*args, **kwargs) -> str:
    """readability describes elements for its debug lines even when they are not logged; Loupe logs no page content."""
    return ""


_GLOBALS = {**vars(upstream), "clean": clean, "text_length": text_length, "html_cleaner": _CLEANER,
            "REGEXES": {name: _LowerCaseSearch(p) for name, p in upstream.REGEXES.items()},
            "describe": _unlogged, "text_content": _unlogged}


def _with_fast_globals(fn: types.FunctionType) -> types.FunctionType:
    rebound = types.FunctionType(fn.__code__, _GLOBALS, fn.__name__, fn.__defaults__, fn.__closure__)
    rebound.__kwdefaults__ = fn.__kwdefaults__
    rebound.__doc__ = fn.__doc__
    return rebound


_Rebound = type("Document", (upstream.Document,), {
    name: _with_fast_globals(value) for name, value in vars(upstream.Document).items()
    if isinstance(value, types.FunctionType)})


class Document(_Rebound):
    def _parse(self, input):
        doc = super()._parse(input)
        # the cleaner's JavaScript pass, for the links Loupe reads: trimmed, and blank when they run a script
        for a in doc.iter("a"):
            href = a.get("href")
            if href is None:
                continue
            cleaned = clean_link(href.strip())
            if cleaned != href:
                a.set("href", cleaned)
        return doc
