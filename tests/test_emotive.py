"""Emotive framing: the detector's context rules one by one (the fixture articles are run by test_cases.py).

Every sentence here is written for these tests. The project's seed article is checked too when ../shared is
there (it is not in a fresh clone).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cases import CASES_DIR
from server.pipeline import analyze

SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def _find(report, starts: str):
    hits = [s for s in report.sentences if s.text.startswith(starts)]
    assert hits, f"no sentence starts with {starts!r}"
    return hits[0]


def _flag(sentence, kind: str):
    return next((f for f in sentence.flags if f.kind == kind), None)


def _check_labels(report, labels: list[dict]) -> None:
    for label in labels:
        sentence = _find(report, label["starts"])
        flag = _flag(sentence, "emotive")
        if label["emotive"] is True:
            assert flag, f"should be emotive: {sentence.text!r}"
            spans = [s.text for s in flag.spans]
            for word in label.get("emotive_words", []):
                assert any(word.lower() in s.lower() or s.lower() in word.lower() for s in spans), (word, spans, sentence.text)
        elif label["emotive"] is False:
            assert flag is None, f"should not be emotive: {sentence.text!r} ({flag.reason})"
        for word in label.get("quote_words", []):
            quoted = _flag(sentence, "emotive_quote")
            assert quoted and any(word in s.text for s in quoted.spans), (word, sentence.text)
            assert label["speaker"] in quoted.reason


@pytest.mark.skipif(not (SHARED_SEED / "bakhmut.expected.json").exists(), reason="../shared/seed is not here")
@pytest.mark.parametrize("source", ["txt", "html"])
def test_seed_article(source):
    raw = (SHARED_SEED / f"bakhmut.{source}").read_text(encoding="utf-8")
    report = analyze(text=raw) if source == "txt" else analyze(html=raw)
    labels = json.loads((SHARED_SEED / "bakhmut.expected.json").read_text(encoding="utf-8"))["sentences"]
    _check_labels(report, labels)
    assert not any(s.has_flag("emotive") for s in report.sentences if s.kind == "reference")


def _one(text: str):
    report = analyze(text=text)
    return report, report.sentences[-1]


# ------------------------------------------------------------ context rules

@pytest.mark.parametrize("text", [
    "The attack on the base killed four soldiers on Tuesday.",          # literal "attack": no lexicon cue
    "The plant released toxic chemicals into the river last year.",     # literal "toxic"
    "The region suffered extreme heat for most of July.",               # weather, not a label
    "The new tax regime takes effect in April for most firms.",         # a set of rules, not a government
    "Police say two workers were crushed by a falling wall at the site.",
    "The bill passed with overwhelming support in the lower house.",    # a vote count, not inflation
    "The group claimed responsibility for the bombing on Sunday.",
    "He died of an apparent heart attack at his home in May.",
    "The Always brand dropped the symbol from its packaging.",          # a name, not the absolute
])
def test_literal_uses_are_not_flagged(text):
    _, sentence = _one(text)
    assert not sentence.has_flag("emotive"), sentence.flags


@pytest.mark.parametrize("text, cue", [
    ("The council's decision was a shameful betrayal of the town.", "shameful"),
    ("The governor's toxic rhetoric drove voters away.", "toxic"),
    ("The army repelled the invaders at the river crossing.", "invaders"),
    ("The senator slammed the budget on Monday.", "slammed"),
    ("The mayor's plan is clearly a failure.", "clearly"),
    ("It is widely believed that the deal is dead.", "It is widely believed that"),
])
def test_loaded_words_are_flagged_and_named(text, cue):
    _, sentence = _one(text)
    flag = _flag(sentence, "emotive")
    assert flag and cue in [s.text for s in flag.spans]
    assert f"'{cue}'" in flag.reason                      # the reason names the cue


def test_negation_cancels_the_cue():
    _, sentence = _one("The audit found the project was not a disaster for the budget.")
    assert not sentence.has_flag("emotive")


def test_intensifier_before_judgement_adjective():
    _, sentence = _one("The committee's report makes for deeply depressing reading about the schools.")
    flag = _flag(sentence, "emotive")
    assert flag and any(s.text == "deeply depressing" for s in flag.spans)
    assert "exaggeration" in flag.reason


def test_weak_cue_alone_is_not_enough():
    # "massive" (a size word, half weight) does not make a sentence emotive on its own
    _, sentence = _one("Workers began a massive clean-up of the harbour on Monday.")
    assert 0 < sentence.emotive_score < 1
    assert not sentence.has_flag("emotive")


def test_scare_quotes_and_exclamation():
    _, sentence = _one("The company's “reform” saved nothing at all!")
    flag = _flag(sentence, "emotive")
    assert flag and "scare quotes" in flag.reason and "'!'" in flag.reason


def test_quoted_phrase_with_a_speaker_is_not_a_scare_quote():
    _, sentence = _one("The minister called the report “rubbish” on Tuesday, her office said.")
    assert not any(c.rule == "emotive.doubt.scare-quotes" for c in sentence.cues)


def test_rhetorical_question_is_a_weak_cue():
    _, sentence = _one("Who could possibly trust a council that hides its own accounts?")
    assert any(c.rule == "emotive.editorializing.rhetorical-question" for c in sentence.cues)


def test_words_in_a_quote_are_the_speakers():
    report = analyze(text="The vote split the council.\n\n"
                          "“It is a disgraceful, shameful decision,” said Councillor Ann Price.")
    sentence = _find(report, "“It is a disgraceful")
    assert not sentence.has_flag("emotive")               # the writer did not say it
    quoted = _flag(sentence, "emotive_quote")
    assert quoted and "emotive wording in a quote from" in quoted.reason and "Ann Price" in quoted.reason
    assert {s.text for s in quoted.spans} == {"disgraceful", "shameful"}
    assert sentence.emotive_score == 0


def test_writer_and_quote_reported_apart():
    report = analyze(text="The brutal crackdown went on, and the mayor said it was “a shameful mess”.")
    sentence = report.sentences[-1]
    assert [s.text for s in _flag(sentence, "emotive").spans] == ["brutal"]
    assert "shameful" in [s.text for s in _flag(sentence, "emotive_quote").spans]


def test_spans_point_into_the_report_text():
    report = analyze(text=(CASES_DIR / "harbour-barrier" / "page.txt").read_text(encoding="utf-8"))
    for sentence in report.sentences:
        for flag in sentence.flags:
            for span in flag.spans:
                assert report.text[span.start:span.end] == span.text


def test_json_detail_lists_every_cue_with_category_and_span():
    report = analyze(text="The heroic crew made a valiant stand against the invaders.")
    flag = next(f for f in report.to_json()["sentences"][-1]["flags"] if f["kind"] == "emotive")
    assert {d["category"] for d in flag["detail"]} == {"puffery", "loaded"}
    assert all({"start", "end", "text"} <= set(d["span"]) for d in flag["detail"])


@pytest.mark.parametrize("text", [
    "Set claimed_timestamp to the time the worker took the task.",      # code, not the word "claimed"
    "“Hello,” the engineer said to the visitors at the gate.",          # dialogue, not a scare quote
    "Tasks are claimed by the first free worker in the queue.",         # passive, not doubt
    "It is highly toxic to fish, the label warns.",                     # chemistry, not a judgement
])
def test_more_literal_uses(text):
    _, sentence = _one(text)
    assert not sentence.has_flag("emotive"), sentence.flags


def test_quoted_flag_is_not_counted_as_the_writers():
    report = analyze(text="The plan passed on Monday.\n\n“It is a disgraceful plan,” said Mayor Joan Hale.")
    assert report.counts["emotive"] == 0
    assert any(f.kind == "emotive_quote" for s in report.sentences for f in s.flags)


def test_weasel_spans_are_listed():
    _, sentence = _one("Critics argue that the new levy will hurt small shops in the town.")
    assert [w.text for w in sentence.weasel] == ["Critics argue"]
    assert sentence.has_flag("emotive")


def test_a_vague_source_is_a_weasel_cue():
    """A weasel attribution the citations detector finds counts as framing (LABELS.md), and the reason names it."""
    _, plain = _one("The bridge opened to traffic on Monday, according to local news reports.")
    assert [(c.rule, c.weight) for c in plain.cues] == [("emotive.weasel.vague-source", 1.0)]
    flag = _flag(plain, "emotive")
    assert flag and "weasel attribution: 'according to local news reports'" in flag.reason
    # a subject the citations detector could not place is not a weasel in so many words
    _, placed = _one("The parser keeps the last token, and this helps users write their own rules.")
    assert not any(c.rule == "emotive.weasel.vague-source" for c in placed.cues)
