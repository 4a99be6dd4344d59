"""Citation evidence and the uncited flag: the detector's rules one by one (the fixture pages are run by
test_cases.py)."""
from __future__ import annotations


import pytest

from server.detectors.citations.claims import claim_kind
from server.detectors.citations.links import is_source_link
from server.detectors.citations.sources import classify_source
from server.pipeline import analyze

# ---------------------------------------------------------------- a seed-style article, as text

SEED_STYLE = """The Long Siege of Varnholm: A Proud City Holds Its Ground

By Staff Reporter · 2 March 2024

The port of Varnholm has been cut off by road for eleven weeks.[0] Food prices in the old town have tripled since January, and the ferry now runs only twice a week. Most shops have closed. The council's reserve of fuel will run out by April.[1] Engineers repaired the northern pipeline within days, restoring water to 40,000 homes.[2]

It is unclear when the blockade will end, but the city's mood remains defiant.[1]

References
0. "Varnholm cut off as talks stall" Northern Post, 12 Feb. 2024,
1. "Fuel and the siege" Harbour Review, 20 Feb. 2024,
2. "Pipeline repaired" Varnholm Council, 25 Feb. 2024,
"""


@pytest.fixture(scope="module")
def seed_style():
    return analyze(text=SEED_STYLE)


def test_seed_style_headline_is_its_own_item(seed_style):
    first = seed_style.sentences[0]
    assert first.kind == "headline" and first.text == "The Long Siege of Varnholm: A Proud City Holds Its Ground"
    assert not first.flags or not first.has_flag("uncited")


def test_seed_style_markers_reattach_to_the_sentence_before(seed_style):
    by_start = {s.text.split()[0] + " " + s.text.split()[1]: s for s in seed_style.sentences if s.kind == "body"}
    port = by_start["The port"]
    assert port.text.endswith("eleven weeks.[0]")
    assert by_start["Food prices"].text.startswith("Food prices")      # the [0] did not move into the next one
    assert [e.source["number"] for e in port.evidence if e.type == "marker"] == ["0"]
    assert "Northern Post" in port.evidence[0].source["text"]
    assert by_start["Engineers repaired"].text.endswith("40,000 homes.[2]")


def test_seed_style_flags_only_the_unsourced_claims(seed_style):
    flagged = [s.text.split(",")[0][:20] for s in seed_style.sentences if s.has_flag("uncited")]
    assert flagged == ["Food prices in the o"]   # "Most shops have closed." is too short to be a checkable claim
    reason = next(f.reason for s in seed_style.sentences for f in s.flags if f.kind == "uncited")
    assert reason.startswith("states a number")


def test_seed_style_reference_list_is_parsed_not_flagged(seed_style):
    assert [r["number"] for r in seed_style.references] == ["0", "1", "2"]
    assert "Harbour Review" in seed_style.references[1]["text"]
    refs = [s for s in seed_style.sentences if s.kind == "reference"]
    assert len(refs) == 3 and not any(s.flags for s in refs)
    assert not any(s.kind == "body" and s.text.startswith(("0.", "1.", "2.")) for s in seed_style.sentences)


# ---------------------------------------------------------------- units

@pytest.mark.parametrize("phrase, kind", [
    ("the ministry", "named"), ("Mr Obama", "named"), ("US officials", "anonymous"), ("a police source", "anonymous"),
    ("analysts", "vague"), ("many Tunisians", "vague"), ("critics", "vague"), ("she", "pronoun"),
    ("Stanford researchers", "named"), ("local residents", "vague"), ("a study", "vague"), ("no group", "none"),
])
def test_classify_source(phrase, kind):
    assert classify_source(phrase)[0] == kind


@pytest.mark.parametrize("href, source", [
    ("https://data.example.gov/reports/2023/unemployment.pdf", True),
    ("https://news.example.com/2024/03/01/city-budget-vote", True),
    ("https://news.example.com/topics/climate", False),
    ("https://news.example.com/authors/jane-doe", False),
    ("https://news.example.com/world", False),
    ("https://twitter.com/intent/tweet?url=x", False),
    ("https://news.example.com/2024/03/02/this-story", False),
    ("#section-2", False), ("mailto:desk@example.com", False),
])
def test_is_source_link(href, source):
    assert is_source_link(href, "https://news.example.com/2024/03/02/this-story") is source


