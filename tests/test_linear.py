"""A hostile page cannot make the analysis super-linear: for every shape of bench/adversarial.py, doubling the page
at most about doubles the work. Work is counted, not timed (the machine's load makes times noisy): the function
calls cProfile counts, Python's and C's, and the characters handed to the regular expressions (the server's compiled
patterns and calls of the re module): a regex's own backtracking is no function call, but a per-word check that
rescans the rest of the sentence shows up as characters growing with the square of its length."""
from __future__ import annotations

import cProfile
import importlib
import pkgutil
import pstats
import re

import pytest

from bench.adversarial import SHAPES, page
from server.detectors import SCAN_CHARS, SentenceContext
from server.pipeline import AnalysisError, analyze

SIZES = (12_000, 24_000)
MAX_GROWTH = 2.5


class CountingPattern:
    """A compiled pattern that adds the length of the text it is given to `scanned`."""
    scanned = [0]

    def __init__(self, pattern):
        self.pattern = pattern

    def _count(self, string, pos=0, endpos=None):
        if isinstance(string, str):
            self.scanned[0] += max(0, min(len(string), len(string) if endpos is None else endpos) - pos)

    def __getattr__(self, name):
        method = getattr(self.pattern, name)
        if name not in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            return method

        def counted(*args, **kwargs):
            if name in ("sub", "subn"):
                self._count(args[1] if len(args) > 1 else kwargs.get("string"))
            else:
                self._count(*args[:3])
            return method(*args, **kwargs)
        return counted


def server_patterns():
    import server
    import server.detectors
    import server.detectors.citations
    for package in (server, server.detectors, server.detectors.citations):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    yield module, name, value


@pytest.fixture(scope="module")
def counting():
    """The server's module-level patterns and the re module's functions, counting the characters they are given."""
    patched = [(m, n, v) for m, n, v in server_patterns()]
    functions = {n: getattr(re, n) for n in ("search", "match", "fullmatch", "finditer", "findall", "sub")}
    for module, name, value in patched:
        setattr(module, name, CountingPattern(value))

    def wrap(name, function):
        def counted(pattern, string, *args, **kwargs):
            CountingPattern.scanned[0] += len(string) if isinstance(string, str) else 0
            return function(pattern, string, *args, **kwargs)
        return counted
    for name, function in functions.items():
        setattr(re, name, wrap(name, function))
    yield
    for module, name, value in patched:
        setattr(module, name, value)
    for name, function in functions.items():
        setattr(re, name, function)


def work(html: str) -> tuple[int, int]:
    """(function calls, characters handed to regular expressions) for one analysis."""
    CountingPattern.scanned[0] = 0
    profile = cProfile.Profile()
    profile.enable()
    try:
        analyze(html=html)
    except AnalysisError:
        pass
    finally:
        profile.disable()
    calls = sum(stat[1] for stat in pstats.Stats(profile).stats.values())   # primitive and recursive calls
    return calls, CountingPattern.scanned[0]


@pytest.fixture(scope="module", autouse=True)
def warm():
    analyze(html=page("huge_paragraph", 4_000))   # lazy loads (Punkt, lexicons) are not the page's work


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly(shape, counting):
    (calls1, chars1), (calls2, chars2) = (work(page(shape, size)) for size in SIZES)
    assert calls2 <= MAX_GROWTH * calls1, f"{shape}: {calls1} → {calls2} calls when the page doubles"
    assert chars2 <= MAX_GROWTH * max(chars1, 1), f"{shape}: {chars1} → {chars2} characters to regexes"


def test_detectors_read_a_bounded_start_of_a_run_on_sentence():
    report = analyze(html=page("long_sentence", 40_000))
    longest = max(report.sentences, key=lambda s: len(s.text))
    assert len(longest.text) > 10 * SCAN_CHARS   # segmented and reported whole
    ctx = SentenceContext(longest, [], [])
    assert len(ctx.text) == SCAN_CHARS


def test_names_read_forward_are_bounded():
    """POSSESSIVE_DOCUMENT read a name forward from every capital: on "A-A-A-…" each try ran to the end of the run
    (quadratic). Its words are bounded now: the longest match it can try is short whatever the run (a step proxy)."""
    from server.detectors.citations.attribution import POSSESSIVE_DOCUMENT
    run = "A-" * 2000 + "A's report"
    m = POSSESSIVE_DOCUMENT.search(run)
    assert m is None or m.end() - m.start() < 300
    assert POSSESSIVE_DOCUMENT.search("the Harbour Council's report").group("owner") == "the Harbour Council"
