"""Word lists as data: loads server/lexicons/*.yml into compiled rules.

Each file has a `category` (its reader-facing name is in server/shared.json), an optional `source` and `entries`;
each entry has:
- `id`; `words` (whole words or phrases, case-insensitive; spaces match any whitespace) and/or `patterns`
  (regular expressions);
- `reason`: shown to the reader after the cue ("puffery: 'heroic' (praises the subject ...)");
- `weight` (default 1.0): the sentence is flagged when its cues sum to the detector's threshold (1.0), so a
  weight below 1 marks a word that is emotive only together with another cue;
- `unless_next` / `unless_prev`: regular expressions for the words right after / right before the match that
  make it literal ("toxic" + "waste", "pension" + "scheme") and cancel the cue;
- `proper: true` when the word is normally capitalised ("Nazi"); otherwise a capitalised match inside a
  sentence is taken for a name ("Always", "Epic Games") and skipped;
- `examples`: sentences that must (`flag`) and must not (`pass`) report this entry's cue (tests run them).
"""
from __future__ import annotations

import re
import re._parser as sre_parse
from dataclasses import dataclass, field
from re._constants import BRANCH, LITERAL, SUBPATTERN
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

from .shared import CATEGORY_NAMES

LEXICON_DIR = Path(__file__).parent / "lexicons"


@dataclass
class Rule:
    id: str                  # dotted: "emotive.puffery.heroic"
    category: str
    label: str
    reason: str
    regex: re.Pattern | None          # the entry's `patterns`; its `words` are looked up by token (see find)
    weight: float = 1.0
    unless_next: re.Pattern | None = None
    unless_prev: re.Pattern | None = None
    proper: bool = False
    examples: dict = field(default_factory=dict)

    patterns: tuple = ()              # ((compiled pattern, the literals one of which it needs), ...)

    def literal(self, text: str, start: int, end: int) -> bool:
        """True when the words around the match show a literal, non-emotive use."""
        if self.unless_next and self.unless_next.match(text, end):
            return True
        if self.unless_prev:
            before = text[max(0, start - 40):start]
            return bool(self.unless_prev.search(before))
        return False


TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# a TOKEN that is a word of prose: one glued to "_" or "." is code or a name ("claimed_timestamp", "toxic.js"). The
# lookbehinds keep the search from starting again inside a token it has passed over; the atomic group keeps it from
# shortening one to get past the tests after it
WORD_TOKEN = re.compile(r"(?<![^\W_])(?<![_.])(?<![^\W_]-)(?>[^\W_]+(?:-[^\W_]+)*)(?!_)(?!\.[^\W_])")


def _compile(entry: dict) -> re.Pattern | None:
    patterns = entry.get("patterns", [])
    return re.compile("|".join(f"(?:{a})" for a in patterns), re.IGNORECASE) if patterns else None


@lru_cache(maxsize=None)
def _word_index(directory: str) -> dict[str, list[tuple[tuple[str, ...], Rule]]]:
    """first token → [(all tokens of the word or phrase, rule)], longest phrases first."""
    index: dict[str, list] = {}
    for rule, words in _words(directory):
        for w in words:
            tokens = tuple(t.lower() for t in TOKEN.findall(w))
            if tokens:
                index.setdefault(tokens[0], []).append((tokens, rule))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find(text: str, directory: str = str(LEXICON_DIR)) -> list[tuple[int, int, Rule]]:
    """Every (start, end, rule) match in `text`: words and phrases by a token lookup (whole words, any
    case, any whitespace between a phrase's words), patterns by their regular expressions."""
    index = _word_index(directory)
    tokens = [(m.start(), m.end(), m.group().lower()) for m in WORD_TOKEN.finditer(text)]
    found = []
    for i, (start, _, token) in enumerate(tokens):
        for words, rule in index.get(token, ()):
            n = len(words)
            if i + n <= len(tokens) and all(tokens[i + k][2] == words[k] for k in range(1, n)) \
                    and all(text[tokens[i + k - 1][1]:tokens[i + k][0]].isspace() for k in range(1, n)):
                found.append((start, tokens[i + n - 1][1], rule))
    # a pattern runs only when a literal it needs is in the text: one Aho-Corasick pass finds all the literals
    # there (a substring test per literal cost more than the whole rest of find) and spares most regex scans
    patterns, literals, always = _pattern_index(directory)
    run = set(always)
    for _, which in literals.iter(text.lower()):
        run.update(which)
    for n in sorted(run):   # in lexicon order, as the matches were always listed
        regex, rule = patterns[n]
        for m in regex.finditer(text):
            if m.start() != m.end():
                found.append((m.start(), m.end(), rule))
    return found


