"""Runs every evaluation section (eval/<name>.py with `ORDER` and `run(shared: Path)`), in ORDER.

Missing data is reported, not fatal: a section whose files are absent says so and the others go on.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

import eval as package

SHARED = Path(os.environ.get("LOUPE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def sections():
    modules = [importlib.import_module(f"eval.{m.name}") for m in pkgutil.iter_modules(package.__path__)
               if not m.name.startswith("_")]
    return sorted((m for m in modules if hasattr(m, "run")), key=lambda m: getattr(m, "ORDER", 99))


def main(argv: list[str]) -> int:
    wanted = set(argv)
    print(f"Loupe evaluation on {SHARED}" + ("" if SHARED.is_dir() else " (not found: nothing to measure)"))
    for module in sections():
        name = module.__name__.split(".")[-1]
        if wanted and name not in wanted:
            continue
        title = (module.__doc__ or name).strip().splitlines()[0]
        print(f"\n== {name}: {title}")
        started = time.perf_counter()
        module.run(SHARED)
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