@pytest.mark.parametrize("text, kind", [
    ("Prices rose by 12 percent last year.", "states a number"),
    ("It was the deadliest storm to hit the coast.", "makes a superlative or comparison"),
    ("The plant will close next spring.", "states a prediction as certain"),
    ("The closure came because the owners sold the land.", "states a cause or consequence"),
    ("The delay clearly cost the city its chance.", "presents a judgement as fact"),
    ("Why did the council wait so long?", None),
    ("Here is what we know.", None),
    ("The results were as follows:", None),
])
def test_claim_kind(text, kind):
    assert claim_kind(text) == kind


def test_the_note_about_the_writer_is_furniture():
    report = analyze(text="Talks collapse\n\nThe talks between the two sides collapsed on Tuesday after a row over tariffs.\n\n"
                          "Jane Okafor covers trade for the paper. Since joining it, she has covered three elections.")
    kinds = {s.text: (s.kind, s.has_flag("uncited")) for s in report.sentences}
    assert kinds["Jane Okafor covers trade for the paper."] == ("furniture", False)
    assert kinds["Since joining it, she has covered three elections."] == ("furniture", False)
    # the same words opening the article are its claim, not a note about the writer
    opening = analyze(text="Jane Okafor covers trade for the paper, the union said in a statement on Friday.\n\n"
                           "The talks collapsed on Tuesday. Officials left early.\n\nThe dispute has lasted three years.")
    assert opening.sentences[0].kind == "body"


@pytest.mark.parametrize("sentence, cue", [
    ("The mother of the student said her daughter was “burning up from within” before she died.",
     "The mother of the student said"),                            # the head of "X of Y" is who speaks
    ("The singer's gown was stolen from her hotel room, the Courier has learned.", "the Courier has learned"),
    # an actor's own words of position: denial, criticism, confession, a view touted
    ("The Varnish government has ruled out any role for the militia in the blast.", "The Varnish government has ruled out"),
    ("Councillor Amy Roe criticised the port authority for the delays to the ferry.", "Councillor Amy Roe criticised"),
    ("Mayor Tim Olsen and the harbour board touted the plan as a step towards cheaper fares.", "the harbour board touted"),
    # a reporting participle after a comma names the subject as the source
    ("The operator cut the timetable by a third in May, citing a shortage of drivers.", "citing"),
    # an apposition between the speaker and the verb; the group after the verb is what was said, not who said it
    ("Dana Holt, a nurse at the county hospital, said managers have “ignored” the staff for years.",
     "the county hospital, said"),
    ("Mr. Vance has since said that the vote would take place in the spring.", "Mr. Vance has since said"),
    # unnamed sources of a specific kind, wherever the verb is
    ("The deal is worth about $4 billion, two people familiar with the talks said.", "people familiar with"),
    ("The talks stalled over tariffs, according to a person briefed on the call.", "person briefed on"),
    # organisations of a stated kind; "both" refers back to the two named before
    ("Nearly 200 clinics closed on Monday, according to nurses unions.", "according to nurses unions"),
    ("Rights groups estimated that 3,000 people were held at the camp.", "Rights groups estimated"),
    ("Both sides said the talks had collapsed after three days.", "Both sides said"),
    # a named source's own statement or document, by the possessive
    ("Closer to home, the Ferrow Agency’s Monday announcement raised the number of licensed carriers to 14.",
     "the Ferrow Agency’s Monday announcement"),
])
def test_more_named_attributions(sentence, cue):
    report = analyze(text="Gown stolen\n\n" + sentence)
    s = report.sentences[-1]
    assert not s.has_flag("uncited")
    assert any(e.type == "attribution" and e.cue == cue for e in s.evidence), [(e.type, e.cue) for e in s.evidence]


@pytest.mark.parametrize("sentence, claim", [
    ("Don’t say the word when you mean something else entirely.", None),
    ("Imagine a city with no cars at all in it.", None),
    ("Consider the budget of 2019, which cut aid by a fifth.", "states a number"),   # a figure is still a claim
    ("Never before had the city seen so much rain in a day.", "states an event or fact"),
])
def test_imperatives_assert_nothing(sentence, claim):
    assert claim_kind(sentence) == claim


def test_a_definition_is_not_a_weasel():
    s = analyze(text="Sync rules\n\nA request is considered successful if the server answers within two seconds.").sentences[-1]
    assert s.weasel == []
    s = analyze(text="Budget row\n\nThe plan is widely considered a failure across the party.").sentences[-1]
    assert [w.text for w in s.weasel] == ["is widely considered"]


