"""The gate of `make eval` (eval/gate.py): figures against a recorded baseline, without ../shared."""
import json
import sys
import textwrap

import pytest

from eval import gate


def write(path, figures):
    path.write_text(json.dumps(figures), encoding="utf-8")
    return path


def test_a_figure_below_its_baseline_fails(tmp_path, capsys):
    baseline = write(tmp_path / "baseline.json", {"citations.uncited.f1": 0.97, "emotive.ptc.f1": 0.49})
    assert gate.finish({"citations.uncited.f1": 0.96, "emotive.ptc.f1": 0.49}, {"citations", "emotive"}, baseline) == 1
    out = capsys.readouterr().out
    assert "BELOW" in out and "citations.uncited.f1" in out and "-0.0100" in out


def test_equal_above_or_within_the_tolerance_passes(tmp_path):
    baseline = write(tmp_path / "baseline.json", {"a.x": 0.97, "a.y": 0.5, "a.z": 0.8})
    now = {"a.x": 0.97, "a.y": 0.6, "a.z": 0.795}   # equal, above, exactly 0.005 below
    assert gate.finish(now, {"a"}, baseline) == 0
    assert [r[4] for r in gate.compare(gate.load(baseline), now, {"a"})] == ["ok", "ok", "ok"]
    assert gate.finish({"a.x": 0.97, "a.y": 0.5, "a.z": 0.7949}, {"a"}, baseline) == 1


def test_a_figure_not_measured_is_skipped_not_fatal(tmp_path, capsys):
    baseline = write(tmp_path / "baseline.json", {"emotive.babe.macro_f1": 0.73, "emotive.pages.f1": 0.8})
    assert gate.finish({"emotive.babe.macro_f1": 0.73}, {"emotive"}, baseline) == 0
    out = capsys.readouterr().out
    assert "emotive.pages.f1" in out and "skipped" in out


def test_sections_not_run_are_not_gated(tmp_path, capsys):
    baseline = write(tmp_path / "baseline.json", {"citations.uncited.f1": 0.97, "mapping.share": 1.0})
    assert gate.finish({"citations.uncited.f1": 0.97}, {"citations"}, baseline) == 0
    assert "mapping.share" not in capsys.readouterr().out


def test_new_figures_and_no_baseline_pass(tmp_path):
    assert gate.finish({"a.x": 0.1}, {"a"}, tmp_path / "none.json") == 0
    baseline = write(tmp_path / "baseline.json", {})
    assert gate.compare({}, {"a.x": 0.1}, {"a"})[0][4] == "new"
    assert gate.finish({"a.x": 0.1}, {"a"}, baseline) == 0


def test_record_merges_and_keeps_what_it_did_not_measure(tmp_path):
    baseline = write(tmp_path / "baseline.json", {"a.x": 0.5, "b.y": 0.25})
    assert gate.finish({"a.x": 0.123456, "a.z": 0.9}, {"a"}, baseline, record_now=True) == 0
    assert json.loads(baseline.read_text()) == {"a.x": 0.1235, "a.z": 0.9, "b.y": 0.25}
    assert gate.finish({"a.x": 0.1235}, {"a"}, baseline) == 0   # what was recorded passes


@pytest.fixture()
def sections(tmp_path, monkeypatch):
    """A package of two sections, `alpha` and `beta`, whose figures come from the environment."""
    package = tmp_path / "fake_sections"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for order, name in enumerate(("alpha", "beta")):
        (package / f"{name}.py").write_text(textwrap.dedent(f'''
            """{name}: a section."""
            import os
            ORDER = {order}

            def run(shared):
                value = os.environ.get("FAKE_{name.upper()}")
                return {{"{name}.score": float(value)}} if value else {{}}
        '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("LOUPE_SHARED", str(tmp_path / "no-shared"))
    yield __import__("fake_sections")
    for name in [m for m in sys.modules if m.startswith("fake_sections")]:
        del sys.modules[name]


def test_main_gates_picked_sections_and_records(sections, tmp_path, monkeypatch, capsys):
    baseline = write(tmp_path / "baseline.json", {"alpha.score": 0.9, "beta.score": 0.9})
    monkeypatch.setenv("FAKE_ALPHA", "0.9")
    monkeypatch.setenv("FAKE_BETA", "0.5")
    assert gate.main([], sections, baseline) == 1
    assert gate.main(["alpha"], sections, baseline) == 0          # beta not run: not gated
    monkeypatch.delenv("FAKE_BETA")
    assert gate.main([], sections, baseline) == 0                 # beta's data missing: skipped
    assert "skipped" in capsys.readouterr().out
    monkeypatch.setenv("FAKE_ALPHA", "0.8")
    assert gate.main(["--record", "alpha"], sections, baseline) == 0
    assert json.loads(baseline.read_text()) == {"alpha.score": 0.8, "beta.score": 0.9}
    assert gate.main(["gamma"], sections, baseline) == 2          # no such section
