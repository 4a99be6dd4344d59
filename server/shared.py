"""What the server and the extension must agree on (server/shared.json): the emotive categories' display names
and the elements whose text is not article prose."""
from __future__ import annotations

import json
from pathlib import Path

SHARED_FILE = Path(__file__).with_name("shared.json")
_DATA = json.loads(SHARED_FILE.read_text(encoding="utf-8"))

CATEGORY_NAMES: dict[str, str] = {c["id"]: c["name"] for c in _DATA["categories"]}
SKIP_TAGS: frozenset[str] = frozenset(_DATA["skip_tags"])


def extension_script() -> str:
    """extension/shared.js: the same facts for the extension's scripts (`var`: they may be injected twice)."""
    data = {"categories": [[c["id"], c["name"], c["option"]] for c in _DATA["categories"]],
            "skipTags": [t.upper() for t in _DATA["skip_tags"]]}
    categories = ",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in data["categories"])
    return ("/* Generated from server/shared.json by `python scripts/build_extension.py`: edit that file, not this one. */\n"
            "var LOUPE_SHARED = Object.freeze({\n"
            f"  categories: [\n{categories},\n  ],\n"
            f"  skipTags: {json.dumps(data['skipTags'])},\n"
            "});\n")
