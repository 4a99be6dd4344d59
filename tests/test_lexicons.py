"""The word lists' form: every entry has examples of both kinds (proselint's rule; tests/test_rules.py runs them
through the pipeline), names a category of server/shared.json, and owns its words alone."""
from __future__ import annotations

import pytest
import yaml

from server.lexicon import LEXICON_DIR, load_rules
from server.pipeline import analyze
from server.shared import CATEGORY_NAMES

RULES = load_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_entry_has_examples_of_both_kinds(rule):
    assert rule.examples.get("flag"), f"{rule.id} has no `flag` example"
    assert rule.examples.get("pass"), f"{rule.id} has no `pass` example"


def test_every_flag_example_is_flagged_emotive_when_the_entry_is_full_weight():
    # a full-weight entry is emotive on its own: its flag examples must carry the sentence's emotive flag
    for rule in RULES:
        if rule.weight < 1.0:
            continue
        for sentence in rule.examples["flag"]:
            report = analyze(text=sentence)
            assert any(s.has_flag("emotive") for s in report.sentences), (rule.id, sentence)


def test_lexicon_files_are_well_formed():
    ids = set()
    for path in sorted(LEXICON_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {"category", "entries"} <= set(data), path.name
        assert data["category"] in CATEGORY_NAMES, f"{path.name}: name the category in server/shared.json"
        for entry in data["entries"]:
            assert entry.get("words") or entry.get("patterns"), (path.name, entry.get("id"))
            assert entry.get("reason"), (path.name, entry["id"])
            key = f"{data['category']}.{entry['id']}"
            assert key not in ids, f"duplicate id {key}"
            ids.add(key)


def test_no_word_is_in_two_entries():
    """One word, one reason: a word listed twice would be reported under whichever entry loads first."""
    owner: dict[str, str] = {}
    clashes = []
    for path in sorted(LEXICON_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["entries"]:
            for word in entry.get("words", []):
                where = f"{data['category']}.{entry['id']}"
                if word.lower() in owner:
                    clashes.append(f"{word!r} in {owner[word.lower()]} and {where}")
                owner.setdefault(word.lower(), where)
    assert not clashes, "\n".join(clashes)


def test_the_extension_reads_the_same_shared_facts():
    """extension/shared.js is generated from server/shared.json: regenerate it with scripts/build_extension.py."""
    from pathlib import Path
    from server.shared import extension_script

    generated = Path(__file__).resolve().parents[1] / "extension" / "shared.js"
    assert generated.read_text(encoding="utf-8") == extension_script(), "run: python scripts/build_extension.py"
