"""Every report Loupe makes on the dev inputs, for checking that a restructuring changes nothing.

    python scripts/report_snapshot.py save DIR          # one JSON line per input: its name and its report
    python scripts/report_snapshot.py compare OLD NEW   # the inputs whose reports differ (exit 1 if any)
    ... compare OLD NEW --ignore rule                   # ignore the named fields (e.g. rule ids added later)

Inputs: the test fixtures, and what of ../shared (or $LOUPE_SHARED) is present: the seed article, every page in
pages/readability and pages/news, and every sentence of the BABE, PTC and CheckThat! sets.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
csv.field_size_limit(sys.maxsize)


def inputs():
    """(name, kwargs for analyze) for every dev input present."""
    from eval.common import shared_dir

    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.suffix in (".html", ".txt"):
            content = path.read_text(encoding="utf-8")
            yield str(path.relative_to(ROOT)), ({"html": content} if path.suffix == ".html" else {"text": content})
    shared = shared_dir()
    for name in ("bakhmut.txt", "bakhmut.html"):
        path = shared / "seed" / name
        if path.exists():
            content = path.read_text(encoding="utf-8")
            yield f"seed/{name}", ({"html": content} if name.endswith(".html") else {"text": content})
    for folder in sorted((shared / "pages").glob("*/*")):
        source = folder / "source.html"
        if source.exists():
            url = None
            for meta in (folder / "meta.json", folder / "expected-metadata.json"):
                if meta.exists():
                    url = json.loads(meta.read_text(encoding="utf-8")).get("url") or None
            yield f"pages/{folder.parent.name}/{folder.name}", {"html": source.read_text(encoding="utf-8", errors="replace"), "url": url}
            expected = folder / "expected.txt"
            if expected.exists():
                yield f"pages/{folder.parent.name}/{folder.name}/expected.txt", {"text": expected.read_text(encoding="utf-8")}
    for name, column in (("babe_dev.tsv", "text"), ("ptc_dev.tsv", "text"), ("checkthat_subj_dev_en.tsv", "sentence")):
        path = shared / "eval" / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as f:
                for n, row in enumerate(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)):
                    if (row.get(column) or "").strip():
                        yield f"{name}#{n}", {"text": row[column]}


def save(folder: Path) -> None:
    from server.pipeline import AnalysisError, analyze

    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    with (folder / "reports.jsonl").open("w", encoding="utf-8") as out:
        for name, kwargs in inputs():
            try:
                report = analyze(**kwargs).to_json()
            except AnalysisError as exc:
                report = {"error": exc.code}
            out.write(json.dumps({"input": name, "report": report}, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
            if count % 2000 == 0:
                print(f"  {count} inputs…", file=sys.stderr)
    print(f"{count} reports saved to {folder / 'reports.jsonl'}")


def _strip(value, ignore: set[str]):
    if isinstance(value, dict):
        return {k: _strip(v, ignore) for k, v in value.items() if k not in ignore}
    if isinstance(value, list):
        return [_strip(v, ignore) for v in value]
    return value


def compare(old: Path, new: Path, ignore: set[str]) -> int:
    def load(folder):
        with (folder / "reports.jsonl").open(encoding="utf-8") as f:
            return {row["input"]: row["report"] for row in map(json.loads, f)}

    before, after = load(old), load(new)
    differ = [n for n in before if n in after and _strip(before[n], ignore) != _strip(after[n], ignore)]
    only = sorted(set(before) ^ set(after))
    for name in differ[:20]:
        print(f"differs: {name}")
    for name in only[:20]:
        print(f"only in one: {name}")
    same = len(before) - len(differ) - len(set(before) - set(after))
    print(f"{same} of {len(before)} reports identical" + (f" (ignoring {', '.join(sorted(ignore))})" if ignore else "")
          + f"; {len(differ)} differ; {len(only)} in one snapshot only")
    return 1 if differ or only else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "save":
        save(Path(argv[1]))
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        ignore = set(argv[argv.index("--ignore") + 1].split(",")) if "--ignore" in argv else set()
        return compare(Path(argv[1]), Path(argv[2]), ignore)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
