"""Every rule id a detector can emit leads to its rule and its examples in one hop (proselint's meta-test).

Ids come from three places: the word-list entries (server/lexicons/*.yml), the claim kinds
(server/lexicons/citations/claims.yml) and the rules defined in code (server/lexicons/rules/emotive.yml). This test
runs every example through the pipeline (`flag` must report the rule's id, `pass` must not) and fails for any id
written in the server's code that has no `flag` and `pass` examples."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from server.detectors.citations.claims import KINDS, NOT_CLAIMS
from server.lexicon import LEXICON_DIR, load_rules
from server.pipeline import analyze

SERVER = Path(__file__).resolve().parents[1] / "server"
CODE_RULES = yaml.safe_load((LEXICON_DIR / "rules" / "emotive.yml").read_text(encoding="utf-8"))["entries"]
CLAIM_RULES = {k.rule: k for k in KINDS}


def _reported(sentence: str) -> set[str]:
    report = analyze(text=sentence)
    return ({c.rule for s in report.sentences for c in s.cues}
            | {f.rule for s in report.sentences for f in s.flags})


CASES = ([(r.id, kind, text) for r in load_rules() for kind in ("flag", "pass") for text in r.examples.get(kind, [])]
         + [(e["id"], kind, text) for e in CODE_RULES for kind in ("flag", "pass") for text in e["examples"][kind]]
         + [(k.rule, kind, text) for k in KINDS for kind in ("flag", "pass") for text in k.examples[kind]])


@pytest.mark.parametrize("rule_id, kind, sentence", CASES, ids=[f"{r}:{k}:{i}" for i, (r, k, _) in enumerate(CASES)])
def test_rule_example(rule_id, kind, sentence):
    reported = _reported(sentence)
    if kind == "flag":
        assert rule_id in reported, f"{rule_id} should be reported for {sentence!r} (got {sorted(reported)})"
    else:
        assert rule_id not in reported, f"{rule_id} should not be reported for {sentence!r}"


NOT_CLAIM_CASES = [(k.id, kind, text) for k in NOT_CLAIMS.values() for kind in ("skip", "keep") for text in k.examples[kind]]


@pytest.mark.parametrize("rule_id, kind, sentence", NOT_CLAIM_CASES)
def test_not_a_claim_example(rule_id, kind, sentence):
    flagged = any(s.has_flag("uncited") for s in analyze(text=sentence).sentences)
    assert flagged == (kind == "keep"), (rule_id, sentence)


def test_every_rule_id_in_the_code_has_examples():
    """Ids written in the server's code ("emotive.valence.judgement") must be in a rule file with examples."""
    in_code = set()
    for path in SERVER.rglob("*.py"):
        in_code |= set(re.findall(r"[\"'](emotive\.[a-z-]+(?:\.[a-z-]+)?|citation\.[a-z.-]+)[\"']", path.read_text(encoding="utf-8")))
    documented = {e["id"] for e in CODE_RULES if e["examples"].get("flag") and e["examples"].get("pass")}
    documented |= {k.rule for k in KINDS if k.examples.get("flag") and k.examples.get("pass")}
    documented |= {r.id for r in load_rules() if r.examples.get("flag") and r.examples.get("pass")}
    assert in_code, "no rule ids found in the code: the pattern is out of date"
    missing = sorted(i for i in in_code if i not in documented and not i.endswith("."))
    assert not missing, f"rule ids without flag and pass examples: {missing}"


def test_every_uncited_flag_carries_its_claim_kind_rule():
    report = analyze(text="Unemployment fell to 3.2% last year. Police closed the road after the crash on Monday.")
    rules = [f.rule for s in report.sentences for f in s.flags if f.kind == "uncited"]
    assert rules == ["citation.uncited.number", "citation.uncited.event"]
