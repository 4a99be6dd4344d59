"""Check-worthiness of claims: the model file, the score's direction, the tier and the reason."""
from __future__ import annotations

from server.detectors import checkworthy
from server.pipeline import analyze


def _strength(text: str) -> dict | None:
    return analyze(text=text).sentences[-1].claim_strength


def test_the_model_file_is_data_with_its_provenance():
    model = checkworthy.load()
    assert model is not None, "server/models/checkworthy.json is missing: run `make train`"
    assert model.weights and 0 < model.threshold < 1
    assert "ClaimBuster" in model.provenance["data"] and "make train" in model.provenance["command"]
    assert model.provenance["figures"]["cross_validated_f1"] > 0.5


def test_figures_and_causes_outrank_scene_setting():
    strong = _strength("Unemployment fell to 3.2 percent last year because the new plant hired 4,000 workers.")
    weak = _strength("The meeting started on Tuesday afternoon in the town hall.")
    assert strong["score"] > weak["score"]
    assert strong["tier"] == "check-worthy" and weak["tier"] == "minor"
    assert strong["reason"] == "states a number and a cause"
    assert weak["reason"] == "states an event or fact"


def test_only_claims_get_a_strength():
    report = analyze(text="Ferry cuts\n\nWhat will the council do next? The council cut the ferry budget by a third.")
    by_text = {s.text: s.claim_strength for s in report.sentences}
    assert by_text["Ferry cuts"] is None and by_text["What will the council do next?"] is None
    assert by_text["The council cut the ferry budget by a third."]["tier"] in ("check-worthy", "minor")
    assert "claim_strength" in report.to_json()["sentences"][-1]


def test_training_and_serving_read_a_sentence_the_same_way():
    # numbers, years and percentages become their kind, so "1.5%" and "12%" are the same evidence
    assert "w:<percent>" in checkworthy.features("Prices rose 1.5% in 2023.")
    assert "w:<year>" in checkworthy.features("Prices rose 1.5% in 2023.")
    assert checkworthy.features("Prices rose 12% in 1999.") == checkworthy.features("Prices rose 1.5% in 2023.")