@lru_cache(maxsize=None)
def _pattern_index(directory: str):
    """The patterns of all rules in lexicon order as (regex, rule); an automaton finding each needed literal,
    with the positions of the patterns that need it; the positions of patterns that need none (they always run)."""
    patterns, by_literal, always = [], {}, []
    for rule in _pattern_rules(directory):
        for regex, needs in rule.patterns:
            for literal in needs:
                by_literal.setdefault(literal, []).append(len(patterns))
            if not needs:
                always.append(len(patterns))
            patterns.append((regex, rule))
    literals = ahocorasick.Automaton()
    for literal, which in by_literal.items():
        literals.add_word(literal, tuple(which))
    literals.make_automaton()
    return tuple(patterns), literals, tuple(always)


def _needs(pattern: str) -> frozenset[str]:
    """Literal substrings (lower case) one of which every match of `pattern` contains: the longest run of
    literal characters at the pattern's top level, or the runs that open each branch of a group. Empty
    when the pattern has no such literal (the pattern then always runs)."""
    def runs(seq) -> list[set[str]]:
        found, current = [], ""
        for op, av in seq:
            if op == LITERAL:
                current += chr(av)
                continue
            if current:
                found.append({current})
                current = ""
            if op == SUBPATTERN:
                found.extend(runs(av[3]))
            elif op == BRANCH:
                options = []
                for branch in av[1]:
                    usable = [r for r in runs(branch) if all(len(x.strip()) >= 3 for x in r)]
                    if not usable:
                        break
                    options.extend(max(usable, key=lambda r: min(len(x) for x in r)))
                else:
                    found.append(set(options))
        if current:
            found.append({current})
        return found
    usable = [r for r in runs(list(sre_parse.parse(pattern))) if all(len(x.strip()) >= 3 for x in r)]
    if not usable:
        return frozenset()
    return frozenset(x.lower() for x in max(usable, key=lambda r: (min(len(x) for x in r), -len(r))))


@lru_cache(maxsize=None)
def _pattern_rules(directory: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in load_rules(directory) if rule.regex is not None)


def _context(pattern: str | None, where: str) -> re.Pattern | None:
    if not pattern:
        return None
    if where == "next":   # the words after the match: optional punctuation-free gap, then the pattern
        return re.compile(rf"[\s-]+(?:{pattern})(?![\w])", re.IGNORECASE)
    # the words before the match, allowing a few function words in between ("denied being racist")
    return re.compile(rf"(?<![\w])(?:{pattern})[\s-]+(?:(?:being|been|be|as|a|an|the|of|so)\s+){{0,2}}$", re.IGNORECASE)


def load_yaml(path: Path):
    """A data file, read with libyaml's safe loader when PyYAML has it (five times faster than the pure-Python one:
    the word lists are read at every start)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=None)
def load_rules(directory: str = str(LEXICON_DIR)) -> tuple[Rule, ...]:
    return tuple(rule for rule, _ in _words(directory))


@lru_cache(maxsize=None)
def _words(directory: str) -> tuple[tuple[Rule, tuple[str, ...]], ...]:
    rules = []
    for path in sorted(Path(directory).glob("*.yml")):
        data = load_yaml(path)
        for entry in data["entries"]:
            rules.append((Rule(
                id=f"emotive.{data['category']}.{entry['id']}", category=data["category"], label=CATEGORY_NAMES[data["category"]],
                reason=entry["reason"], regex=_compile(entry), weight=float(entry.get("weight", 1.0)),
                unless_next=_context(entry.get("unless_next"), "next"),
                unless_prev=_context(entry.get("unless_prev"), "prev"),
                proper=bool(entry.get("proper", False)), examples=entry.get("examples") or {},
                patterns=tuple((re.compile(p, re.IGNORECASE), _needs(p)) for p in entry.get("patterns", [])),
            ), tuple(entry.get("words", []))))
    return tuple(rules)
