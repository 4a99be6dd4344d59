"""Turn a page into a new detector fixture case (Mozilla Readability's habit):

    python scripts/new_case.py PAGE [--slug SLUG] [--url URL]

PAGE is an .html or .txt file you wrote or may publish (never third-party data from ../shared). The script copies
it to tests/fixtures/cases/<slug>/page.html|page.txt and writes expected.json with what Loupe reports today for
every sentence: kind, uncited, evidence types, emotive and its cue words. Read each expectation against
../shared/eval/LABELS.md and correct it: the case then tests what Loupe should do, not what it does.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CASES_DIR = ROOT / "tests" / "fixtures" / "cases"


def expectations(report) -> list[dict]:
    out = []
    for s in report.sentences:
        want = {"snippet": " ".join(s.text.split())[:80], "kind": s.kind}
        if s.kind == "body":
            want["uncited"] = s.has_flag("uncited")
            want["evidence"] = sorted({e.type for e in s.evidence})
        emotive = next((f for f in s.flags if f.kind == "emotive"), None)
        want["emotive"] = emotive is not None
        if emotive:
            want["emotive_words"] = [sp.text for sp in emotive.spans]
        out.append(want)
    return out


def main(argv: list[str]) -> int:
    from server.pipeline import AnalysisError, analyze

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--slug", help="the case's folder name (default: the file's name)")
    parser.add_argument("--url", help="the page's address, for resolving links")
    args = parser.parse_args(argv)
    slug = args.slug or re.sub(r"[^a-z0-9]+", "-", args.page.stem.lower()).strip("-")
    folder = CASES_DIR / slug
    if folder.exists():
        print(f"error: {folder} exists already", file=sys.stderr)
        return 2
    content = args.page.read_text(encoding="utf-8")
    is_html = args.page.suffix.lower() in (".html", ".htm")
    try:
        report = analyze(html=content, url=args.url) if is_html else analyze(text=content)
    except AnalysisError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    folder.mkdir(parents=True)
    shutil.copyfile(args.page, folder / ("page.html" if is_html else "page.txt"))
    expected = {"about": "TODO: what this case is for. Every expectation below is what Loupe reports today: "
                         "check each against LABELS.md.", **({"url": args.url} if args.url else {}),
                "sentences": expectations(report)}
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {folder}: {len(expected['sentences'])} sentences to review")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
