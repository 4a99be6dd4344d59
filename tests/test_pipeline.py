"""The pipeline's extraction and segmentation stages as they affect citations: blocks, markers, links, references."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from server import pipeline
from server.article import Inline
from server.extract import extract_html, extract_text
from server.pipeline import AnalysisError, analyze
from server.quotes import find_quotes
from server.segment import sentence_spans

PARAGRAPHS = "".join(f"<p>Paragraph {i} covers the harbour works and the weather on the coast this week in some detail.</p>"
                     for i in range(4))


def page(body: str, head: str = "<title>Harbour works resume</title>") -> str:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article>{body}</article></body></html>"


def test_marker_after_the_period_belongs_to_the_sentence_before():
    text = "The port reopened on Monday.[0] Ferries ran late.[1] Nobody was hurt."
    markers = [Inline("marker", text.index("[0]"), text.index("[0]") + 3, ref="0"),
               Inline("marker", text.index("[1]"), text.index("[1]") + 3, ref="1")]
    spans = [text[a:b] for a, b in sentence_spans(text, markers)]
    assert spans == ["The port reopened on Monday.[0]", "Ferries ran late.[1]", "Nobody was hurt."]


def test_plain_text_headline_and_references():
    article = extract_text("Harbour works resume\n\nThe port reopened on Monday.[0] Ferries ran late.\n\n"
                           "References\n\n0. \"Port reopens\" Coast News, 1 May 2024,\n")
    assert article.blocks[0].kind == "headline" and article.blocks[0].text == "Harbour works resume"
    assert [(r.number, r.text) for r in article.references] == [("0", "\"Port reopens\" Coast News, 1 May 2024,")]
    assert article.blocks[-1].kind == "reference"


def test_br_separated_numbered_lines_become_list_items():
    html = page("<h1>Harbour works resume</h1>" + PARAGRAPHS +
                "<p>The council said the ranking was as follows:<br>1. Northport<br>2. Eastham<br>3. Kellby</p>")
    kinds = [(b.kind, b.text) for b in extract_html(html).blocks]
    assert ("list_item", "2. Eastham") in kinds and ("list_item", "3. Kellby") in kinds
    report = analyze(html=html)
    item = next(s for s in report.sentences if s.text == "2. Eastham")
    assert [e.type for e in item.evidence] == ["continuation"]


def test_a_sentence_set_as_a_heading_is_prose():
    html = page("<h1>Harbour works resume</h1><h2>The harbour works, halted for two years by a funding dispute, "
                "resumed on Monday with a crew of forty.</h2>" + PARAGRAPHS)
    blocks = extract_html(html).blocks
    assert blocks[1].kind == "paragraph"
    assert analyze(html=html).sentences[1].has_flag("uncited")


def test_canonical_address_tells_self_and_section_links_from_sources():
    head = ("<title>Harbour works resume</title>"
            "<link rel='canonical' href='https://news.example.com/2024/05/01/harbour-works-resume'>")
    body = ("<h1>Harbour works resume</h1>" + PARAGRAPHS +
            "<p>Work on the <a href='/topics/harbour'>harbour</a> stopped in 2022 when the contractor went bust.</p>"
            "<p>The contractor's collapse left 120 people out of work, <a href='/2022/06/03/contractor-collapse'>"
            "we reported at the time</a>.</p>"
            "<p>The new contract is worth £40 million, as <a href='#box'>this page</a> explains in full.</p>")
    report = analyze(html=page(body, head))
    stopped = next(s for s in report.sentences if s.text.startswith("Work on the"))
    collapse = next(s for s in report.sentences if s.text.startswith("The contractor's collapse"))
    contract = next(s for s in report.sentences if s.text.startswith("The new contract"))
    assert stopped.has_flag("uncited") and not stopped.evidence
    assert [e.type for e in collapse.evidence] == ["link"]
    assert collapse.evidence[0].source["url"] == "https://news.example.com/2022/06/03/contractor-collapse"
    assert contract.has_flag("uncited")


def test_annotation_marks_and_link_only_paragraphs():
    body = ("<h1>Harbour works resume</h1>" + PARAGRAPHS +
            "<p>The crew will <span class='annotated' data-note-annotation-ref='a1'>finish the sea wall by autumn</span>.</p>"
            "<p><a href='https://news.example.com/2024/04/02/sea-wall-plans'>Sea wall plans unveiled</a></p>")
    report = analyze(html=page(body))
    wall = next(s for s in report.sentences if s.text.startswith("The crew will"))
    assert [e.type for e in wall.evidence] == ["marker"] and not wall.flags
    related = next(s for s in report.sentences if s.text == "Sea wall plans unveiled")
    assert related.kind == "furniture" and not related.flags


def test_report_json_keeps_its_keys_and_adds_claim_and_weasel():
    report = analyze(text="Harbour works resume\n\nCritics say the works will cost more than £40 million.\n\n"
                          "The council said the works would finish in 2026.")
    data = report.to_json()
    sentence = data["sentences"][1]
    assert {"text", "start", "end", "kind", "evidence", "flags", "claim", "weasel"} <= set(sentence)
    assert sentence["flags"][0]["kind"] == "uncited" and "vague attribution" in sentence["flags"][0]["reason"]
    assert sentence["weasel"] and sentence["weasel"][0]["text"].lower().startswith("critics say")
    cited = data["sentences"][2]
    assert cited["evidence"][0]["type"] == "attribution" and cited["evidence"][0]["cue"] == "The council said"


@pytest.mark.parametrize("text", ["Why did the works stop?", "Here is what we know.", "The figures were as follows:"])
def test_questions_and_connectives_are_not_flagged(text):
    report = analyze(text=f"Harbour works resume\n\nThe port reopened on Monday after two years.\n\n{text}")
    assert not report.sentences[-1].flags


FOOTNOTED = page("<h1>Harbour works resume</h1>" + PARAGRAPHS +
                 "<p>The port reopened on Monday after a two-week closure.<sup><a href='#fn-1'>1</a></sup> "
                 "Ferries ran an hour late all day.[2] Cranes were back at work by noon.</p>"
                 "<h2>Notes</h2><ol><li id='fn-1'>Port authority notice 14, 3 May 2024.</li>"
                 "<li id='fn-2'>Coast ferry timetable, 3 May 2024.</li></ol>")


@pytest.mark.parametrize("url", [None, "https://news.example.com/harbour/works-resume"])
def test_footnote_markers_find_their_notes_with_or_without_the_page_url(url):
    # the extension always sends the URL: "#fn-1" must not turn into an address that finds no note
    report = analyze(html=FOOTNOTED, url=url)
    marked = {s.text: e.source["text"] for s in report.sentences for e in s.evidence if e.type == "marker" and e.source}
    assert marked["The port reopened on Monday after a two-week closure.1"] == "Port authority notice 14, 3 May 2024."
    # a "[2]" typed into the text is a marker too, and it belongs to the sentence before it
    assert marked["Ferries ran an hour late all day.[2]"] == "Coast ferry timetable, 3 May 2024."
    assert not any(s.text.startswith("[2]") for s in report.sentences)


def test_the_report_is_the_same_in_every_process():
    """Set order changes from one Python process to the next: no choice in the report may depend on it."""
    html = page(
        "<h1>Harbour works resume</h1><h2>Ferries run late all week</h2>" + PARAGRAPHS
        + "<p>“We will reopen the quay,” Ann Lowe said.</p><p>“The budget is tight,” Piet Kamara said.</p>"
        + "<p>Both Kamara and Lowe spoke at the harbour office on Monday afternoon.</p>"
        + "<p>“The cranes are old and the tides are high.”</p>",
        head="<title>Ferries run late all week | Harbour works resume</title>")
    script = "import sys, json; from server.pipeline import analyze; print(json.dumps(analyze(html=sys.stdin.read()).to_json()))"
    outputs = {subprocess.run([sys.executable, "-c", script], input=html, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout for seed in range(6)}
    assert len(outputs) == 1


def test_a_passed_deadline_stops_the_analysis():
    with pytest.raises(AnalysisError) as raised:
        analyze(html=page(PARAGRAPHS), deadline=time.monotonic() - 1)
    assert raised.value.code == "timeout" and raised.value.status == 503


def test_a_deadline_passing_mid_way_stops_at_the_next_stage(monkeypatch):
    """The server has answered "timeout" by then: the worker must not go on to the emotive pass."""
    clock = [0.0]
    detected = []
    original = pipeline.citations.detect

    def slow_citations(*args):
        original(*args)
        clock[0] = 100.0   # the citations pass ran past the deadline

    monkeypatch.setattr(pipeline.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(pipeline.citations, "detect", slow_citations)
    monkeypatch.setattr(pipeline.emotive, "detect", lambda contexts: detected.append(contexts))
    with pytest.raises(pipeline.AnalysisError) as raised:
        analyze(html=page(PARAGRAPHS), deadline=50.0)
    assert raised.value.code == "timeout" and detected == []


@pytest.mark.parametrize("text, expected", [
    ("President George H.W. Bush held back the loan guarantees. Shamir gave in.",
     ["President George H.W. Bush held back the loan guarantees.", "Shamir gave in."]),
    ("The author J.R.R. Tolkien taught at Oxford for decades.", ["The author J.R.R. Tolkien taught at Oxford for decades."]),
    ("She moved to Washington, D.C. The move was sudden.", ["She moved to Washington, D.C.", "The move was sudden."]),
    ('He paused as if to say "You think you got me?" before he smiled.',
     ['He paused as if to say "You think you got me?" before he smiled.']),
    ("Is it true? iPhone sales fell last year.", ["Is it true?", "iPhone sales fell last year."]),
])
def test_sentences_that_carry_on_past_punkt_breaks(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


@pytest.mark.parametrize("text, quoted", [
    ("The minister said: ‘We will not back down,’ and left the room.", ["We will not back down,"]),
    ("The company’s ‘success’ lasted a week.", ["success"]),                # ’ in "company’s" is an apostrophe
    ("It’s the workers’ union that ‘won’t budge’ on pay.", ["won’t budge"]),
    ("Rock ‘n’ roll is back in the charts.", []),
    ("He said ‘it’s over and walked out.", []),                             # never closed: no quotation
    ("“He said ‘no’ twice,” she recalled.", ["He said ‘no’ twice,"]),       # nested in a double-quoted one
])
def test_single_curly_quotes_are_quotations(text, quoted):
    assert [q.inner for q in find_quotes(text)] == quoted
