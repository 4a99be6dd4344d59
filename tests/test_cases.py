"""Every detector fixture case (tests/fixtures/cases/<slug>/, see tests/cases.py) through the real pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

from cases import CASES, load, problems


@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_case(folder: Path):
    expected, report = load(folder)
    found = problems(expected, report)
    assert not found, "\n".join(found)


def test_the_cases_are_there():
    assert len(CASES) >= 9


def test_new_case_script_writes_a_case_the_test_accepts(tmp_path, monkeypatch):
    import importlib.util
    import cases

    spec = importlib.util.spec_from_file_location("new_case", Path(__file__).resolve().parents[1] / "scripts" / "new_case.py")
    new_case = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(new_case)
    monkeypatch.setattr(new_case, "CASES_DIR", tmp_path)
    page = tmp_path / "ferry.txt"
    page.write_text("Ferry Cuts\n\nThe council cut the ferry timetable by a third on Tuesday. "
                    "Residents mounted a heroic campaign against it.\n", encoding="utf-8")
    assert new_case.main([str(page), "--slug", "ferry"]) == 0
    expected, report = cases.load(tmp_path / "ferry")
    assert [s["uncited"] for s in expected["sentences"] if s["kind"] == "body"] == [True, True]
    assert any(s.get("emotive_words") == ["heroic"] for s in expected["sentences"])
    assert cases.problems(expected, report) == []
    assert new_case.main([str(page), "--slug", "ferry"]) == 2   # never overwrites a case
