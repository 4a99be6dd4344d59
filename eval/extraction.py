"""Extraction: token F1 of the pipeline's blocks against Readability's expected text (real English pages).

For each real English page of `shared/pages/readability` (manifest columns path/lang/synthetic_fixture), the
pipeline's block texts and the page's `expected.txt` are compared as bags of lower-cased word tokens.
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

from eval.common import missing, prf

ORDER = 10
TOKEN = re.compile(r"\w+", re.U)


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in TOKEN.findall(text))


def token_f1(predicted: str, expected: str) -> tuple[float, float, float]:
    p, e = tokens(predicted), tokens(expected)
    overlap = sum((p & e).values())
    return prf(overlap, sum(p.values()) - overlap, sum(e.values()) - overlap)


def english_real_pages(shared: Path) -> list[Path]:
    manifest = shared / "pages" / "manifest.tsv"
    if missing(manifest):
        return []
    with manifest.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [shared / "pages" / r["path"] for r in rows
            if (r.get("lang") or "").lower().startswith("en") and str(r.get("synthetic_fixture")) == "0"]


def page_url(folder: Path) -> str | None:
    """The page's address when the metadata records one (the pipeline otherwise reads the canonical link)."""
    meta = folder / "expected-metadata.json"
    if meta.exists():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return data.get("url") or None
    return None


def run(shared: Path) -> dict:
    """Prints the mean token scores and the worst pages; returns the mean token F1 (`extraction.f1`)."""
    from server.pipeline import AnalysisError, analyze

    pages = english_real_pages(shared)
    if not pages:
        return {}
    results = []
    for folder in pages:
        source, expected = folder / "source.html", folder / "expected.txt"
        if not (source.exists() and expected.exists()):
            continue
        try:
            report = analyze(html=source.read_text(encoding="utf-8", errors="replace"), url=page_url(folder))
            text, note = "\n\n".join(b.text for b in report.blocks), ""
        except AnalysisError as exc:
            text, note = "", exc.code
        p, r, f = token_f1(text, expected.read_text(encoding="utf-8", errors="replace"))
        results.append((f, p, r, folder.name, note))
    if not results:
        print("   no pages found")
        return {}
    n = len(results)
    print(f"   pages={n}  mean token P={sum(x[1] for x in results) / n:.3f} R={sum(x[2] for x in results) / n:.3f} "
          f"F1={sum(x[0] for x in results) / n:.3f}")
    print("   worst pages:")
    for f, p, r, name, note in sorted(results)[:8]:
        print(f"     {name:<34} F1={f:.3f} P={p:.3f} R={r:.3f}" + (f"  ({note})" if note else ""))
    return {"extraction.f1": sum(x[0] for x in results) / n}
