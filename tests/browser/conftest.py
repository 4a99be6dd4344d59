"""Browser fixtures: the real Loupe server, a local site with the fixture news pages, and Debian's Chromium with
the unpacked extension loaded. One browser for the whole session keeps the suite fast; each test gets fresh tabs
and default settings."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from server.demo import SCRIPTS

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = ROOT / "tests" / "fixtures" / "pages"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("LOUPE_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def add_loupe(page) -> None:
    """Loupe's highlighting on a plain page: the extension's scripts, in the order it injects them."""
    for name in SCRIPTS:
        page.add_script_tag(path=str(EXTENSION / name))


def post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


@pytest.fixture(scope="session")
def server():
    """`python -m server serve` on a free port, as a reader would start it."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2) as response:
                if json.load(response).get("name") == "loupe":
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode(errors="replace") if process.poll() is not None else ""
            process.kill()
            pytest.fail(f"the Loupe server did not start: {output}")
        time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site():
    """The fixture news pages on their own origin (127.0.0.1, another port), like a news site."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(PAGES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


class Extension:
    """The loaded extension: its service worker, its settings and a real click on its toolbar icon."""

    def __init__(self, context, worker):
        self.context = context
        self.worker = worker
        self.id = worker.url.split("/")[2]
        self.cdp = context.browser.new_browser_cdp_session()

    def settings(self, **values) -> None:
        self.worker.evaluate("values => chrome.storage.sync.set(values)", values)

    def reset(self, server: str) -> None:
        # the defaults the service worker wrote on install, then the test server's address
        # as few writes as can be: chrome.storage.sync allows 120 a minute, and the suite runs many tests a minute
        self.worker.evaluate("""async wanted => {
            const stored = await chrome.storage.sync.get(null);
            const extra = Object.keys(stored).filter(k => !(k in wanted));
            if (extra.length) await chrome.storage.sync.remove(extra);
            const changed = Object.fromEntries(Object.entries(wanted)
                .filter(([k, v]) => JSON.stringify(stored[k]) !== JSON.stringify(v)));
            if (Object.keys(changed).length) await chrome.storage.sync.set(changed);
        }""", {**self.defaults, "server": server})

    def stored(self) -> dict:
        return self.worker.evaluate("() => chrome.storage.sync.get(null)")

    def click(self, page) -> None:
        """Extensions.triggerAction on the page's tab: what a click on the toolbar icon does."""
        targets = self.cdp.send("Target.getTargets", {"filter": [{"type": "tab"}]})["targetInfos"]
        tabs = [t for t in targets if t["url"] == page.url]
        assert len(tabs) == 1, f"expected one tab at {page.url}, got {targets}"
        self.cdp.send("Extensions.triggerAction", {"id": self.id, "targetId": tabs[0]["targetId"]})

    def badge(self, page) -> str:
        return self.worker.evaluate("""async url => {
            const [tab] = await chrome.tabs.query({url});
            return tab ? chrome.action.getBadgeText({tabId: tab.id}) : null;
        }""", page.url)

    def title(self, page) -> str:
        return self.worker.evaluate("""async url => {
            const [tab] = await chrome.tabs.query({url});
            return tab ? chrome.action.getTitle({tabId: tab.id}) : null;
        }""", page.url)

    def wait_badge(self, page, predicate, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        text = None
        while time.monotonic() < deadline:
            text = self.badge(page)
            if predicate(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"badge stayed {text!r}")


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver for the session (the sync API allows only one at a time)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (Debian's chromium package)")
    with sync_playwright() as p:
        yield p


def extension_under_test(folder: Path) -> Path:
    """The extension as it is, with access granted to 127.0.0.1 and localhost on every port: the tests run the server,
    the news site and recording servers on free ports, where a reader would grant access from the options page
    (a permission prompt a headless browser cannot answer). The manifest's key keeps the id Loupe's own."""
    copy = folder / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["host_permissions"] += ["http://127.0.0.1/*", "http://localhost/*"]
    (copy / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return copy


@pytest.fixture(scope="session")
def browser_context(playwright):
    profile = tempfile.mkdtemp(prefix="loupe-profile-")
    unpacked = extension_under_test(Path(tempfile.mkdtemp(prefix="loupe-extension-")))
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, viewport={"width": 1000, "height": 700},
        args=[f"--disable-extensions-except={unpacked}", f"--load-extension={unpacked}", "--no-sandbox",
              "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"])
    yield context
    context.close()
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(unpacked.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def extension_session(browser_context):
    worker = browser_context.service_workers[0] if browser_context.service_workers else \
        browser_context.wait_for_event("serviceworker", timeout=15000)
    ext = Extension(browser_context, worker)
    # onInstalled has written the defaults: wait for them and keep a copy to restore between tests
    deadline = time.monotonic() + 10
    while not ext.stored().get("flags"):
        assert time.monotonic() < deadline, "the service worker did not store default settings on install"
        time.sleep(0.1)
    ext.defaults = ext.stored()
    return ext


@pytest.fixture()
def extension(extension_session, server, browser_context):
    extension_session.reset(server)
    yield extension_session
    for page in browser_context.pages:
        if page.url != "about:blank":
            page.close()


@pytest.fixture()
def page(browser_context):
    page = browser_context.new_page()
    yield page
    if not page.is_closed():
        page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
