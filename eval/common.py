"""Shared helpers for the evaluation sections: scores and tables."""
from __future__ import annotations


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def binary_scores(gold: list[bool], predicted: list[bool]) -> dict:
    """Precision/recall/F1 of the positive class, F1 of the negative class, macro-F1 and accuracy."""
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    tn = len(gold) - tp - fp - fn
    p, r, f = prf(tp, fp, fn)
    _, _, f_neg = prf(tn, fn, fp)
    return {"n": len(gold), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p, "recall": r, "f1": f,
            "macro_f1": (f + f_neg) / 2, "accuracy": (tp + tn) / len(gold) if gold else 0.0}


def line(name: str, s: dict) -> str:
    return (f"   {name:<28} n={s['n']:<5} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
            f"macro-F1={s['macro_f1']:.3f} acc={s['accuracy']:.3f}")


def missing(path) -> bool:
    if not path.exists():
        print(f"   missing: {path} (skipped)")
        return True
    return False


def shared_dir():
    """../shared beside the project (or $LOUPE_SHARED)."""
    import os
    from pathlib import Path
    return Path(os.environ.get("LOUPE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def run_sections(package, what: str, argv: list[str], results: dict | None = None) -> int:
    """Runs every module of `package` that has `run(shared)`, in its ORDER; argv picks sections by name.
    Missing data is reported, not fatal: a section whose files are absent says so and the others go on.
    `results`, when given, receives each section's name and what its run returned (its headline figures).
    Returns 2 when argv names no section there is, else 0."""
    import importlib
    import pkgutil
    import time

    shared = shared_dir()
    modules = [importlib.import_module(f"{package.__name__}.{m.name}") for m in pkgutil.iter_modules(package.__path__)
               if not m.name.startswith("_") and m.name != "common"]
    modules = sorted((m for m in modules if hasattr(m, "run")), key=lambda m: getattr(m, "ORDER", 99))
    names = [m.__name__.split(".")[-1] for m in modules]
    unknown = [a for a in argv if a not in names]
    if unknown:
        print(f"no such section: {', '.join(unknown)} (sections: {', '.join(names)})")
        return 2
    print(f"Loupe {what} on {shared}" + ("" if shared.is_dir() else " (not found: nothing to measure)"))
    for name, module in zip(names, modules):
        if argv and name not in argv:
            continue
        title = (module.__doc__ or name).strip().splitlines()[0]
        print(f"\n== {name}: {title}", flush=True)
        started = time.perf_counter()
        returned = module.run(shared)
        if results is not None:
            results[name] = returned
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0
