"""Citations: evidence detection and the uncited flag on hand-labelled real pages, and the seed article.

Runs the real pipeline (`server.pipeline.analyze(html=..., url=...)`) on each labelled page of
`shared/eval/citations_dev.jsonl` (pages/readability) and `shared/eval/news_dev.jsonl` (pages/news), aligns every
labelled item to the pipeline's sentences by word overlap, and scores, per file and for both together: evidence
detection (any evidence vs none) over body items, a confusion per evidence type, uncited-claim precision/recall/F1
over all items and weasel attributions; then lists the misses of the uncited flag by page. Then checks the seed
article (`shared/seed/bakhmut.{txt,html}` against `bakhmut.expected.json`).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from eval.common import binary_scores, line, missing, prf

ORDER = 20
EVIDENCE_TYPES = ("marker", "link", "attribution", "quote", "continuation")
WORD = re.compile(r"\w+", re.U)
# (labels in shared/eval/<name>.jsonl, the pages' folder in shared/pages)
DEV_FILES = (("citations_dev", "readability"), ("news_dev", "news"))
SHOW_MISSES = 15   # false positives, and false negatives, listed at most


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
    for name in ("meta.json", "expected-metadata.json"):   # pages/news, pages/readability
        meta = folder / name
        if meta.exists():
            return json.loads(meta.read_text(encoding="utf-8")).get("url") or None
    return None


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _page_label(folder: Path, url: str | None) -> str:
    """A page's name in the listings: its folder, shortened to 8 characters and the site when it is a hash."""
    name = folder.name
    if len(name) > 20 and url:
        host = re.sub(r"^www\.", "", urlsplit(url).hostname or "")
        return f"{name[:8]} ({host})"
    return name


@dataclass
class Row:
    item: dict           # the labelled item
    page: str            # the page's label
    types: set           # evidence types found
    flagged: bool        # flagged uncited
    reasons: list        # the uncited flags' reasons
    cues: list           # "type: cue" of the evidence found
    weasel: bool         # a weasel attribution found
    seen: list           # (kind, claim) of the pipeline's sentences for the item


def score_file(shared: Path, stem: str, folder_name: str) -> tuple[list[Row], bool]:
    """Every labelled item of `eval/<stem>.jsonl` aligned to the pipeline's sentences on its page
    (`pages/<folder_name>/<page>/source.html`), and whether every page was there."""
    from server.pipeline import analyze

    labels_path = shared / "eval" / f"{stem}.jsonl"
    if missing(labels_path):
        return [], False
    items_by_page: dict[str, list[dict]] = defaultdict(list)
    for raw in labels_path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            items_by_page[item["page"]].append(item)
    rows, complete = [], True
    for page, items in items_by_page.items():
        folder = shared / "pages" / folder_name / page
        if missing(folder / "source.html"):
            complete = False
            continue
        url = _page_url(folder)
        label = _page_label(folder, url)
        report = analyze(html=(folder / "source.html").read_text(encoding="utf-8", errors="replace"), url=url)
        items = sorted(items, key=lambda x: x["i"])
        for item, group in zip(items, align(items, report.sentences)):
            sents = [report.sentences[i] for i in group]
            rows.append(Row(item, label, {e.type for s in sents for e in s.evidence},
                            any(s.has_flag("uncited") for s in sents),
                            [f.reason for s in sents for f in s.flags if f.kind == "uncited"],
                            [f"{e.type}: {e.cue}" for s in sents for e in s.evidence],
                            any(s.weasel for s in sents), [(s.kind, s.claim) for s in sents]))
    return rows, complete


def summarise(rows: list[Row], title: str) -> dict:
    """Prints evidence detection, the per-type table, uncited claims and weasel attributions; returns the
    headline figures (unprefixed)."""
    body = [r for r in rows if r.item["kind"] == "body"]
    pages = len({r.page for r in rows})
    print(f"   -- {title}: pages={pages} items={len(rows)} body={len(body)} unaligned={sum(not r.seen for r in rows)}")
    ev = binary_scores([bool(r.item["evidence"]) for r in body], [bool(r.types) for r in body])
    print(f"   evidence detection (any vs none, body items): accuracy={ev['accuracy']:.3f} "
          f"P={ev['precision']:.3f} R={ev['recall']:.3f} F1={ev['f1']:.3f}")
    print(f"   {'evidence type':<14} {'gold':>5} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4}   P      R      F1")
    for t in EVIDENCE_TYPES:
        tp = sum(t in r.item["evidence"] and t in r.types for r in body)
        fp = sum(t not in r.item["evidence"] and t in r.types for r in body)
        fn = sum(t in r.item["evidence"] and t not in r.types for r in body)
        p, rc, f = prf(tp, fp, fn)
        scores = f"{p:.3f}  {rc:.3f}  {f:.3f}" if tp + fp + fn else "    -      -      -"   # none labelled, none found
        print(f"   {t:<14} {tp + fn:>5} {tp + fp:>5} {tp:>4} {fp:>4} {fn:>4}   {scores}")
    un = binary_scores([bool(r.item["uncited_claim"]) for r in rows], [r.flagged for r in rows])
    print(line("uncited claim (all items)", un))
    others = [r for r in rows if r.item["kind"] != "body"]
    print(f"   non-body items flagged: {sum(r.flagged for r in others)} of {len(others)}")
    weasel = binary_scores([bool(r.item["weasel"]) for r in body], [r.weasel for r in body])
    print(line("weasel attribution (body)", weasel))
    return {"evidence.accuracy": ev["accuracy"], "uncited.precision": un["precision"], "uncited.recall": un["recall"],
            "uncited.f1": un["f1"], "weasel.f1": weasel["f1"]}


