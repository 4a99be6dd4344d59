"""The quality gate of `make eval`: each section's headline figures against the recorded baseline.

Every section's `run(shared)` returns a dict of its headline figures, named `<section>.<figure>` (higher is
better). `eval/baseline.json` records them. After the sections have run, a table shows each figure's baseline,
its value now and the difference; the run fails (exit 1) when a figure measured now is more than TOLERANCE below
its baseline. A baseline figure not measured (its data missing) is skipped and said so, never fatal; the figures
of sections not picked on the command line are left out. `--record` writes the figures measured now into the
baseline, keeping every figure it did not measure.
"""
from __future__ import annotations

import json
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 0.005
DIGITS = 4   # figures are compared and recorded at this precision


def section_of(figure: str) -> str:
    return figure.split(".", 1)[0]


def load(path: Path) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def compare(baseline: dict, now: dict, ran: set[str], tolerance: float = TOLERANCE) -> list[tuple]:
    """(figure, baseline, now, difference, status) for every figure of the sections that ran.

    status: "ok", "below" (more than `tolerance` under its baseline), "skipped" (in the baseline, not measured:
    its data missing) or "new" (measured, no baseline yet)."""
    rows = []
    for figure in sorted(set(baseline) | set(now)):
        if section_of(figure) not in ran:
            continue
        base, value = baseline.get(figure), now.get(figure)
        if value is None:
            rows.append((figure, base, None, None, "skipped"))
        elif base is None:
            rows.append((figure, None, round(value, DIGITS), None, "new"))
        else:
            value = round(value, DIGITS)
            diff = round(value - base, DIGITS)
            rows.append((figure, base, value, diff, "below" if diff < -tolerance else "ok"))
    return rows


def print_table(rows: list[tuple], baseline_path: Path) -> None:
    if not rows:
        print("   no figures measured")
        return
    width = max(len(r[0]) for r in rows)
    fmt = lambda v, sign="": "-" if v is None else f"{v:{sign}.4f}"
    print(f"   {'figure':<{width}}  {'baseline':>8}  {'now':>8}  {'diff':>8}")
    for figure, base, value, diff, status in rows:
        note = {"below": f"  BELOW (more than {TOLERANCE} under the baseline)",
                "skipped": "  skipped: not measured (data missing)",
                "new": "  new: no baseline"}.get(status, "")
        print(f"   {figure:<{width}}  {fmt(base):>8}  {fmt(value):>8}  {fmt(diff, '+'):>8}{note}")
    below = sum(r[4] == "below" for r in rows)
    skipped = sum(r[4] == "skipped" for r in rows)
    compared = sum(r[4] in ("ok", "below") for r in rows)
    print(f"   {compared} figures compared with {baseline_path.name}: {below} below the baseline"
          + (f"; {skipped} skipped (data missing)" if skipped else ""))


def record(path: Path, now: dict) -> dict:
    """Writes the figures measured now into the baseline at `path`, keeping every figure not measured."""
    merged = {**load(path), **{k: round(v, DIGITS) for k, v in now.items()}}
    merged = dict(sorted(merged.items()))
    path.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    return merged


def finish(figures: dict, ran: set[str], baseline_path: Path = BASELINE, record_now: bool = False) -> int:
    """Prints the gate's table; records the figures when asked. 0 when no figure fell below its baseline."""
    baseline = load(baseline_path)
    rows = compare(baseline, figures, ran)
    print("\n== gate: headline figures against the recorded baseline"
          + ("" if baseline_path.exists() else f" ({baseline_path.name} not found: nothing to compare)"))
    print_table(rows, baseline_path)
    if record_now:
        record(baseline_path, figures)
        print(f"   recorded {len(figures)} figures in {baseline_path}")
        return 0
    if any(r[4] == "below" for r in rows):
        print("   FAILED: a figure fell below its baseline (if the change is intended: python -m eval --record)")
        return 1
    return 0


def main(argv: list[str], package=None, baseline_path: Path = BASELINE) -> int:
    """`python -m eval [--record] [section ...]`"""
    from eval.common import run_sections

    if package is None:
        import eval as package
    record_now = "--record" in argv
    names = [a for a in argv if a != "--record"]
    results: dict = {}
    status = run_sections(package, "evaluation", names, results=results)
    if status:
        return status
    figures = {}
    for name, returned in results.items():
        for figure, value in (returned or {}).items():
            if section_of(figure) != name:
                raise ValueError(f"section {name} returned {figure}: figures are named <section>.<figure>")
            figures[figure] = value
    return finish(figures, set(results), baseline_path, record_now)
