"""Emotive words inside a direct quotation (`emotive_quote`): the speaker's, not the writer's. They are shown apart
(a tooltip line naming the speaker, a dotted underline), never counted or styled as emotive, and can be hidden."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import EXTENSION, add_loupe, post_json
from .test_extension import MARKS, SNAPSHOT, flagged, marks_by_sentence, open_page, server_report

pytestmark = pytest.mark.timeout(120)

PAGE = "library-closure.html"


def quote_only(report) -> tuple[int, dict]:
    """The fixture's sentence whose only flag is quoted wording, and that flag."""
    for i, s in enumerate(report["sentences"]):
        kinds = {f["kind"] for f in s["flags"]}
        if kinds == {"emotive_quote"}:
            return i, next(f for f in s["flags"] if f["kind"] == "emotive_quote")
    pytest.fail("the fixture page should have a sentence whose only flag is emotive_quote")


def counted(report) -> tuple[int, int]:
    sentences = flagged(report).values()
    return (sum(any(f["kind"] == "uncited" for f in s["flags"]) for s in sentences),
            sum(any(f["kind"] == "emotive" for f in s["flags"]) for s in sentences))


def test_quoted_wording_is_shown_apart_and_not_counted(extension, server, site, page):
    open_page(page, site, PAGE)
    report = server_report(server, page)
    index, flag = quote_only(report)
    speaker = flag["detail"][0]["speaker"]
    assert speaker and "Nandakumar" in speaker
    words = [d["span"]["text"] for d in flag["detail"]]
    assert "disgraceful" in [w.lower() for w in words]
    uncited, emotive = counted(report)
    assert uncited >= 1 and emotive >= 1, "the fixture page should also have the writer's own flags"

    extension.click(page)
    page.wait_for_selector(MARKS)
    # the badge and its title count the writer's flags only; the quoted sentence is named apart
    badge = extension.wait_badge(page, lambda t: t and t.isdigit())
    assert int(badge) == len(flagged(report))
    title = extension.title(page)
    assert f"{uncited} uncited, {emotive} emotive; 1 quoted" in title

    # the quoted sentence is drawn, but neither styled nor counted as emotive
    drawn = marks_by_sentence(page)
    assert index in drawn
    classes = drawn[index]["classes"]
    assert "loupe-emotive" not in classes and "loupe-cue" not in classes and "loupe-uncited" not in classes
    assert {"loupe-quote-only", "loupe-emotive-quote", "loupe-quoted"} <= classes
    quoted = page.locator(f'mark.loupe-quoted[data-loupe="{index}"]')
    assert sorted(t.strip().lower() for t in quoted.all_inner_texts()) == sorted(w.lower() for w in words)
    styles = page.evaluate("""i => [...document.querySelectorAll(`mark[data-loupe="${i}"]`)].map(m => {
        const s = getComputedStyle(m);
        return {quoted: m.classList.contains('loupe-quoted'), line: s.textDecorationLine, style: s.textDecorationStyle,
                background: s.backgroundColor};
    })""", index)
    for s in styles:
        assert s["background"] == "rgba(0, 0, 0, 0)"
        if s["quoted"]:
            assert s["line"] == "underline" and s["style"] == "dotted"   # a shape, not only a colour
        else:
            assert s["line"] == "none"
    panel = page.locator("#loupe-panel")
    worth = sum(any(f["kind"] == "uncited" for f in s["flags"]) and s["claim_strength"]["tier"] == "check-worthy"
                for s in report["sentences"])
    assert panel.locator("[data-flag=uncited]").inner_text() == f"{worth} worth checking"
    assert panel.locator("[data-flag=minor]").inner_text() == f"{uncited - worth} minor"
    assert panel.locator("[data-flag=emotive]").inner_text() == f"{emotive} emotive"
    assert panel.locator("[data-flag=emotive_quote]").inner_text() == "1 quoted"

    # hovering a quoted word: a line naming the speaker, and no emotive line
    tooltip = page.locator("#loupe-tooltip")
    quoted.first.hover()
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert f"In a quote from {speaker}:" in text
    for word in words:
        assert f"\u2018{word}\u2019" in text
    assert "loaded language" in text or "name-calling" in text
    assert "not the writer" in text and "Emotive" not in text and "Uncited" not in text

    # the plain words of that sentence raise no tooltip (nothing is said about them)
    plain = page.locator(f'mark[data-loupe="{index}"]:not(.loupe-quoted):not([tabindex])').first
    plain.hover()
    expect(tooltip).to_be_hidden()

    # the keyboard reaches it: its tab stop is on a quoted word and opens the same tooltip
    page.mouse.move(0, 0)
    stop = page.locator(f'mark[data-loupe="{index}"][tabindex="0"]')
    assert stop.count() == 1 and "loupe-quoted" in stop.get_attribute("class")
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("i => document.activeElement.dataset.loupe === String(i)", index):
            break
    else:
        pytest.fail("Tab never reached the quoted sentence")
    expect(tooltip).to_be_visible()
    assert f"In a quote from {speaker}" in tooltip.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "loupe-tooltip"

    # Previous / Next step through the writer's flags only
    n = len(flagged(report))
    seen = set()
    for _ in range(n):
        panel.locator("button.loupe-next").click()
        seen.add(int(page.evaluate("document.querySelector('mark.loupe-current').dataset.loupe")))
    assert panel.locator(".loupe-where").inner_text() == f"{n} of {n}"
    assert seen == set(flagged(report)) and index not in seen


