"""The demo page the server serves at /: paste an article, see the extension's highlights."""
from __future__ import annotations

import urllib.request

import re

import pytest
from playwright.sync_api import expect

from server.demo import SCRIPTS

from .conftest import ROOT, post_json

pytestmark = pytest.mark.timeout(120)

ARTICLE = """Harbour tolls to double next year

The port board voted on Thursday to double the tolls paid by cargo ships from January.
Shipping firms slammed the decision as a cruel blow to an industry already in crisis.
The board said the money will pay for dredging the main channel, according to its annual plan [1].
Everyone knows the channel has been silting up for years.

References
[1] Port board annual plan 2026, https://example.org/port/plan-2026
"""


@pytest.fixture()
def demo(server, page):
    errors = []
    # a 4xx answer to a bad article is expected; anything else (a CSP violation, a script error) is not
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    page.wait_for_load_state("load")
    yield page
    assert not errors, f"console errors (a CSP violation?): {errors}"


def test_demo_is_served_with_a_strict_csp(server):
    with urllib.request.urlopen(server + "/") as response:
        csp = response.headers["Content-Security-Policy"]
        assert "text/html" in response.headers["Content-Type"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    # the demo's highlighting code is the extension's own files, byte for byte
    for name in SCRIPTS:
        with urllib.request.urlopen(server + "/loupe/" + name) as response:
            assert response.read() == (ROOT / "extension" / name).read_bytes()
    for path in ("/loupe/manifest.json", "/loupe/../server/api.py", "/demo/../../api.py"):
        try:
            urllib.request.urlopen(server + path)
            pytest.fail(f"{path} should not be served")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404


def test_the_demo_and_the_extension_load_the_scripts_in_one_order():
    index = (ROOT / "server" / "static" / "demo" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="/loupe/([^"]+)"', index) == list(SCRIPTS)
    worker = (ROOT / "extension" / "background.js").read_text(encoding="utf-8")
    listed = re.search(r"const CONTENT_SCRIPTS = \[([^\]]*)\]", worker).group(1)
    assert re.findall(r'"([^"]+)"', listed) == [*SCRIPTS, "content.js"]


def test_pasted_text_is_highlighted(demo, server):
    status, report = post_json(server + "/api/analyze", {"text": ARTICLE})
    assert status == 200
    flagged = [s for s in report["sentences"] if s["flags"]]
    assert flagged
    demo.fill("#input", ARTICLE)
    demo.click("#analyze")
    demo.wait_for_selector("#article mark[data-loupe]")
    drawn = len(set(demo.locator("#article mark[data-loupe]:not(.loupe-cited-only)").evaluate_all(
        "ms => ms.map(m => m.dataset.loupe)")))
    assert drawn == len(flagged)
    assert f"Found {report['counts']['uncited']} uncited and {report['counts']['emotive']} emotive" in demo.inner_text("#status")

    cue = demo.locator("#article mark.loupe-cue").first
    cue.hover()
    demo.locator("#loupe-tooltip").wait_for(state="visible")
    assert cue.inner_text().strip().lower() in demo.inner_text("#loupe-tooltip").lower()

    # checking again replaces the highlights instead of stacking them
    marks = demo.locator("#article mark[data-loupe]").count()
    demo.click("#analyze")
    expect(demo.locator("#status")).to_have_text(re.compile("^Found"))
    assert demo.locator("#article mark[data-loupe]").count() == marks
    assert demo.locator("mark mark").count() == 0


def test_sample_article(demo):
    demo.click("#sample")
    demo.wait_for_selector("#article mark.loupe-uncited")
    demo.wait_for_selector("#article mark.loupe-emotive")
    assert "Harbour council" in demo.inner_text("#article h1")
    assert demo.locator("#loupe-panel").is_visible()
    demo.locator("#loupe-panel button.loupe-next").click()
    assert demo.locator("#article mark.loupe-current").count() >= 1


def test_hostile_text_stays_text(demo):
    hostile = ("The mayor's <img src=x onerror=\"document.title='pwned'\"> plan is a disgraceful scheme that will destroy "
               "the town, and everyone agrees it was rushed through without any debate at all.")
    demo.fill("#input", hostile)
    demo.click("#analyze")
    expect(demo.locator("#status")).not_to_have_text(re.compile("^Reading|^$"))
    assert demo.locator("#article img").count() == 0
    assert demo.title() != "pwned"


def test_demo_reports_errors_in_words(demo):
    demo.fill("#input", "   ")
    demo.click("#analyze")
    assert "Paste an article" in demo.inner_text("#status")
    demo.fill("#input", "Dies ist ein Artikel auf Deutsch, der nicht auf Englisch geschrieben wurde und den Loupe nicht liest. "
                        "Die Stadt hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen.")
    demo.click("#analyze")
    expect(demo.locator("#status")).to_have_class("error")
    assert "English" in demo.inner_text("#status")


def test_screenshot_of_a_highlighted_article(extension, site, page, artifacts):
    """A picture for the README: the fixture article with highlights, the panel and an open tooltip."""
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(f"{site}/metro-transit.html")
    extension.click(page)
    page.wait_for_selector("mark.loupe-cue")
    page.evaluate("window.scrollTo(0, 60)")
    page.locator("mark.loupe-cue").first.hover()
    page.locator("#loupe-tooltip").wait_for(state="visible")
    path = artifacts / "screenshot.png"
    page.screenshot(path=str(path), caret="initial")
    assert path.stat().st_size > 10_000
