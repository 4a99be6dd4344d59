"""The report's types and their JSON form: the one place the API's shape is defined."""
from __future__ import annotations

from dataclasses import dataclass, field, asdict

SCHEMA_VERSION = 1


@dataclass
class Span:
    """Character span into Report.text, with the words it covers."""
    start: int
    end: int
    text: str


@dataclass
class Evidence:
    """Why a sentence counts as sourced: type is marker | link | attribution | quote | continuation."""
    type: str
    cue: str
    spans: list[Span] = field(default_factory=list)
    source: dict | None = None   # {"id", "text", "url"} when a marker or link points somewhere
    note: str = ""               # e.g. "the source is not named"


@dataclass
class Cue:
    """One emotive cue: the words, their category and the reason shown to the reader."""
    category: str
    rule: str
    reason: str
    span: Span
    in_quote: bool = False
    speaker: str | None = None
    weight: float = 1.0


@dataclass
class Flag:
    kind: str                    # "uncited" | "emotive" | "emotive_quote"
    reason: str
    spans: list[Span] = field(default_factory=list)
    detail: list[dict] = field(default_factory=list)
    rule: str = ""               # dotted id of the rule that raised it: "citation.uncited.number", "emotive.framing"


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    block: int
    kind: str                    # headline | heading | body | reference | furniture
    evidence: list[Evidence] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    weasel: list[Span] = field(default_factory=list)
    claim: str | None = None     # what kind of claim it makes, when it makes one
    claim_strength: dict | None = None   # {"score": 0..1, "tier": "check-worthy" | "minor", "reason": ...}
    emotive_score: float = 0.0

    def has_flag(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.flags)


@dataclass
class Block:
    kind: str                    # heading | paragraph | list_item | quote | reference | furniture
    text: str
    start: int
    end: int
    level: int = 0


@dataclass
class Report:
    title: str
    url: str | None
    text: str
    blocks: list[Block]
    sentences: list[Sentence]
    references: list[dict]
    language: str = "en"
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        return {
            "sentences": len(self.sentences),
            "uncited": sum(s.has_flag("uncited") for s in self.sentences),
            "emotive": sum(s.has_flag("emotive") for s in self.sentences),
        }

    def to_json(self) -> dict:
        data = asdict(self)
        data = {"schema": SCHEMA_VERSION, **data, "counts": self.counts}
        for sentence in data["sentences"]:
            sentence.pop("cues", None)   # cues are summarised in the emotive flag's detail
        return data