def test_option_hides_quoted_wording(extension, server, site, page):
    extension.settings(quotes=False)
    open_page(page, site, PAGE)
    report = server_report(server, page)
    index, _ = quote_only(report)
    uncited, emotive = counted(report)
    extension.click(page)
    page.wait_for_selector(MARKS)
    badge = extension.wait_badge(page, lambda t: t and t.isdigit())
    assert int(badge) == len(flagged(report))          # the same count: quoted wording never was in it
    assert "quoted" not in extension.title(page)
    # the sentence is drawn for its source only (its tooltip says where it comes from), not for its quoted words
    assert page.locator(f'mark[data-loupe="{index}"]:not(.loupe-cited-only)').count() == 0
    assert page.locator("mark.loupe-quoted, mark.loupe-emotive-quote, mark.loupe-quote-only").count() == 0
    assert page.locator("#loupe-panel [data-flag=emotive_quote]").count() == 0
    assert page.locator("#loupe-panel [data-flag=emotive]").inner_text() == f"{emotive} emotive"
    # no tooltip anywhere mentions a quote
    for mark in page.locator("mark[data-loupe][tabindex='0']").all():
        mark.focus()
        assert "In a quote" not in page.locator("#loupe-tooltip").inner_text()


def test_second_click_restores_the_quoted_page_exactly(extension, site, page):
    open_page(page, site, PAGE)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    page.wait_for_selector("mark.loupe-quoted")
    page.locator("mark.loupe-quoted").first.hover()   # an open tooltip on quoted wording must go too
    page.locator("#loupe-tooltip").wait_for(state="visible")
    assert page.evaluate(SNAPSHOT)["html"] != before["html"]
    extension.click(page)
    page.wait_for_selector(MARKS, state="detached")
    extension.wait_badge(page, lambda t: t == "")
    assert page.evaluate(SNAPSHOT) == before
    assert page.evaluate("document.body.innerHTML") == before["html"]
    assert page.locator("#loupe-panel, #loupe-tooltip").count() == 0


def test_options_page_quoted_wording_option(extension, page):
    assert extension.stored()["quotes"] is True      # the default written on install
    page.goto(f"chrome-extension://{extension.id}/options.html")
    expect(page.locator("#categories input")).to_have_count(8)
    assert page.is_checked("#quotes")
    page.uncheck("#flag-emotive")
    assert page.is_enabled("#quotes")                # independent of the writer's emotive flags
    page.uncheck("#quotes")
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile("^Saved"))
    stored = extension.stored()
    assert stored["quotes"] is False and stored["flags"]["emotive"] is False
    page.reload()
    expect(page.locator("#categories input")).to_have_count(8)
    assert not page.is_checked("#quotes")


# ------------------------------------------------------------------ the highlighting scripts on their own


@pytest.fixture(scope="module")
def plain_page(playwright):
    from .conftest import CHROMIUM

    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
    yield browser.new_page()
    browser.close()


TEXT = ("The mayor's reckless plan will bankrupt the town, and \u201cthis is a shameful betrayal,\u201d said Councillor "
        "Ada Osei. The bridge reopens on Monday.")


def span(word: str, after: int = 0) -> dict:
    start = TEXT.index(word, after)
    return {"start": start, "end": start + len(word), "text": word}


