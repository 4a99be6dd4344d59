"""Writes extension/shared.js from server/shared.json (the categories' names and the skipped elements), so the
extension and the server read the same list: `python scripts/build_extension.py`."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "extension" / "shared.js"

if __name__ == "__main__":
    from server.shared import extension_script

    TARGET.write_text(extension_script(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
