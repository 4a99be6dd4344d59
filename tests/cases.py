"""The detector fixture cases (Readability's habit): a folder per case in tests/fixtures/cases/<slug>/ with the page
(`page.html` or `page.txt`) and `expected.json`. `scripts/new_case.py` turns a page into a new case.

expected.json: {"about": what the case is for, "url": the page's address (optional), "references": {id: words its
text contains}, "sentences": [...]}. Each expected sentence is found by a `snippet` of its text (not by index, so a
change in splitting does not break every case) and may say, per key:
  kind                       headline | heading | body | reference | furniture
  uncited                    whether it carries the uncited flag
  evidence                   evidence types it must have ([] none; ["any"] some)
  reason_contains, note_contains, cue_contains, source_contains, source_url: words in the uncited reason, an
                             evidence note, cue, resolved source text or URL
  starts_with, ends_with     where the sentence splits
  weasel                     true: a vague attribution is recorded
  emotive                    whether it carries the emotive flag; emotive_words: among the flag's cue spans
  quote_words, speaker       charged words in the emotive_quote flag, and the speaker it names
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from server.pipeline import analyze

CASES_DIR = Path(__file__).parent / "fixtures" / "cases"
CASES = sorted(p for p in CASES_DIR.iterdir() if (p / "expected.json").exists())


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def load(folder: Path):
    """(expected, report) for one case."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    if (folder / "page.html").exists():
        report = analyze(html=(folder / "page.html").read_text(encoding="utf-8"), url=expected.get("url"))
    else:
        report = analyze(text=(folder / "page.txt").read_text(encoding="utf-8"))
    return expected, report


def find(report, snippet: str):
    hits = [s for s in report.sentences if norm(snippet) in norm(s.text)]
    assert hits, f"no sentence contains {snippet!r}; sentences: {[s.text[:60] for s in report.sentences]}"
    return hits[0]


def _flag(sentence, kind: str):
    return next((f for f in sentence.flags if f.kind == kind), None)


def problems(expected: dict, report) -> list[str]:
    """Every way the report differs from what the case expects."""
    out = []
    for want in expected["sentences"]:
        s = find(report, want["snippet"])
        out += [f"{want['snippet'][:40]!r}: {p}" for p in _citation_problems(want, s) + _emotive_problems(want, s)]
    refs = {str(r["id"]): r for r in report.references}
    for ref_id, words in expected.get("references", {}).items():
        ref = refs.get(ref_id) or next((r for r in report.references if str(r.get("number")) == ref_id), None)
        if ref is None or words not in ref["text"]:
            out.append(f"reference {ref_id} should contain {words!r}: {ref}")
    if [s for s in report.sentences if s.kind == "reference" and s.flags]:
        out.append("reference entries are never flagged")
    return out


def _citation_problems(want: dict, s) -> list[str]:
    out = []
    kinds = {e.type for e in s.evidence}
    if "kind" in want and s.kind != want["kind"]:
        out.append(f"kind {s.kind}, expected {want['kind']}")
    if "uncited" in want and s.has_flag("uncited") != want["uncited"]:
        reason = next((f.reason for f in s.flags if f.kind == "uncited"), "")
        out.append(f"uncited={s.has_flag('uncited')} ({reason or [e.type + ':' + e.cue for e in s.evidence]})")
    if "evidence" in want and not set(want["evidence"]) <= kinds | {"any"}:
        out.append(f"evidence {sorted(kinds)}, expected {want['evidence']}")
    if want.get("evidence") == [] and kinds:
        out.append(f"expected no evidence, found {[e.type + ':' + e.cue for e in s.evidence]}")
    if want.get("evidence") == ["any"] and not kinds:
        out.append("expected some evidence")
    for key, where in (("reason_contains", [f.reason for f in s.flags if f.kind == "uncited"]),
                       ("note_contains", [e.note for e in s.evidence]),
                       ("cue_contains", [e.cue for e in s.evidence]),
                       ("source_contains", [(e.source or {}).get("text") or "" for e in s.evidence]),
                       ("source_url", [(e.source or {}).get("url") or "" for e in s.evidence])):
        if key in want and not any(want[key] in text for text in where):
            out.append(f"no {key.split('_')[0]} contains {want[key]!r} (have {where})")
    if "starts_with" in want and not s.text.startswith(want["starts_with"]):
        out.append(f"starts {s.text[:15]!r}, expected {want['starts_with']!r}")
    if "ends_with" in want and not s.text.rstrip().endswith(want["ends_with"]):
        out.append(f"ends {s.text[-15:]!r}, expected {want['ends_with']!r}")
    if want.get("weasel") and not s.weasel:
        out.append("no weasel attribution recorded")
    return out


def _emotive_problems(want: dict, s) -> list[str]:
    out = []
    flag = _flag(s, "emotive")
    if want.get("emotive") is True:
        if not flag:
            return ["should be emotive"]
        spans = [sp.text.lower() for sp in flag.spans]
        out += [f"{word!r} is not among the cues {spans}" for word in want.get("emotive_words", [])
                if not any(word.lower() in sp or sp in word.lower() for sp in spans)]
    elif want.get("emotive") is False and flag:
        out.append(f"should not be emotive ({flag.reason})")
    quoted = _flag(s, "emotive_quote")
    for word in want.get("quote_words", []):
        if not quoted or not any(word in sp.text for sp in quoted.spans):
            out.append(f"{word!r} should be in an emotive_quote flag")
    if "speaker" in want and (not quoted or want["speaker"] not in quoted.reason):
        out.append(f"the emotive_quote flag should name {want['speaker']!r}")
    return out
