"""What matters first: check-worthy claims drawn as before and minor ones fainter (and hideable), Previous / Next
in that order, sourced sentences that say where they come from, "Not right?" on every flag, and the report as a
file. A real click on the toolbar icon of the fixture pages, against the real server."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from playwright.sync_api import expect

from .test_extension import MARKS, SNAPSHOT, flagged, open_page, server_report

pytestmark = pytest.mark.timeout(120)


def tier(sentence) -> str:
    return (sentence.get("claim_strength") or {}).get("tier", "")


def uncited_by_tier(report) -> dict[str, list[int]]:
    out = {"check-worthy": [], "minor": []}
    for i, s in enumerate(report["sentences"]):
        if any(f["kind"] == "uncited" for f in s["flags"]):
            out[tier(s)].append(i)
    return out


def alpha(colour: str) -> float:
    parts = re.findall(r"[\d.]+", colour)
    return float(parts[3]) if len(parts) == 4 else 1.0


def test_minor_claims_are_drawn_fainter_and_the_tooltip_names_the_tier(extension, server, site, page):
    open_page(page, site, "metro-transit.html")
    report = server_report(server, page)
    tiers = uncited_by_tier(report)
    assert tiers["check-worthy"] and tiers["minor"], "the fixture page should have claims of both tiers"
    extension.click(page)
    page.wait_for_selector(MARKS)
    style = """i => { const m = document.querySelector(`mark.loupe-uncited[data-loupe="${i}"]`); const s = getComputedStyle(m);
        return {classes: m.className, background: s.backgroundColor, line: s.textDecorationLine, shape: s.textDecorationStyle}; }"""
    worth = page.evaluate(style, tiers["check-worthy"][0])
    minor_only = [i for i in tiers["minor"] if not any(f["kind"] == "emotive" for f in report["sentences"][i]["flags"])]
    minor = page.evaluate(style, minor_only[0])
    assert "loupe-minor" not in worth["classes"] and "loupe-minor" in minor["classes"]
    assert alpha(minor["background"]) < alpha(worth["background"])
    assert minor["line"] == "underline" and minor["shape"] == "dotted"     # a shape, not only a lighter colour
    for i in tiers["minor"]:
        assert page.locator(f'mark.loupe-uncited[data-loupe="{i}"]:not(.loupe-minor)').count() == 0

    tooltip = page.locator("#loupe-tooltip")
    page.locator(f'mark[data-loupe="{tiers["check-worthy"][0]}"]').first.hover()
    reason = report["sentences"][tiers["check-worthy"][0]]["claim_strength"]["reason"]
    expect(tooltip).to_contain_text(f"Worth checking: {reason}")
    page.locator(f'mark[data-loupe="{minor_only[0]}"]').first.hover()
    expect(tooltip).to_contain_text("Minor claim")
    assert "Worth checking" not in tooltip.inner_text()


def test_show_minor_claims_off_hides_them(extension, server, site, page):
    extension.settings(minor=False)
    open_page(page, site, "metro-transit.html")
    report = server_report(server, page)
    tiers = uncited_by_tier(report)
    extension.click(page)
    page.wait_for_selector(MARKS)
    badge = extension.wait_badge(page, lambda t: t and t.isdigit())
    assert page.locator("mark.loupe-minor").count() == 0
    drawn = {int(i) for i in page.eval_on_selector_all("mark.loupe-uncited", "ms => ms.map(m => m.dataset.loupe)")}
    assert drawn == set(tiers["check-worthy"])
    # a minor claim that is also emotive keeps its emotive mark
    shown = {i for i, s in flagged(report).items() if i not in tiers["minor"] or any(f["kind"] == "emotive" for f in s["flags"])}
    assert int(badge) == len(shown)
    panel = page.locator("#loupe-panel")
    assert panel.locator("[data-flag=uncited]").inner_text() == f"{len(tiers['check-worthy'])} worth checking"
    assert panel.locator("[data-flag=minor]").inner_text() == f"{len(tiers['minor'])} minor (hidden)"
    assert "minor hidden" in extension.title(page)


@pytest.mark.parametrize("name", ["metro-transit.html", "night-desk.html"])
def test_next_reaches_check_worthy_and_emotive_first_then_minor(extension, server, site, page, name):
    open_page(page, site, name)
    report = server_report(server, page)
    first, later = [], []
    for i, s in flagged(report).items():
        kinds = {f["kind"] for f in s["flags"]}
        (later if kinds == {"uncited"} and tier(s) == "minor" else first).append(i)
    assert later, "the fixture page should have minor claims"
    extension.click(page)
    page.wait_for_selector(MARKS)
    seen = []
    for _ in range(len(first) + len(later)):
        page.locator("#loupe-panel button.loupe-next").click()
        seen.append(int(page.evaluate("document.querySelector('mark.loupe-current').dataset.loupe")))
    assert seen == first + later
    page.locator("#loupe-panel button.loupe-prev").click()
    assert int(page.evaluate("document.querySelector('mark.loupe-current').dataset.loupe")) == seen[-2]


def test_a_sourced_sentence_says_where_it_comes_from(extension, server, site, page):
    open_page(page, site, "library-closure.html")
    report = server_report(server, page)
    sentences = report["sentences"]
    attributed = next(i for i, s in enumerate(sentences) if not s["flags"] and [e["type"] for e in s["evidence"]] == ["attribution"])
    extension.click(page)
    page.wait_for_selector(MARKS)
    tooltip = page.locator("#loupe-tooltip")
    page.locator(f'mark[data-loupe="{attributed}"]').first.hover()
    cue = sentences[attributed]["evidence"][0]["cue"]
    expect(tooltip).to_contain_text(f"Sourced: \u2018{cue}\u2019")
    assert tooltip.locator("button").count() == 0            # nothing flagged: nothing to call wrong
    # a quotation whose speaker Loupe knows
    quoted = next(i for i, s in enumerate(sentences) if any(e["type"] == "quote" for e in s["evidence"])
                  and any(d.get("speaker") for f in s["flags"] for d in f["detail"]))
    speaker = next(d["speaker"] for f in sentences[quoted]["flags"] for d in f["detail"] if d.get("speaker"))
    page.locator(f'mark.loupe-quoted[data-loupe="{quoted}"]').first.hover()
    expect(tooltip).to_contain_text(f"Quote from {speaker}")
    # a link
    linked = next(i for i, s in enumerate(sentences) if any(e["type"] == "link" for e in s["evidence"]))
    link = next(e for e in sentences[linked]["evidence"] if e["type"] == "link")
    page.locator(f'mark[data-loupe="{linked}"]').last.hover()
    expect(tooltip).to_contain_text(f"Link: \u2018{link['cue']}\u2019")
    # the share of claims that name a source
    claims = [s for s in sentences if s["kind"] == "body" and s.get("claim")]
    sourced = sum(bool(s["evidence"]) for s in claims)
    assert page.locator("#loupe-panel .loupe-share").inner_text() == f"{sourced} of {len(claims)} claims name a source"


def test_show_sources_underlines_the_cues_and_the_page_comes_back(extension, server, site, page):
    extension.settings(sourceCues=True)
    open_page(page, site, "library-closure.html")
    report = server_report(server, page)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    page.wait_for_selector("mark.loupe-attrib")
    underlined = " ".join(page.eval_on_selector_all("mark.loupe-attrib", "ms => ms.map(m => m.textContent)"))
    attributions = [e["spans"][0]["text"] for s in report["sentences"] for e in s["evidence"] if e["type"] == "attribution" and e["spans"]]
    assert attributions and all(a.split()[0] in underlined for a in attributions)
    shadow = page.evaluate("getComputedStyle(document.querySelector('mark.loupe-attrib')).boxShadow")
    assert shadow and shadow != "none"
    # the keyboard reaches a sourced sentence through its cue, and hears where it comes from
    cue = page.locator("mark.loupe-attrib.loupe-cited-only[tabindex='0']").first
    cue.focus()
    expect(page.locator("#loupe-tooltip")).to_contain_text(re.compile("Sourced|Quote"))
    extension.click(page)
    page.wait_for_selector(MARKS, state="detached")
    extension.wait_badge(page, lambda t: t == "")
    assert page.evaluate(SNAPSHOT) == before


def test_not_right_hides_the_flag_and_the_ignored_word_survives_a_reload(extension, server, site, page):
    extension.worker.evaluate("() => chrome.storage.local.remove('corrections')")
    open_page(page, site, "metro-transit.html")
    report = server_report(server, page)
    extension.click(page)
    page.wait_for_selector("mark.loupe-cue")
    badge = int(extension.wait_badge(page, lambda t: t and t.isdigit()))
    cue = page.locator("mark.loupe-cue").first
    index = int(cue.get_attribute("data-loupe"))
    flag = next(f for f in report["sentences"][index]["flags"] if f["kind"] == "emotive")
    words = [d["span"]["text"] for d in flag["detail"]]
    cue.hover()
    button = page.locator("#loupe-tooltip button.loupe-not-right[data-kind=emotive]")
    button.click()
    # the flag is gone from the page; its other flags stay
    expect(page.locator(f'mark.loupe-emotive[data-loupe="{index}"]')).to_have_count(0)
    if any(f["kind"] == "uncited" for f in report["sentences"][index]["flags"]):
        assert page.locator(f'mark.loupe-uncited[data-loupe="{index}"]').count() > 0
    panel = page.locator("#loupe-panel")
    expect(panel.locator(".loupe-correction")).to_contain_text("Hidden on this page")
    assert page.evaluate("document.activeElement.className") == "loupe-ignore-site"
    panel.locator("button.loupe-ignore-site").click()
    expect(panel.locator(".loupe-correction")).to_contain_text("will not be flagged on this site")

    def stored_ignores():
        return extension.stored().get("siteIgnores", [])
    expect_words = sorted({w.strip() for w in words})
    for _ in range(50):
        if sorted(e["word"] for e in stored_ignores()) == expect_words:
            break
        page.wait_for_timeout(100)
    assert sorted(e["word"] for e in stored_ignores()) == expect_words
    assert {e["site"] for e in stored_ignores()} == {"127.0.0.1"}
    log = extension.worker.evaluate("() => chrome.storage.local.get('corrections')")["corrections"]
    assert [e["action"] for e in log] == ["hide", "site"]
    assert all(e["rule"] == flag["rule"] and e["site"] == "127.0.0.1" and set(e) == {"time", "action", "rule", "cue", "site"}
               for e in log)
    assert report["sentences"][index]["text"] not in json.dumps(log)        # the cue words, never the sentence
    # the badge follows the page: the sentences still flagged
    still = int(panel.locator(".loupe-where").inner_text().split()[0])
    assert still <= badge
    extension.wait_badge(page, lambda t: t == str(still))

    # a new visit to the site: the words stay ignored
    page.reload()
    page.wait_for_load_state("load")
    extension.click(page)
    page.wait_for_selector(MARKS)
    cues = {c.strip().lower() for c in page.eval_on_selector_all("mark.loupe-cue", "ms => ms.map(m => m.textContent)")}
    assert not cues & {w.lower() for w in words}

    # the options page lists the word and takes it back
    options = page.context.new_page()
    options.goto(f"chrome-extension://{extension.id}/options.html")
    rows = options.locator("#corrections li")
    expect(rows).to_have_count(len(expect_words))
    assert "on 127.0.0.1" in rows.first.inner_text()
    for _ in expect_words:
        rows.first.locator("button").click()
    expect(rows).to_have_count(0)
    assert extension.stored()["siteIgnores"] == []
    with options.expect_download() as download:
        options.click("#export-log")
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["loupe"] == "corrections" and len(exported["corrections"]) == 2
    options.close()


def test_not_right_from_the_keyboard(extension, site, page):
    open_page(page, site, "night-desk.html")
    extension.click(page)
    page.wait_for_selector(MARKS)
    page.locator("#loupe-panel button.loupe-next").click()
    current = page.evaluate("document.activeElement.dataset.loupe")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.className") == "loupe-not-right"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.loupe") == current
    page.keyboard.press("Enter")
    kind = page.evaluate("document.activeElement.dataset.kind")
    page.keyboard.press("Enter")
    expect(page.locator(f'mark.loupe-{kind}[data-loupe="{current}"]')).to_have_count(0)
    expect(page.locator("#loupe-panel .loupe-correction")).to_contain_text("Hidden on this page")


def test_export_the_report_as_json_and_csv(extension, server, site, page):
    open_page(page, site, "metro-transit.html")
    report = server_report(server, page)
    extension.click(page)
    page.wait_for_selector(MARKS)
    panel = page.locator("#loupe-panel")
    with page.expect_download() as download:
        panel.locator("button.loupe-export-json").click()
    assert download.value.suggested_filename == "loupe-city-approves-tram-extension-after-marathon-session.json"
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [s["text"] for s in exported["sentences"]] == [s["text"] for s in report["sentences"]]

    with page.expect_download() as download:
        panel.locator("button.loupe-export-csv").click()
    assert download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    expected = [s for s in report["sentences"] if any(f["kind"] in ("uncited", "emotive", "emotive_quote") for f in s["flags"])]
    assert [r["text"] for r in rows] == [s["text"] for s in expected]
    for row, s in zip(rows, expected):
        kinds = [f["kind"] for f in s["flags"]]
        assert row["flag"] == "; ".join(kinds)
        assert row["tier"] == (tier(s) if "uncited" in kinds else "")
        assert all(f["reason"] in row["reason"] for f in s["flags"])
        for f in s["flags"]:
            if f["kind"] == "emotive":
                assert all(d["span"]["text"] in row["cue words"] for d in f["detail"])
    assert list(rows[0]) == ["text", "flag", "tier", "reason", "cue words", "source"]
