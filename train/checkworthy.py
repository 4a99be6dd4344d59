"""The check-worthiness model (server/models/checkworthy.json) from the ClaimBuster sentences.

ClaimBuster (Arslan et al. 2020, CC BY 4.0): 23,533 sentences of US presidential debates 1960-2016, labelled
check-worthy factual (1) or not (0) by crowd workers (`claimbuster_crowdsourced.tsv`) and by experts
(`claimbuster_groundtruth.tsv`). A logistic regression over `server.detectors.checkworthy.features` (the same
function the server uses); its strength C and the decision threshold are chosen by cross-validation grouped by
debate, so no debate is scored by a model that saw it. The file keeps weights and vocabulary, never a sentence.
"""
from __future__ import annotations

import csv
import datetime
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from server.detectors.checkworthy import MODEL_FILE, features

FILES = ("claimbuster_crowdsourced.tsv", "claimbuster_groundtruth.tsv")
MIN_COUNT = 20           # a feature seen in fewer training sentences is left out (names, rare words): 5 gave
                         # 15,844 features, in-sample F1 0.836 against 0.673 cross-validated; 20 narrows the gap
C_GRID = (0.03, 0.1, 0.3)
FOLDS = 5
csv.field_size_limit(sys.maxsize)


def load(shared: Path) -> list[dict]:
    """Every labelled sentence: text, label, debate (the group for cross-validation), which file."""
    rows = []
    for name in FILES:
        path = shared / "eval" / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if (row.get("text") or "").strip():
                    rows.append({"text": row["text"], "label": row["label"] == "1", "group": row["file_id"], "file": name})
    return rows


def _vectorise(texts: list[str], vectoriser: DictVectorizer | None = None, min_count: int = MIN_COUNT):
    dicts = [dict.fromkeys(features(t), 1) for t in texts]
    if vectoriser is None:
        counts: dict[str, int] = {}
        for d in dicts:
            for k in d:
                counts[k] = counts.get(k, 0) + 1
        kept = {k for k, n in counts.items() if n >= min_count}
        vectoriser = DictVectorizer().fit([{k: 1 for k in kept}])
    return vectoriser.transform(dicts), vectoriser


def fit(texts: list[str], labels, c: float, min_count: int = MIN_COUNT):
    """The model, its vectoriser, and the training sentences as vectors."""
    x, vectoriser = _vectorise(texts, min_count=min_count)
    model = LogisticRegression(C=c, max_iter=3000).fit(x, labels)
    return model, vectoriser, x


def cross_validated(rows: list[dict], c: float, min_count: int = MIN_COUNT) -> np.ndarray:
    """Each sentence's score from a model fitted without its debate."""
    debates = sorted({r["group"] for r in rows})
    fold = {d: i % FOLDS for i, d in enumerate(debates)}
    scores = np.zeros(len(rows))
    for k in range(FOLDS):
        train = [r for r in rows if fold[r["group"]] != k]
        test = [i for i, r in enumerate(rows) if fold[r["group"]] == k]
        model, vectoriser, _ = fit([r["text"] for r in train], [r["label"] for r in train], c, min_count)
        x, _ = _vectorise([rows[i]["text"] for i in test], vectoriser)
        scores[test] = model.predict_proba(x)[:, 1]
    return scores


def f1(labels, predicted) -> dict:
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    tp = int((labels & predicted).sum()); fp = int((~labels & predicted).sum()); fn = int((labels & ~predicted).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def best_threshold(labels, scores) -> tuple[float, float]:
    return max(((round(t, 2), f1(labels, scores >= t)["f1"]) for t in np.arange(0.1, 0.9, 0.01)), key=lambda x: x[1])


def main(shared: Path) -> int:
    rows = load(shared)
    if not rows:
        print(f"no ClaimBuster data in {shared / 'eval'}: nothing to train", file=sys.stderr)
        return 1
    labels = np.array([r["label"] for r in rows])
    print(f"check-worthiness: {len(rows):,} sentences, {int(labels.sum()):,} check-worthy, "
          f"{len({r['group'] for r in rows})} debates")
    trials = []
    for c in C_GRID:
        scores = cross_validated(rows, c)
        threshold, best = best_threshold(labels, scores)
        print(f"  C={c}: cross-validated F1 (check-worthy) {best:.3f} at threshold {threshold}")
        trials.append((best, c, threshold, scores))
    best, c, threshold, scores = max(trials, key=lambda t: t[0])
    model, vectoriser, x = fit([r["text"] for r in rows], labels, c)
    names = vectoriser.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= 0.005}
    in_sample = f1(labels, model.predict_proba(x)[:, 1] >= threshold)["f1"]
    experts = np.array([r["file"] == FILES[1] for r in rows])
    cv_experts = f1(labels[experts], scores[experts] >= threshold)["f1"] if experts.any() else None
    data = {
        "about": "Check-worthiness of a claim: score = sigmoid(intercept + sum of the weights of the features "
                 "server/detectors/checkworthy.py finds in the sentence); check-worthy when score >= threshold. "
                 "Made by `make train`; do not edit.",
        "intercept": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "weights": dict(sorted(weights.items())),
        "provenance": {
            "command": "make train (python -m train)",
            "date": datetime.date.today().isoformat(),
            "data": "ClaimBuster (Arslan et al. 2020, Zenodo), CC BY 4.0: claimbuster_crowdsourced.tsv and "
                    "claimbuster_groundtruth.tsv, 23,533 US presidential debate sentences",
            "settings": {"C": c, "min_count": MIN_COUNT, "solver": "lbfgs"},
            "cross_validation": f"{FOLDS} folds grouped by debate; C and the threshold chosen on it",
            "figures": {"in_sample_f1": round(in_sample, 3), "cross_validated_f1": round(best, 3),
                        "cross_validated_f1_expert_labels": round(cv_experts, 3) if cv_experts is not None else None},
        },
    }
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"  wrote {MODEL_FILE} ({len(weights):,} weights): in-sample F1 {in_sample:.3f}, "
          f"cross-validated {best:.3f}" + (f", on the expert labels {cv_experts:.3f}" if cv_experts is not None else ""))
    return 0