def mixed_report() -> dict:
    first = TEXT[:TEXT.index("Osei.") + 5]
    second = TEXT[len(first) + 1:]
    reckless, shameful, betrayal = span("reckless"), span("shameful"), span("betrayal")
    flags = [
        {"kind": "uncited", "reason": "states a prediction as certain", "spans": [], "detail": []},
        {"kind": "emotive", "reason": "loaded language: 'reckless'", "spans": [reckless],
         "detail": [{"category": "loaded", "rule": "x", "reason": "loaded language: 'reckless' (judges)", "span": reckless,
                     "weight": 1, "in_quote": False, "speaker": None}]},
        {"kind": "emotive_quote", "reason": "emotive wording in a quote from Councillor Ada Osei", "spans": [shameful, betrayal],
         "detail": [{"category": "loaded", "rule": "x", "reason": "r", "span": shameful, "weight": 1, "in_quote": True,
                     "speaker": "Councillor Ada Osei"},
                    {"category": "labels", "rule": "x", "reason": "r", "span": betrayal, "weight": 1, "in_quote": True,
                     "speaker": "Councillor Ada Osei"}]},
        # kinds this version does not know, and junk, are ignored: never a class, never counted, never an error
        {"kind": "x loupe-current", "reason": "from a newer server", "spans": [span("mayor")], "detail": [None]},
        {"kind": "sarcasm", "reason": "r", "spans": None, "detail": None},
        None,
    ]
    return {"schema": 1, "text": TEXT, "blocks": [], "references": [], "sentences": [
        {"text": first, "start": 0, "end": len(first), "block": 0, "kind": "body", "evidence": None, "flags": flags},
        {"text": second, "start": len(first) + 1, "end": len(TEXT), "block": 0, "kind": "body", "evidence": [],
         "flags": [{"kind": "recap", "reason": "unknown alone", "spans": [], "detail": []}]},
    ]}


DRAW = """([report, settings]) => {
    const before = document.body.innerHTML;
    const result = Loupe.highlight(report, {settings});
    result.classes = [...new Set([...document.querySelectorAll('mark[data-loupe]')].flatMap(m => [...m.classList]))].sort();
    result.cues = [...document.querySelectorAll("mark.loupe-cue")].map(m => m.textContent.trim());
    result.quotedWords = [...document.querySelectorAll("mark.loupe-quoted")].map(m => m.textContent.trim());
    result.second = document.querySelectorAll('mark[data-loupe="1"]').length;
    result.panel = document.querySelector('#loupe-panel .loupe-counts').textContent;
    result.before = before;
    return result;
}"""


def test_writer_flags_and_quoted_wording_in_one_sentence(plain_page):
    plain_page.set_content(f"<p>{TEXT}</p>")
    add_loupe(plain_page)
    plain_page.add_style_tag(path=str(EXTENSION / "highlight.css"))
    result = plain_page.evaluate(DRAW, [mixed_report(), {}])
    before = result["before"]
    assert result["counts"] == {"uncited": 1, "emotive": 1} and result["quoted"] == 1
    assert result["drawn"] == 1 and result["flagged"] == 1 and result["missing"] == []
    assert result["cues"] == ["reckless"] and result["quotedWords"] == ["shameful", "betrayal"]
    assert result["second"] == 0                                   # an unknown kind alone draws nothing
    assert "loupe-current" not in result["classes"] and "x" not in result["classes"]
    assert not any(c.startswith("loupe-sarcasm") or c.startswith("loupe-recap") for c in result["classes"])
    assert "1 uncited" in result["panel"] and "1 emotive" in result["panel"] and "1 quoted" in result["panel"]
    # a quoted word inside an emotive sentence is dotted, not the writer's wavy underline
    style = plain_page.evaluate("getComputedStyle(document.querySelector('mark.loupe-quoted')).textDecorationStyle")
    assert style == "dotted"

    # the tooltip: the writer's flags first, then the quote in its own section below a separator
    plain_page.hover("mark.loupe-cue")
    rows = plain_page.eval_on_selector_all("#loupe-tooltip .loupe-tip-row", "rs => rs.map(r => [r.className, r.textContent])")
    texts = [t for _, t in rows]
    assert texts[0].startswith("Uncited:") and texts[1].startswith("Emotive: loaded language")
    rows = [tuple(r) for r in rows]
    quote_rows = [r for r in rows if "loupe-tip-quote" in r[0]]
    assert quote_rows[0] == ("loupe-tip-row loupe-tip-quote loupe-tip-sep",
                             "In a quote from Councillor Ada Osei: \u2018shameful\u2019 (loaded language), "
                             "\u2018betrayal\u2019 (name-calling)")
    assert rows.index(quote_rows[0]) == 2 and "not the writer" in quote_rows[-1][1]
    assert not any("newer server" in t or "unknown alone" in t for t in texts)

    # the setting hides the quoted wording, and the writer's flags stay as they were
    result = plain_page.evaluate(DRAW, [mixed_report(), {"quotes": False}])
    assert result["counts"] == {"uncited": 1, "emotive": 1} and result["quoted"] == 0 and result["quotedWords"] == []
    assert "quoted" not in result["panel"]
    plain_page.hover("mark.loupe-cue")
    assert "In a quote" not in plain_page.inner_text("#loupe-tooltip")
    # ignored words and hidden categories apply to quoted words too
    result = plain_page.evaluate(DRAW, [mixed_report(), {"ignoreWords": ["Shameful"], "categories": {"labels": False}}])
    assert result["quotedWords"] == [] and result["quoted"] == 0
    plain_page.evaluate("Loupe.clear(document.body)")
    assert plain_page.evaluate("document.body.innerHTML") == before


