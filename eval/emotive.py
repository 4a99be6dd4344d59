"""Emotive framing: sentence-level P/R/F1 on BABE, PTC, CheckThat! and the hand-labelled pages; BABE word precision.

Every item goes through the real pipeline (`analyze(text=...)`). An item is predicted emotive when any of its
sentences carries an `emotive` flag; an `AnalysisError` (empty, not English, ...) counts as not flagged.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eval.common import binary_scores, line, missing
from server.pipeline import AnalysisError, analyze

ORDER = 30
WORD = re.compile(r"[\w'’-]+")
SHOW_FP = 6
PAGE_FILES = (("citations_dev", "readability"), ("news_dev", "news"))   # shared/eval/<name>.jsonl, shared/pages/<folder>

csv.field_size_limit(sys.maxsize)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _analyse(text: str):
    """(flagged, emotive score, writer cue spans, the flag's reason) for one item."""
    try:
        report = analyze(text=text)
    except AnalysisError:
        return False, 0.0, [], ""
    flags = [f for s in report.sentences for f in s.flags if f.kind == "emotive"]
    score = max((s.emotive_score for s in report.sentences), default=0.0)
    return bool(flags), score, [sp.text for f in flags for sp in f.spans], "; ".join(f.reason for f in flags)


def _worst_false_positives(items: list[tuple[str, bool, tuple]]) -> None:
    fps = sorted((r for r in items if r[2][0] and not r[1]), key=lambda r: -r[2][1])[:SHOW_FP]
    if fps:
        print("   worst false positives:")
    for text, _, (flagged, score, _, reason) in fps:
        print(f"     [{score:.2f}] {text[:150]}")
        print(f"            → {reason[:150]}")


def _score_sentences(path: Path, name: str, text_key: str, is_emotive) -> tuple[list[dict], list, dict] | None:
    """Every row's sentence through the pipeline; prints the sentence-level line and returns its scores too.
    None when the file is missing."""
    if missing(path):
        return None
    rows = [r for r in _rows(path) if (r.get(text_key) or "").strip()]
    results = [(r[text_key], is_emotive(r), _analyse(r[text_key])) for r in rows]
    scores = binary_scores([g for _, g, _ in results], [p[0] for _, _, p in results])
    print(line(name, scores))
    return rows, results, scores


def babe(shared: Path) -> dict:
    scored = _score_sentences(shared / "eval" / "babe_dev.tsv", "BABE dev (biased)", "text", lambda r: r["label"] == "1")
    if scored is None:
        return {}
    rows, results, scores = scored
    # word level: of the words Loupe marks on biased sentences, how many did annotators mark as biased?
    marked = hit = 0
    missed: Counter = Counter()
    for row, (_, gold, (flagged, _, spans, _)) in zip(rows, results):
        if not gold:
            continue
        biased = {w.lower() for w in (row.get("biased_words") or "").split("|") if w.strip()}
        biased_tokens = {t.lower() for w in biased for t in WORD.findall(w)}
        found = set()
        for span in spans:
            tokens = [t.lower() for t in WORD.findall(span)]
            if not tokens:
                continue
            marked += 1
            hit += any(t in biased_tokens for t in tokens)
            found.update(tokens)
        missed.update(w for w in biased if not (set(WORD.findall(w)) & found))
    share = hit / marked if marked else 0.0
    print(f"   BABE word level: {hit}/{marked} marked cues on biased sentences are annotated biased words "
          f"(precision {share:.3f})")
    print("   most frequent annotated biased words Loupe misses: "
          + ", ".join(f"{w} ({n})" for w, n in missed.most_common(25)))
    _worst_false_positives(results)
    return {"emotive.babe.f1": scores["f1"], "emotive.babe.macro_f1": scores["macro_f1"], "emotive.babe.words": share}


def ptc(shared: Path) -> dict:
    scored = _score_sentences(shared / "eval" / "ptc_dev.tsv", "PTC dev (label_emotive)", "text",
                              lambda r: r["label_emotive"] == "1")
    if scored is None:
        return {}
    _worst_false_positives(scored[1])
    return {"emotive.ptc.f1": scored[2]["f1"]}


def checkthat(shared: Path) -> dict:
    scored = _score_sentences(shared / "eval" / "checkthat_subj_dev_en.tsv", "CheckThat! dev (SUBJ, 2nd)", "sentence",
                              lambda r: r["label"] == "SUBJ")
    return {} if scored is None else {"emotive.checkthat.macro_f1": scored[2]["macro_f1"]}


def _pages_file(shared: Path, stem: str, folder: str) -> tuple[list, list, bool] | None:
    """The hand-labelled news pages of one file: each page analysed whole, so quotes and speakers carry across
    sentences. (gold, predicted, every page there) for its body items; None when the file is missing."""
    path = shared / "eval" / f"{stem}.jsonl"
    if missing(path):
        return None
    items = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    by_page: dict[str, list[dict]] = {}
    for item in items:
        if item.get("kind") == "body":
            by_page.setdefault(item["page"], []).append(item)
    gold, predicted, fps, complete = [], [], [], True
    for page, page_items in by_page.items():
        source = shared / "pages" / folder / page / "expected.txt"
        if missing(source):
            complete = False
            continue
        try:
            report = analyze(text=source.read_text(encoding="utf-8"))
        except AnalysisError:
            continue
        cursor = 0
        for item in page_items:
            at = report.text.find(item["text"], cursor)
            if at < 0:
                at = report.text.find(item["text"])
            if at < 0:
                flagged = _analyse(item["text"])[0]
                reason = ""
            else:
                cursor = at + len(item["text"])
                hits = [s for s in report.sentences if s.start < cursor and at < s.end and s.has_flag("emotive")]
                flagged = bool(hits)
                reason = "; ".join(f.reason for s in hits for f in s.flags if f.kind == "emotive")
            gold.append(bool(item["emotive"]))
            predicted.append(flagged)
            if flagged and not item["emotive"]:
                fps.append((item["text"], reason))
    if gold:
        print(line(f"pages {stem}.jsonl", binary_scores(gold, predicted)))
        for text, reason in fps[:3]:
            print(f"     FP {text[:140]}\n            → {reason[:140]}")
    return gold, predicted, complete


def pages(shared: Path) -> dict:
    """The hand-labelled news pages, per file and all together. Figures (when every page of a file is there):
    `emotive.pages.<file>.f1`, and `emotive.pages.f1` of all the files."""
    figures, gold, predicted, complete, files = {}, [], [], True, 0
    for stem, folder in PAGE_FILES:
        scored = _pages_file(shared, stem, folder)
        complete &= bool(scored and scored[2])
        if scored and scored[0]:
            files += 1
            gold += scored[0]
            predicted += scored[1]
            if scored[2]:
                figures[f"emotive.pages.{stem}.f1"] = binary_scores(scored[0], scored[1])["f1"]
    if files > 1:
        scores = binary_scores(gold, predicted)
        print(line("pages, both files", scores))
        if complete:
            figures["emotive.pages.f1"] = scores["f1"]
    return figures


def run(shared: Path) -> dict:
    return {**babe(shared), **ptc(shared), **checkthat(shared), **pages(shared)}
