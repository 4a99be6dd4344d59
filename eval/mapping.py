"""Mapping: share of flagged sentences the extension finds and highlights on the live page.

For each English real page in shared/pages/manifest.tsv, the server's pipeline reads the page's HTML, and
headless Chromium (page scripts off, network blocked) loads the same HTML; the extension's own highlighting scripts
then map the report's sentences onto the live DOM and draw them. A flagged sentence counts as found when at least
one mark for it was drawn. Target: 95% overall.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from eval.common import missing

ORDER = 40
ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
CHROMIUM = os.environ.get("LOUPE_CHROMIUM", "/usr/bin/chromium")
TARGET = 0.95
# Some pages hide <html> or <body> until their own scripts run (anti-flicker); with scripts off they would stay
# hidden, which no reader sees. Show them as their scripts would; nothing below the body is touched.
REVEAL = "html, body { display: block !important; visibility: visible !important; opacity: 1 !important; }"
# Highlight, then check each drawn sentence: do its marks hold exactly its text (spaces aside)?
EXACT = """report => {
    const result = Loupe.highlight(report, {panel: false});
    const text = new Map();
    for (const m of document.querySelectorAll("mark[data-loupe]:not(.loupe-cited-only)")) {
        const i = Number(m.dataset.loupe);
        text.set(i, (text.get(i) || "") + m.textContent);
    }
    result.exact = 0;
    // only the sentences counted as flagged: a quote-only sentence marks just the quoted words
    const counted = i => report.sentences[i].flags.some(f => f.kind === "uncited" || f.kind === "emotive");
    for (const [i, t] of text) if (counted(i) && Loupe.normalize(t).text === Loupe.normalize(report.sentences[i].text).text) result.exact++;
    return result;
}"""
SHOW_MISSES = int(os.environ.get("LOUPE_EVAL_MISSES", "2"))   # example misses printed per page below target


def pages(shared: Path) -> list[tuple[str, Path]]:
    manifest = shared / "pages" / "manifest.tsv"
    out = []
    with manifest.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if (row.get("lang") or "").lower().startswith("en") and str(row.get("synthetic_fixture")).strip() == "0":
                name = Path(row["path"]).name
                out.append((name, shared / "pages" / "readability" / name / "source.html"))
    return out


def run(shared: Path) -> dict:
    """Prints the share highlighted and the pages below target; returns the share (`mapping.share`)."""
    manifest = shared / "pages" / "manifest.tsv"
    if missing(manifest):
        return {}
    if not Path(CHROMIUM).exists():
        print(f"   missing: {CHROMIUM} (run `make browser`; skipped)")
        return {}
    from playwright.sync_api import sync_playwright

    from server.demo import SCRIPTS
    from server.pipeline import AnalysisError, analyze

    scripts = [(EXTENSION / name).read_text(encoding="utf-8") for name in SCRIPTS]   # in load order
    total_flagged = total_found = total_exact = 0
    low: list[tuple[str, int, int, list[str]]] = []
    skipped: list[tuple[str, str]] = []
    measured = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.abort())   # the page's own images, fonts and scripts stay out
        for name, path in pages(shared):
            if not path.exists():
                skipped.append((name, "no source.html"))
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            try:
                report = analyze(html=html, url=None).to_json()
            except AnalysisError as exc:
                skipped.append((name, exc.code))
                continue
            page = context.new_page()
            try:
                page.set_content(html, wait_until="domcontentloaded", timeout=30000)
                page.evaluate("css => { const s = document.createElement('style'); s.textContent = css; "
                              "document.head.appendChild(s); }", REVEAL)
                for script in scripts:
                    page.evaluate(script)
                result = page.evaluate(EXACT, report)
            finally:
                page.close()
            measured += 1
            total_flagged += result["flagged"]
            total_found += result["drawn"]
            total_exact += result["exact"]
            if result["flagged"] and result["drawn"] / result["flagged"] < TARGET:
                low.append((name, result["drawn"], result["flagged"], result["missing"]))
        browser.close()

    share = total_found / total_flagged if total_flagged else 0.0
    print(f"   pages measured: {measured}  (not analysed: {len(skipped)})")
    print(f"   flagged sentences highlighted: {total_found}/{total_flagged} = {share:.1%}  (target {TARGET:.0%})")
    print(f"   of those, marks holding exactly the sentence's text: {total_exact}/{total_found}"
          f" = {total_exact / max(1, total_found):.1%}  (the rest were matched by their two ends)")
    if skipped:
        print("   not analysed: " + ", ".join(f"{n} ({why})" for n, why in skipped))
    if low:
        print(f"   pages below {TARGET:.0%}:")
        for name, found, flagged, misses in sorted(low, key=lambda r: r[1] / r[2]):
            print(f"     {name:<40} {found}/{flagged} = {found / flagged:.0%}")
            for text in misses[:SHOW_MISSES]:
                print(f"        miss: {text[:110]!r}")
    else:
        print(f"   every page at or above {TARGET:.0%}")
    return {"mapping.share": share} if total_flagged else {}
