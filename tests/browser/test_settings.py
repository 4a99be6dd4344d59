"""Settings: corrupt storage falls back to the defaults, and the options page exports and imports a settings file."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .test_extension import MARKS, open_page

pytestmark = pytest.mark.timeout(120)

GARBAGE = {"flags": "yes", "categories": 5, "sources": "no", "quotes": None, "offSites": "127.0.0.1",
           "autoSites": {"a": 1}, "ignoreWords": [1, None, {"x": 2}], "unknown": [1, 2]}


def test_corrupt_settings_fall_back_to_the_defaults(extension, server, site, page):
    extension.settings(**GARBAGE)
    open_page(page, site, "metro-transit.html")
    extension.click(page)
    page.wait_for_selector(MARKS, timeout=20000)
    assert extension.wait_badge(page, lambda t: t and t.isdigit())
    assert page.locator("mark.loupe-uncited").count() and page.locator("mark.loupe-emotive").count()
    # and the defaults are written back over the garbage
    stored = extension.stored()
    for key in ("flags", "categories", "sources", "quotes", "offSites", "autoSites", "ignoreWords"):
        assert stored[key] == extension.defaults[key], key
    assert stored["server"] == server
    merged = extension.worker.evaluate("""() => [null, "text", [1, 2], 7, {server: 42}, {server: "ftp://x"}]
        .map(v => JSON.stringify(loupeMerge(v)) === JSON.stringify(LOUPE_DEFAULTS))""")
    assert all(merged)


def test_options_page_opens_over_corrupt_settings(extension, page):
    extension.settings(**GARBAGE, server=["not", "an", "address"])
    page.goto(f"chrome-extension://{extension.id}/options.html")
    expect(page.locator("#categories input")).to_have_count(8)
    assert page.input_value("#server") == "http://127.0.0.1:8765"
    assert page.is_checked("#flag-uncited") and page.is_checked("#flag-emotive")
    assert page.input_value("#off-sites") == "" and page.input_value("#ignore-words") == ""


def test_settings_export_and_import(extension, page, tmp_path):
    page.goto(f"chrome-extension://{extension.id}/options.html")
    expect(page.locator("#categories input")).to_have_count(8)
    page.fill("#ignore-words", "fierce")
    page.uncheck("#category-puffery")
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile("^Saved"))
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "loupe-settings.json"
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["loupe"] == "settings"
    assert exported["settings"]["ignoreWords"] == ["fierce"] and exported["settings"]["categories"]["puffery"] is False

    # another browser's file, edited by hand: what is of the wrong kind takes its default
    exported["settings"].update(offSites=["example.org"], flags={"uncited": True, "emotive": False}, quotes="maybe",
                                ignoreWords=["slammed", 3])
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(exported))
    page.set_input_files("#import-file", str(path))
    expect(page.locator("#status")).to_contain_text("Imported mine.json")
    assert page.input_value("#off-sites") == "example.org" and page.input_value("#ignore-words") == "slammed"
    assert not page.is_checked("#flag-emotive") and page.is_checked("#quotes")
    page.click("#save")
    expect(page.locator("#status")).to_have_text(re.compile("^Saved"))
    stored = extension.stored()
    assert stored["offSites"] == ["example.org"] and stored["ignoreWords"] == ["slammed"]
    assert stored["flags"] == {"uncited": True, "emotive": False} and stored["quotes"] is True

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    page.set_input_files("#import-file", str(bad))
    expect(page.locator("#status")).to_contain_text("not a Loupe settings file")
    assert extension.stored()["offSites"] == ["example.org"]
