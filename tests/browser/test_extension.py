"""The extension as a reader uses it: a real click on the toolbar icon of a fixture news page, against the real server."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import post_json

pytestmark = pytest.mark.timeout(120)

MARKS = "mark[data-loupe]"
# the body's markup and the number of its text nodes: a restored page has the same of both
SNAPSHOT = """() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let n = 0; while (walker.nextNode()) n++;
    return {html: document.body.innerHTML, textNodes: n};
}"""


def squash(text: str) -> str:
    return re.sub(r"[\s\u00ad]+", "", text)


def open_page(page, site, name):
    page.goto(f"{site}/{name}")
    page.wait_for_load_state("load")
    return page


def server_report(server, page) -> dict:
    """What the server says about the same HTML the extension sends."""
    status, report = post_json(server + "/api/analyze", {"url": page.url, "html": page.evaluate("document.documentElement.outerHTML")})
    assert status == 200, report
    return report


def flagged(report, kinds=("uncited", "emotive")) -> dict[int, dict]:
    return {i: s for i, s in enumerate(report["sentences"]) if any(f["kind"] in kinds for f in s["flags"])}


def marks_by_sentence(page) -> dict[int, dict]:
    rows = page.evaluate("""sel => [...document.querySelectorAll(sel)].map(m => ({
        index: Number(m.dataset.loupe), text: m.textContent, classes: m.className}))""", MARKS)
    out: dict[int, dict] = {}
    for row in rows:
        entry = out.setdefault(row["index"], {"text": "", "classes": set()})
        entry["text"] += row["text"]
        entry["classes"].update(row["classes"].split())
    return out


@pytest.mark.parametrize("name", ["metro-transit.html", "night-desk.html"])
def test_icon_click_highlights_each_flagged_sentence(extension, server, site, page, name):
    open_page(page, site, name)
    report = server_report(server, page)
    expected = flagged(report)
    uncited = sum(any(f["kind"] == "uncited" for f in s["flags"]) for s in expected.values())
    emotive = sum(any(f["kind"] == "emotive" for f in s["flags"]) for s in expected.values())
    assert uncited >= 2 and emotive >= 2, "the fixture page should have both kinds of flags"

    extension.click(page)
    page.wait_for_selector(MARKS)
    badge = extension.wait_badge(page, lambda t: t and t.isdigit())
    assert int(badge) == len(expected)
    assert f"{uncited} uncited, {emotive} emotive" in extension.title(page)

    drawn = marks_by_sentence(page)
    for index, sentence in expected.items():
        assert index in drawn, f"not highlighted: {sentence['text']!r}"
        # the marks of one sentence cover exactly its text, even where it runs across links, <em> and <sup>
        assert squash(drawn[index]["text"]) == squash(sentence["text"])
        kinds = {f["kind"] for f in sentence["flags"]}
        assert ("loupe-uncited" in drawn[index]["classes"]) == ("uncited" in kinds)
        assert ("loupe-emotive" in drawn[index]["classes"]) == ("emotive" in kinds)
    # the emotive cue words are marked inside their sentences
    cues = page.eval_on_selector_all("mark.loupe-cue", "ms => ms.map(m => m.textContent.trim().toLowerCase())")
    for sentence in expected.values():
        for flag in sentence["flags"]:
            if flag["kind"] == "emotive":
                for span in flag["spans"]:
                    assert any(span["text"].lower() in cue or cue in span["text"].lower() for cue in cues), span

    panel = page.locator("#loupe-panel")
    # uncited claims by their tier: "1 worth checking", "3 minor"
    minor = sum(any(f["kind"] == "uncited" for f in s["flags"]) and s["claim_strength"]["tier"] == "minor"
                for s in expected.values())
    assert panel.locator("[data-flag=uncited]").inner_text() == f"{uncited - minor} worth checking"
    assert panel.locator("[data-flag=minor]").inner_text() == f"{minor} minor"
    assert panel.locator("[data-flag=emotive]").inner_text() == f"{emotive} emotive"
    # the mapping never draws inside scripts, form fields or hidden elements
    assert page.evaluate("""() => [...document.querySelectorAll('mark[data-loupe]')]
        .every(m => !m.closest('script,style,textarea,input,select,[hidden]') && m.checkVisibility())""")


def test_split_sentences_and_page_details(extension, site, page):
    open_page(page, site, "metro-transit.html")
    extension.click(page)
    page.wait_for_selector(MARKS)
    # a sentence containing a soft hyphen and a link is found and drawn in pieces, one per text node
    pieces = page.evaluate("""() => {
        const m = [...document.querySelectorAll('mark[data-loupe]')].find(m => m.textContent.includes('reckless'));
        return m ? document.querySelectorAll(`mark[data-loupe="${m.dataset.loupe}"]`).length : 0;
    }""")
    assert pieces >= 3
    assert page.evaluate("document.querySelector('#email').value") == "reader@example.org"
    assert "Tracking text" in page.evaluate("document.querySelector('article script').textContent")


def test_tooltip_on_hover_and_keyboard_focus(extension, server, site, page):
    open_page(page, site, "metro-transit.html")
    report = server_report(server, page)
    extension.click(page)
    page.wait_for_selector("mark.loupe-cue")
    tooltip = page.locator("#loupe-tooltip")

    cue = page.locator("mark.loupe-cue").first
    cue_text = cue.inner_text().strip()
    cue.hover()
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert "Emotive" in text and cue_text.lower() in text.lower()
    assert page.get_attribute("#loupe-tooltip", "role") == "tooltip"

    # a citation marker or link says which source it points to
    index, evidence = next((i, e) for i, s in enumerate(report["sentences"]) for e in s["evidence"] if e["source"])
    source = page.locator(f'mark.loupe-source[data-loupe="{index}"]').first
    source.hover()
    page.wait_for_function("() => document.querySelector('#loupe-tooltip').textContent.startsWith('Source')")
    assert evidence["source"]["text"] in tooltip.inner_text()

    # keyboard: Tab reaches a flagged sentence, whose tooltip opens and describes it
    page.mouse.move(0, 0)
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark[data-loupe]')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "loupe-tooltip"
    assert tooltip.is_visible()
    assert re.search(r"Uncited|Emotive", tooltip.inner_text())
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()


def test_next_and_previous_step_through_flagged_sentences(extension, server, site, page):
    open_page(page, site, "night-desk.html")
    count = len(flagged(server_report(server, page)))
    extension.click(page)
    page.wait_for_selector(MARKS)
    panel = page.locator("#loupe-panel")
    panel.locator("button.loupe-next").click()
    assert panel.locator(".loupe-where").inner_text() == f"1 of {count}"
    first = page.evaluate("document.querySelector('mark.loupe-current').dataset.loupe")
    panel.locator("button.loupe-next").click()
    assert panel.locator(".loupe-where").inner_text() == f"2 of {count}"
    second = page.evaluate("document.querySelector('mark.loupe-current').dataset.loupe")
    assert int(second) > int(first)
    # the stepped-to sentence has focus and its tooltip stays open after the scroll
    assert page.evaluate("document.activeElement.dataset.loupe") == second
    page.wait_for_timeout(100)
    expect(page.locator("#loupe-tooltip")).to_be_visible()
    panel.locator("button.loupe-prev").click()
    panel.locator("button.loupe-prev").click()
    assert panel.locator(".loupe-where").inner_text() == f"{count} of {count}"


@pytest.mark.parametrize("name", ["metro-transit.html", "night-desk.html"])
def test_second_click_restores_the_page_exactly(extension, site, page, name):
    open_page(page, site, name)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    page.wait_for_selector(MARKS)
    page.locator("mark[data-loupe]").first.hover()   # a shown tooltip must go too
    assert page.evaluate(SNAPSHOT)["html"] != before["html"]
    extension.click(page)
    page.wait_for_selector(MARKS, state="detached")
    extension.wait_badge(page, lambda t: t == "")
    assert page.evaluate(SNAPSHOT) == before
    assert page.locator("#loupe-panel, #loupe-tooltip").count() == 0
    # and a third click highlights again
    extension.click(page)
    page.wait_for_selector(MARKS)


def test_panel_close_button_restores_the_page(extension, site, page):
    open_page(page, site, "metro-transit.html")
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    page.wait_for_selector(MARKS)
    page.locator("#loupe-panel button.loupe-panel-close").click()
    assert page.evaluate(SNAPSHOT) == before
    extension.wait_badge(page, lambda t: t == "")


def test_dark_page_gets_the_dark_theme(extension, site, page):
    open_page(page, site, "night-desk.html")
    extension.click(page)
    page.wait_for_selector(MARKS)
    assert page.evaluate("[...document.querySelectorAll('mark[data-loupe]')].every(m => m.dataset.loupeTheme === 'dark')")
    assert page.get_attribute("#loupe-panel", "data-loupe-theme") == "dark"


def test_server_down_says_so_and_leaves_the_page_alone(extension, site, page):
    from .conftest import free_port

    dead = f"http://127.0.0.1:{free_port()}"
    extension.settings(server=dead)
    open_page(page, site, "metro-transit.html")
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    panel = page.locator("#loupe-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "not running" in text and "make run" in text and dead in text
    assert extension.wait_badge(page, lambda t: t == "off") == "off"
    assert page.locator(MARKS).count() == 0
    assert page.evaluate(SNAPSHOT) == before   # the message sits outside <body>
    panel.locator("button.loupe-panel-close").click()
    assert page.locator("#loupe-panel").count() == 0


def test_server_error_is_shown_in_plain_words(extension, site, page):
    # a page with no article: the server answers 422 with a message for the reader
    page.goto(f"{site}/metro-transit.html")
    page.evaluate("document.body.innerHTML = '<nav><a href=\"/\">Home</a></nav>'")
    extension.click(page)
    panel = page.locator("#loupe-panel")
    panel.wait_for(state="visible")
    assert "No article" in panel.inner_text()
    assert extension.wait_badge(page, lambda t: t == "!") == "!"
    assert page.evaluate("document.body.innerHTML") == '<nav><a href="/">Home</a></nav>'


def test_turning_emotive_off_shows_only_uncited(extension, server, site, page):
    extension.settings(flags={"uncited": True, "emotive": False})
    open_page(page, site, "metro-transit.html")
    expected = flagged(server_report(server, page), kinds=("uncited",))
    extension.click(page)
    page.wait_for_selector(MARKS)
    extension.wait_badge(page, lambda t: t and t.isdigit())
    assert page.locator("mark.loupe-emotive, mark.loupe-cue").count() == 0
    assert set(marks_by_sentence(page)) - {i for i in marks_by_sentence(page) if "loupe-cited-only" in marks_by_sentence(page)[i]["classes"]} == set(expected)
    assert int(extension.badge(page)) == len(expected)


def test_hidden_category_and_ignored_words(extension, server, site, page):
    open_page(page, site, "metro-transit.html")
    report = server_report(server, page)
    details = [d for s in report["sentences"] for f in s["flags"] if f["kind"] == "emotive" for d in f["detail"]]
    assert len(details) >= 2
    hidden_category = details[0]["category"]
    ignored = next(d["span"]["text"] for d in details if d["category"] != hidden_category)
    extension.settings(categories={hidden_category: False}, ignoreWords=[ignored.upper()])
    extension.click(page)
    page.wait_for_selector(MARKS)
    cues = {c.strip().lower() for c in page.eval_on_selector_all("mark.loupe-cue", "ms => ms.map(m => m.textContent)")}
    assert ignored.lower() not in cues
    assert not any(d["span"]["text"].lower() in cues for d in details if d["category"] == hidden_category)


def test_site_where_loupe_stays_off(extension, site, page):
    extension.settings(offSites=["127.0.0.1"])
    open_page(page, site, "metro-transit.html")
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    page.locator("#loupe-panel").wait_for(state="visible")
    assert "off on this site" in page.locator("#loupe-panel").inner_text()
    assert extension.badge(page) == "off"
    assert page.evaluate(SNAPSHOT) == before


def test_runs_by_itself_on_listed_sites(extension, site, page):
    # 127.0.0.1 is already in the extension's host permissions, so no permission prompt is needed here
    extension.settings(autoSites=["127.0.0.1"])
    open_page(page, site, "night-desk.html")
    page.wait_for_selector(MARKS, timeout=20000)
    assert extension.wait_badge(page, lambda t: t and t.isdigit())


def test_options_page_saves_settings(extension, page):
    page.goto(f"chrome-extension://{extension.id}/options.html")
    # extension pages forbid eval (their CSP), so wait with locators rather than wait_for_function
    expect(page.locator("#categories input")).to_have_count(8)
    assert page.input_value("#server") == extension.stored()["server"]
    assert page.is_checked("#flag-uncited") and page.is_checked("#flag-emotive")
    page.uncheck("#flag-emotive")
    assert page.is_disabled("#category-puffery")
    page.uncheck("#flag-uncited")
    page.check("#flag-uncited")
    page.fill("#ignore-words", "fierce\nslammed")
    page.fill("#off-sites", "example.com\n")
    page.fill("#server", "localhost:9999")
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile("^Saved"))
    stored = extension.stored()
    assert stored["flags"] == {"uncited": True, "emotive": False}
    assert stored["ignoreWords"] == ["fierce", "slammed"]
    assert stored["offSites"] == ["example.com"]
    assert stored["server"] == "http://localhost:9999"
    page.fill("#server", "not a server ::")
    page.click("#save")
    assert "not a web address" in page.inner_text("#status")


def test_options_check_connection(extension, server, page):
    page.goto(f"chrome-extension://{extension.id}/options.html")
    expect(page.locator("#server")).not_to_have_value("")
    page.click("#check")
    expect(page.locator("#check-result")).to_contain_text("is running")


def test_shortcut_is_declared(extension):
    commands = extension.worker.evaluate("() => chrome.commands.getAll()")
    action = next(c for c in commands if c["name"] == "_execute_action")
    assert action["shortcut"].replace(" ", "") in ("Alt+Shift+L", "⌥⇧L")


def test_site_lists_and_server_addresses(extension):
    checks = extension.worker.evaluate("""() => ({
        sub: loupeSiteMatches("https://news.example.com/a", ["example.com"]),
        exact: loupeSiteMatches("http://example.com/", ["https://example.com/some/page"]),
        wildcard: loupeSiteMatches("https://a.b.example.com/", ["*.example.com"]),
        suffixOnly: loupeSiteMatches("https://notexample.com/", ["example.com"]),
        other: loupeSiteMatches("https://example.org/", ["example.com", "# a comment"]),
        bare: loupeServer("127.0.0.1:9000"),
        trailing: loupeServer("http://localhost:8765/api/"),
        bad: loupeServer("ftp://127.0.0.1"),
        origins: loupeOriginsFor(["news.example.com", "127.0.0.1"]),
    })""")
    assert checks["sub"] and checks["exact"] and checks["wildcard"]
    assert not checks["suffixOnly"] and not checks["other"]
    assert checks["bare"] == "http://127.0.0.1:9000" and checks["trailing"] == "http://localhost:8765"
    assert checks["bad"] is None
    assert checks["origins"] == ["*://news.example.com/*", "*://*.news.example.com/*", "*://127.0.0.1/*"]


SECRETS_PAGE = """<!doctype html><html lang="en"><head><title>Harbour vote</title>
<script>window.apiKey = "SECRET-IN-SCRIPT";</script>
<script type="application/json">{"csrf": "SECRET-IN-JSON"}</script><style>/* SECRET-IN-STYLE */</style></head>
<body><!-- SECRET-IN-COMMENT --><article><h1>Harbour vote</h1>
<p>The town council voted on Tuesday to cut the ferry timetable by a third, the mayor said.</p>
<p>Residents mounted a campaign against the cuts, which take effect in March.</p>
<form><input type="hidden" name="token" value="SECRET-IN-HIDDEN"><input name="q" value="SECRET-IN-VALUE">
<textarea>SECRET-IN-TEXTAREA</textarea><template>SECRET-IN-TEMPLATE</template></form></article></body></html>"""


def test_only_what_the_server_needs_leaves_the_page(extension, page):
    """A page's scripts, comments, form values, templates and the URL's query and fragment never reach the server."""
    import http.server
    import json
    import threading

    received = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = SECRETS_PAGE.encode() if self.path.startswith("/article") else b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if self.path.startswith("/article") else "application/json")
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            received.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
            self.send_response(422)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"error": {"code": "no_article", "message": "recorded"}, "status": 422}).encode())

    recorder = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=recorder.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{recorder.server_port}"
        extension.settings(server=address)
        page.goto(f"{address}/article?session=SECRET-IN-QUERY#SECRET-IN-FRAGMENT")
        extension.click(page)
        page.locator("#loupe-panel").wait_for(state="visible")
        assert received, "the extension sent nothing"
        sent = json.loads(received[0])
        assert "ferry timetable by a third" in sent["html"]      # the article itself is sent
        assert sent["url"] == f"{address}/article"
        assert "SECRET" not in received[0], [s for s in ("SCRIPT", "JSON", "STYLE", "COMMENT", "HIDDEN", "VALUE",
                                                        "TEXTAREA", "TEMPLATE", "QUERY", "FRAGMENT")
                                             if f"SECRET-IN-{s}" in received[0]]
    finally:
        recorder.shutdown()
        recorder.server_close()
