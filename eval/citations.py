"""Citations: evidence detection and the uncited flag on hand-labelled real pages, and the seed article.

Runs the real pipeline (`server.pipeline.analyze(html=..., url=...)`) on each labelled page of
`shared/eval/citations_dev.jsonl`, aligns every labelled item to the pipeline's sentences by word overlap,
and scores: evidence detection (any evidence vs none) over body items, a confusion per evidence type,
uncited-claim precision/recall/F1 over all items, and the worst misses. Then checks the seed article
(`shared/seed/bakhmut.{txt,html}` against `bakhmut.expected.json`).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from eval.common import binary_scores, line, missing, prf

ORDER = 20
EVIDENCE_TYPES = ("marker", "link", "attribution", "quote", "continuation")
WORD = re.compile(r"\w+", re.U)


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def align(items: list[dict], sentences: list) -> list[list[int]]:
    """For each labelled item, the indices of the pipeline sentences that carry its text.

    The best match is the sentence with the highest Dice overlap of word bags (ties go to the one nearest after
    the previous item's match, since both lists are in reading order); neighbours mostly made of the item's words
    join it when the pipeline split the item in two."""
    bags = [Counter(_tokens(s.text)) for s in sentences]
    out, cursor = [], 0
    for item in items:
        want = Counter(_tokens(item["text"]))
        size = sum(want.values())
        best, best_key = None, None
        for i, bag in enumerate(bags):
            common = sum((want & bag).values())
            if not common:
                continue
            dice = 2 * common / (size + sum(bag.values()))
            key = (round(dice, 3), -abs(i - cursor) if i >= cursor else -1000 - abs(i - cursor))
            if best_key is None or key > best_key:
                best, best_key = i, key
        if best is None or best_key[0] < 0.4:
            out.append([])
            continue
        group = [best]
        for step in (-1, 1):
            j = best + step
            while 0 <= j < len(bags) and bags[j]:
                inside = sum((want & bags[j]).values()) / sum(bags[j].values())
                if inside < 0.8:
                    break
                group.append(j)
                j += step
        out.append(sorted(group))
        cursor = best
    return out


def _page_url(folder: Path) -> str | None:
    meta = folder / "expected-metadata.json"
    return (json.loads(meta.read_text(encoding="utf-8")).get("url") or None) if meta.exists() else None


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def run_dev(shared: Path) -> None:
    from server.pipeline import analyze

    labels_path = shared / "eval" / "citations_dev.jsonl"
    if missing(labels_path):
        return
    items_by_page: dict[str, list[dict]] = defaultdict(list)
    for raw in labels_path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            items_by_page[item["page"]].append(item)

    rows = []   # (item, predicted evidence types, predicted uncited, reasons, cues, weasel found)
    unmatched = 0
    for page, items in items_by_page.items():
        folder = shared / "pages" / "readability" / page
        if missing(folder / "source.html"):
            continue
        report = analyze(html=(folder / "source.html").read_text(encoding="utf-8", errors="replace"), url=_page_url(folder))
        items = sorted(items, key=lambda x: x["i"])
        for item, group in zip(items, align(items, report.sentences)):
            sents = [report.sentences[i] for i in group]
            unmatched += not sents
            types = {e.type for s in sents for e in s.evidence}
            flagged = any(s.has_flag("uncited") for s in sents)
            reasons = [f.reason for s in sents for f in s.flags if f.kind == "uncited"]
            cues = [f"{e.type}: {e.cue}" for s in sents for e in s.evidence]
            rows.append((item, types, flagged, reasons, cues, any(s.weasel for s in sents)))
    if not rows:
        return

    body = [r for r in rows if r[0]["kind"] == "body"]
    print(f"   pages={len(items_by_page)} items={len(rows)} body={len(body)} unaligned={unmatched}")
    ev = binary_scores([bool(r[0]["evidence"]) for r in body], [bool(r[1]) for r in body])
    print(f"   evidence detection (any vs none, body items): accuracy={ev['accuracy']:.3f} "
          f"P={ev['precision']:.3f} R={ev['recall']:.3f} F1={ev['f1']:.3f}")
    print(f"   {'evidence type':<14} {'gold':>5} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4}   P      R      F1")
    for t in EVIDENCE_TYPES:
        tp = sum(t in r[0]["evidence"] and t in r[1] for r in body)
        fp = sum(t not in r[0]["evidence"] and t in r[1] for r in body)
        fn = sum(t in r[0]["evidence"] and t not in r[1] for r in body)
        p, rc, f = prf(tp, fp, fn)
        print(f"   {t:<14} {tp + fn:>5} {tp + fp:>5} {tp:>4} {fp:>4} {fn:>4}   {p:.3f}  {rc:.3f}  {f:.3f}")
    un = binary_scores([bool(r[0]["uncited_claim"]) for r in rows], [r[2] for r in rows])
    print(line("uncited claim (all items)", un))
    kinds = Counter((r[0]["kind"], r[2]) for r in rows if r[0]["kind"] != "body")
    print(f"   non-body items flagged: {sum(v for (k, f), v in kinds.items() if f)} of {sum(kinds.values())}")
    weasel = binary_scores([bool(r[0]["weasel"]) for r in body], [r[5] for r in body])
    print(line("weasel attribution (body)", weasel))

    fps = [r for r in rows if r[2] and not r[0]["uncited_claim"]]
    fns = [r for r in rows if r[0]["uncited_claim"] and not r[2]]
    print(f"   worst misses: false positives ({len(fps)})")
    for item, types, _, reasons, _, _ in fps[:12]:
        print(f"     FP {item['page']}#{item['i']} [{item['kind']}; gold {'/'.join(item['evidence']) or 'none'}] "
              f"{_short(item['text'])}\n        → {reasons[0] if reasons else ''}")
    print(f"   worst misses: false negatives ({len(fns)})")
    for item, types, _, _, cues, _ in fns[:12]:
        print(f"     FN {item['page']}#{item['i']} [{item['kind']}] {_short(item['text'])}\n"
              f"        → found {_short('; '.join(cues), 100) or 'no claim'}")


def run_seed(shared: Path) -> None:
    from server.pipeline import analyze

    seed = shared / "seed"
    expected_path = seed / "bakhmut.expected.json"
    if missing(expected_path):
        return
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    for name in ("bakhmut.txt", "bakhmut.html"):
        path = seed / name
        if missing(path):
            continue
        content = path.read_text(encoding="utf-8")
        report = analyze(text=content) if name.endswith(".txt") else analyze(html=content)
        problems = _check_seed(report, expected)
        status = "exactly right" if not problems else f"{len(problems)} problem(s)"
        print(f"   seed {name:<13} {report.counts['uncited']} uncited, {len(report.references)} references: {status}")
        for p in problems:
            print(f"     - {p}")


def _check_seed(report, expected: dict) -> list[str]:
    problems = []
    sents = report.sentences
    norm = lambda s: s.replace("’", "'")

    def find(starts: str):
        return next((s for s in sents if norm(s.text).startswith(norm(starts))), None)

    for want in expected["sentences"]:
        s = find(want["starts"])
        if s is None:
            problems.append(f"no sentence starts with {want['starts']!r}")
            continue
        if want.get("kind") == "headline":
            if s.kind != "headline" or s.text.strip() != report.blocks[s.block].text.strip():
                problems.append(f"{want['starts']!r} is not its own headline item (kind={s.kind})")
            continue
        if s.has_flag("uncited") != bool(want.get("uncited_claim")):
            problems.append(f"{want['starts']!r}: uncited={s.has_flag('uncited')}, expected {bool(want.get('uncited_claim'))}")
        markers = [e for e in s.evidence if e.type == "marker"]
        got = sorted(str(e.source.get("number") or e.source.get("id")) for e in markers if e.source)
        if sorted(want.get("cited") or []) != got:
            problems.append(f"{want['starts']!r}: markers resolve to {got}, expected {want.get('cited')}")
    refs = {str(r.get("number") or r["id"]): r["text"] for r in report.references}
    for number, text in expected.get("references", {}).items():
        key = re.split(r"[ ,]", norm(text))[0].lower()
        if number not in refs or key not in norm(refs[number]).lower():
            problems.append(f"reference {number} ({text}) not parsed: {refs.get(number)!r}")
    flagged_refs = [s for s in sents if s.kind == "reference" and s.flags and any(f.kind == "uncited" for f in s.flags)]
    if flagged_refs:
        problems.append(f"{len(flagged_refs)} reference entries flagged")
    if any(s.kind == "body" and re.match(r"^\s*\d+\.\s", s.text) and "Feb." in s.text for s in sents):
        problems.append("reference entries were read as body text")
    return problems


def run(shared: Path) -> None:
    run_dev(shared)
    run_seed(shared)
