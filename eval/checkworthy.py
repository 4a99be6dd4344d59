"""Check-worthiness: the shipped model on the ClaimBuster sentences, in-sample and cross-validated by debate.

In-sample: the model in server/models/checkworthy.json scores every sentence it was fitted on. Cross-validated:
each debate is scored by a model fitted (with the same settings) without it, the honest figure. Needs the dev
requirements (scikit-learn) for the refits.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from eval.common import missing

ORDER = 25


def run(shared: Path) -> dict:
    from server.detectors.checkworthy import MODEL
    from train import checkworthy as training

    if missing(shared / "eval" / training.FILES[0]):
        return {}
    if MODEL is None:
        print("   no model: run `make train`")
        return {}
    rows = training.load(shared)
    labels = np.array([r["label"] for r in rows])
    settings = MODEL.provenance.get("settings", {})
    in_sample = training.f1(labels, np.array([MODEL.score(r["text"]) >= MODEL.threshold for r in rows]))
    cv = training.f1(labels, training.cross_validated(rows, settings.get("C", 0.1), settings.get("min_count", training.MIN_COUNT)) >= MODEL.threshold)
    print(f"   ClaimBuster, {len(rows):,} sentences ({int(labels.sum()):,} check-worthy), threshold {MODEL.threshold}")
    for name, s in (("in-sample", in_sample), ("cross-validated by debate", cv)):
        print(f"   {name:<27} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
    gap = in_sample["f1"] - cv["f1"]
    print(f"   gap in-sample − cross-validated: {gap:+.3f}" + ("  (above 0.05: a lexical model remembers its "
                                                             "sentences; trust the cross-validated figure)" if gap > 0.05 else ""))
    return {"checkworthy.cv.f1": cv["f1"]}