def _pick(misses: list[Row], limit: int) -> list[Row]:
    """At most `limit` misses, spread over the pages: one from each page in turn (the pages with the most misses
    first), so a page with many cannot hide the others."""
    by_page: dict[str, list[Row]] = defaultdict(list)
    for r in misses:
        by_page[r.page].append(r)
    queues = sorted(by_page.values(), key=lambda q: -len(q))
    picked: list[Row] = []
    while len(picked) < limit and any(queues):
        for q in queues:
            if q and len(picked) < limit:
                picked.append(q.pop(0))
    return picked


def _gold_why(item: dict) -> str:
    if item["kind"] != "body":
        return f"gold: {item['kind']}"
    if item["evidence"]:
        note = f" ({_short(item['evidence_note'], 70)})" if item.get("evidence_note") else ""
        return f"gold: {'/'.join(item['evidence'])}{note}"
    return "gold: no claim" if not item.get("claim") else "gold: weasel only" if item.get("weasel") else "gold: not uncited"


def _loupe_why(r: Row) -> str:
    """Why Loupe did not flag an item."""
    if not r.seen:
        return "not aligned to any sentence of Loupe's"
    if r.cues:
        return "found " + _short("; ".join(r.cues), 100)
    kinds = sorted({k for k, _ in r.seen if k != "body"})
    if kinds:
        return f"read as {'/'.join(kinds)}"
    return "no claim seen"


def list_misses(rows: list[Row], limit: int = SHOW_MISSES) -> None:
    """False positives and false negatives of the uncited flag, grouped by page, with the reasons."""
    for what, misses in (("false positives", [r for r in rows if r.flagged and not r.item["uncited_claim"]]),
                         ("false negatives", [r for r in rows if r.item["uncited_claim"] and not r.flagged])):
        per_page = Counter(r.page for r in misses)
        shown = _pick(misses, limit)
        print(f"   {what}: {len(misses)} on {len(per_page)} pages" + (f" (showing {len(shown)})" if misses else ""))
        for page in [p for p, _ in per_page.most_common()]:
            here = [r for r in shown if r.page == page]
            if not here:
                continue
            print(f"     {page}: {per_page[page]}" + (f" (showing {len(here)})" if len(here) < per_page[page] else ""))
            for r in sorted(here, key=lambda r: r.item["i"]):
                kind = "" if r.item["kind"] == "body" else f" [{r.item['kind']}]"
                print(f"       #{r.item['i']}{kind} {_short(r.item['text'])}")
                if r.flagged:
                    print(f"          → flagged: {r.reasons[0] if r.reasons else ''}; {_gold_why(r.item)}")
                else:
                    print(f"          → {_loupe_why(r)}")
        rest = [f"{p} ({n})" for p, n in per_page.most_common() if not any(r.page == p for r in shown)]
        if rest:
            print(f"     not shown: {', '.join(rest)}")


def run_dev(shared: Path) -> dict:
    """Every labelled file, then both together; returns the headline figures: per file `citations.<file>.*`
    and, when every file is present, `citations.*` of both together."""
    figures, every, all_complete, files = {}, [], True, 0
    for stem, folder_name in DEV_FILES:
        rows, complete = score_file(shared, stem, folder_name)
        all_complete &= complete
        if not rows:
            continue
        every.extend(rows)
        files += 1
        scores = summarise(rows, f"{stem}.jsonl")
        if complete:   # a figure on part of the data is not compared with the baseline
            figures.update({f"citations.{stem}.{k}": v for k, v in scores.items()})
        else:
            print("   (pages missing: these figures are not gated)")
    if not every:
        return figures
    if files > 1:
        scores = summarise(every, "both files")
        if all_complete:
            figures.update({f"citations.{k}": v for k, v in scores.items()})
        else:
            print("   (data missing: these figures are not gated)")
    print("   worst misses of the uncited flag, by page:")
    list_misses(every)
    return figures


def run_seed(shared: Path) -> dict:
    """Checks the seed article as text and as a page; returns the share of the two that are exactly right
    (`citations.seed.exact`) when both are there."""
    from server.pipeline import analyze

    seed = shared / "seed"
    expected_path = seed / "bakhmut.expected.json"
    if missing(expected_path):
        return {}
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    right, checked = 0, 0
    for name in ("bakhmut.txt", "bakhmut.html"):
        path = seed / name
        if missing(path):
            continue
        content = path.read_text(encoding="utf-8")
        report = analyze(text=content) if name.endswith(".txt") else analyze(html=content)
        problems = _check_seed(report, expected)
        checked += 1
        right += not problems
        status = "exactly right" if not problems else f"{len(problems)} problem(s)"
        print(f"   seed {name:<13} {report.counts['uncited']} uncited, {len(report.references)} references: {status}")
        for p in problems:
            print(f"     - {p}")
    return {"citations.seed.exact": right / checked} if checked == 2 else {}


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


def run(shared: Path) -> dict:
    return {**run_dev(shared), **run_seed(shared)}
