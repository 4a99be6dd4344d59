"""Check-worthiness: how much a reader would want a claim sourced or checked (issue: "check-worthy claims first").

Every sentence that makes a claim (`Sentence.claim`, set by the citations detector) gets `claim_strength`: a score
from 0 to 1, a tier ("check-worthy" or "minor") and a reason naming what makes it check-worthy ("states a number
and a cause"). The score is a logistic regression over the sentence's words and word pairs (numbers, years and
percentages as their kind) and the claim kinds it matches, learned from the ClaimBuster debate sentences by
`make train` (server/models/checkworthy.json: weights and vocabulary only, with provenance). Loupe still reports
every uncited claim; the tier tells the reader where to look first.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

from .citations.claims import KINDS, plain_text

MODEL_FILE = Path(__file__).resolve().parents[1] / "models" / "checkworthy.json"
TOKEN = re.compile(r"\$?\d+(?:[.,]\d+)*%?|[a-z]+(?:['’][a-z]+)?")
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# what each claim kind adds to the reason ("states a number and a cause")
KIND_WORDS = {"number": "a number", "comparison": "a comparison", "prediction": "a prediction", "cause": "a cause",
              "judgement": "a judgement", "characterisation": "a characterisation"}


def _token(t: str) -> str:
    if t[0].isdigit() or t[0] == "$":
        if t.endswith("%"):
            return "<percent>"
        if t.startswith("$"):
            return "<money>"
        return "<year>" if YEAR.match(t) else "<number>"
    return t.replace("’", "'")


def kinds(text: str) -> list[str]:
    """Every claim kind whose pattern matches (claims.yml, in its order), not just the first."""
    plain = plain_text(text)
    return [k.id for k in KINDS if k.pattern is not None and k.pattern.search(plain)]


def features(text: str) -> list[str]:
    """The sentence's feature names: words, word pairs, claim kinds and length. Training uses this same function."""
    tokens = [_token(t) for t in TOKEN.findall(plain_text(text))]   # a marker "[1]" is no number
    out = [f"w:{t}" for t in tokens] + [f"p:{a} {b}" for a, b in zip(tokens, tokens[1:])]
    out += [f"kind:{k}" for k in kinds(text)]
    out.append("len:short" if len(tokens) < 8 else "len:long" if len(tokens) > 30 else "len:mid")
    return out


class Model:
    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.intercept: float = data["intercept"]
        self.threshold: float = data["threshold"]
        self.provenance: dict = data.get("provenance", {})

    def score(self, text: str) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in set(features(text)))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def load(path: Path = MODEL_FILE) -> Model | None:
    """The model `make train` wrote; None before it exists (claims then carry no strength)."""
    return Model(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None


MODEL = load()


def reason(text: str) -> str:
    parts = [KIND_WORDS[k] for k in kinds(text) if k in KIND_WORDS][:2]
    return "states " + " and ".join(parts) if parts else "states an event or fact"


def detect(sentences) -> None:
    """`claim_strength` for every sentence that makes a claim."""
    if MODEL is None:
        return
    for s in sentences:
        if s.claim:
            score = MODEL.score(s.text)
            tier = "check-worthy" if score >= MODEL.threshold else "minor"
            s.claim_strength = {"score": round(score, 3), "tier": tier, "reason": reason(s.text)}