def test_quote_only_sentence_without_a_placeable_word_is_still_reachable(plain_page):
    """When the quoted word cannot be placed (a bad span), the sentence still gets a tab stop and its tooltip."""
    plain_page.set_content(f"<p>{TEXT}</p>")
    add_loupe(plain_page)
    report = mixed_report()
    sentence = report["sentences"][0]
    bad = {"start": 9999, "end": 10004, "text": "awful"}
    sentence["flags"] = [{"kind": "emotive_quote", "reason": "r", "spans": [bad],
                          "detail": [{"category": "loaded", "span": bad, "in_quote": True, "speaker": None}]}]
    result = plain_page.evaluate("r => Loupe.highlight(r)", report)
    assert result["drawn"] == 0 and result["quoted"] == 1 and result["counts"] == {"uncited": 0, "emotive": 0}
    assert plain_page.locator("#loupe-panel .loupe-where").inner_text() == "Nothing flagged"
    stop = plain_page.locator('mark[data-loupe="0"][tabindex="0"]')
    assert stop.count() == 1
    stop.focus()
    assert plain_page.inner_text("#loupe-tooltip").startswith("In a quotation: \u2018awful\u2019 (loaded language)")
    plain_page.evaluate("Loupe.clear(document.body)")
    assert plain_page.evaluate("document.body.innerHTML") == f"<p>{TEXT}</p>"


DEMO_ARTICLE = """Pool to close for a year of repairs

The town's only public swimming pool will close in May for a year of repairs, the leisure trust said on Friday.
"This is a disgraceful way to treat the swimming club," said Councillor Ruth Abara, who chairs the leisure committee.
The trust said the roof and the filters must be replaced before the pool can reopen.
"""


def test_demo_says_quoted_wording_apart(server, page):
    status, report = post_json(server + "/api/analyze", {"text": DEMO_ARTICLE})
    assert status == 200
    quoted = [s for s in report["sentences"] if any(f["kind"] == "emotive_quote" for f in s["flags"])]
    assert quoted, "the demo article should quote someone's emotive words"
    page.goto(server + "/")
    page.fill("#input", DEMO_ARTICLE)
    page.click("#analyze")
    expect(page.locator("#status")).to_have_text(re.compile("^Found"))
    assert f"Found {report['counts']['uncited']} uncited and {report['counts']['emotive']} emotive" in page.inner_text("#status")
    assert f"{len(quoted)} sentence" in page.inner_text("#status") and "not counted" in page.inner_text("#status")
    page.locator("#article mark.loupe-quoted").first.hover()
    expect(page.locator("#loupe-tooltip")).to_contain_text("In a quote from Councillor Ruth Abara")


def test_hostile_speaker_stays_text(plain_page):
    plain_page.set_content(f"<p>{TEXT}</p>")
    add_loupe(plain_page)
    evil = "<img src=x onerror=\"document.title='pwned'\">"
    report = mixed_report()
    for d in report["sentences"][0]["flags"][2]["detail"]:
        d["speaker"] = evil
        d["category"] = "constructor"     # not a name Loupe knows, and not one to look up on Object.prototype
    plain_page.evaluate("r => Loupe.highlight(r)", report)
    plain_page.hover("mark.loupe-quoted")
    text = plain_page.inner_text("#loupe-tooltip")
    assert f"In a quote from {evil}:" in text and "\u2018shameful\u2019 (constructor)" in text
    assert plain_page.locator("#loupe-tooltip img").count() == 0 and plain_page.title() != "pwned"
