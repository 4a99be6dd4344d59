"""Word lists as data: loads server/lexicons/*.yml into compiled rules.

Each file has a `category`, a reader-facing `label` and `entries`; each entry has an `id`, `words` (matched
as whole words, case-insensitively) and/or `patterns` (regular expressions), the `reason` shown to the
reader, an optional `weight`, and `examples` that must (`flag`) and must not (`pass`) match it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"


@dataclass
class Rule:
    id: str                  # dotted: "emotive.puffery.heroic"
    category: str
    label: str
    reason: str
    regex: re.Pattern
    weight: float = 1.0
    examples: dict = field(default_factory=dict)

    def finditer(self, text: str):
        return self.regex.finditer(text)


def _compile(entry: dict) -> re.Pattern:
    alternatives = [r"\s+".join(re.escape(part) for part in w.split()) for w in entry.get("words", [])]
    alternatives = [rf"(?<![\w-]){a}(?![\w-])" for a in sorted(alternatives, key=len, reverse=True)]
    alternatives += entry.get("patterns", [])
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


@lru_cache(maxsize=None)
def load_rules(directory: str = str(LEXICON_DIR)) -> tuple[Rule, ...]:
    rules = []
    for path in sorted(Path(directory).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["entries"]:
            rules.append(Rule(
                id=f"emotive.{data['category']}.{entry['id']}", category=data["category"], label=data["label"],
                reason=entry["reason"], regex=_compile(entry), weight=float(entry.get("weight", 1.0)),
                examples=entry.get("examples") or {},
            ))
    return tuple(rules)