def test_a_newsletter_prompt_is_furniture():
    report = analyze(text="Headset review\n\nThe headset costs $3,500 and ships next year.\n\n"
                          "Sign up for Command Line, a paid weekly newsletter from our reporter about the tech industry.")
    assert [s.kind for s in report.sentences][-1] == "furniture"


@pytest.mark.parametrize("text", [
    # a speaker inside an opening subordinate clause is not the source of the main clause
    "Farm deal\n\nWhen the minister’s advisers suggested buying $20 billion in grain, the premier was not satisfied.",
    # a sales pitch, not a view: "touted" reports a view only as "touted X as Y"
    "Fish prices\n\nA few days earlier, the grocer touted a rarely seen price for halibut in its 40 stores.",
    # "find themselves", "maintained a lead": no one is reporting
    "Papers\n\nAs revenues fall at a faster pace, those companies find themselves in a vise with 300 titles.",
    "Polls\n\nIt is a state where Senator Ruiz has maintained a significant polling lead for months.",
    # "adding to" is no reporting verb
    "Floods\n\nThe river rose by two metres on Tuesday, adding to the pressure on the town’s 300 pumps.",
    # a quotation inside the sentence is not spoken by whoever the next sentence names
    "Rally\n\nWhile some protesters chanted “Red for Ed” in the hallway, the speaker addressed 60 lawmakers. "
    "Governor Hale said the plan would raise pay.",
])
def test_not_attribution(text):
    s = analyze(text=text).sentences[1]
    assert s.has_flag("uncited"), [(e.type, e.cue) for e in s.evidence]


def test_another_sites_front_page_is_a_source_but_not_this_sites():
    page = "https://news.example.com/2024/03/02/this-story"
    assert is_source_link("https://www.fintechweek.example.org/", page)
    assert not is_source_link("https://news.example.com/", page)
    assert not is_source_link("https://www.fintechweek.example.org/", None)


@pytest.mark.parametrize("sentence, evidence", [
    ("The harbour office didn't immediately respond to the Courier's request for comment.", "attribution"),
    ("The video shows officers forcing the door before the man came out with his hands up.", "attribution"),
    ("Dashboard camera footage shows the van leaving the depot at 6 p.m.", "attribution"),
    # the tag after a quotation names its speaker, whatever the verb
    ("“We were shocked to read her posts based on false information,” the label’s statement read.", "attribution"),
    ("“Climbing the stairs took 30 minutes,” the patient described in the case report.", "attribution"),
    ("“There has not been a year of growth in the shops since 2008,” says veteran retail analyst Omar Haddad.",
     "attribution"),
    ("A spokesperson said in a statement emailed to the Courier that the ward had 40 beds.", "attribution"),
    ("The health agency recommends all adults get a booster by the end of October.", "attribution"),
    ("The agreement maintained that it would cover the second show as well.", "attribution"),
])
def test_more_evidence(sentence, evidence):
    s = analyze(text="Raid\n\n" + sentence).sentences[-1]
    assert not s.has_flag("uncited") and evidence in {e.type for e in s.evidence}, [(e.type, e.cue) for e in s.evidence]


def test_a_quotation_of_someone_quoted_before_who_is_named_in_its_sentence():
    text = ("Grain deal\n\n“We want much more than that,” Mayor Ilse Varga said on Monday.\n\n"
            "Negotiators now face the task of turning the purchases Ms. Varga requested — “more than any year, by far” — "
            "into the text of a deal.\n\n"
            "Council staff now face the task of turning the purchases into “a workable plan for the next ten years” by May.")
    s = analyze(text=text).sentences
    assert any(e.type == "quote" and "Varga" in e.note for e in s[2].evidence), [(e.type, e.note) for e in s[2].evidence]
    assert s[3].has_flag("uncited")   # nobody quoted before is named there


@pytest.mark.parametrize("text", ["This article was originally published by The Harbour Review.",
                                  "This article has been adapted from its original source.",
                                  "This story was originally published on the Courier's website."])
def test_a_syndication_credit_is_furniture(text):
    assert analyze(text="Ferry fares\n\nFares rose by a third in May.\n\n" + text).sentences[-1].kind == "furniture"


def test_first_appeared_is_no_credit():
    s = analyze(text="Camp\n\nIt first appeared in 2014, when people fleeing the war gathered at the border.").sentences[-1]
    assert s.kind == "body" and s.has_flag("uncited")
