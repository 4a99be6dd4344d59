"""The HTTP API: the report's shape, and a clear JSON error for every kind of bad input."""

import pytest

from conftest import post_json

ARTICLE = ("Harbour Town Votes on the Ferry\n\n"
           "The council voted 7 to 2 on Tuesday to cut the ferry timetable by a third. "
           "The mayor said the savings would pay for the new pier.")


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.get_json()["status"] == "ok"
    assert r.get_json()["schema"] == 1


def test_analyze_text_report_shape(client):
    r = post_json(client, {"text": ARTICLE})
    assert r.status_code == 200
    report = r.get_json()
    assert report["schema"] == 1
    assert report["title"] == "Harbour Town Votes on the Ferry"
    kinds = [s["kind"] for s in report["sentences"]]
    assert kinds == ["headline", "body", "body"]
    for s in report["sentences"]:
        assert report["text"][s["start"]:s["end"]] == s["text"]
        assert {"text", "start", "end", "kind", "evidence", "flags"} <= set(s)
    first, second = report["sentences"][1:]
    assert [f["kind"] for f in first["flags"]] == ["uncited"]
    assert "number" in first["flags"][0]["reason"]
    assert second["flags"] == [] and second["evidence"][0]["type"] == "attribution"
    assert report["counts"] == {"sentences": 3, "uncited": 1, "emotive": 0}


@pytest.mark.parametrize("data, content_type, status, code", [
    ("{not json", "application/json", 400, "bad_json"),
    ("[1, 2]", "application/json", 400, "bad_json"),
    ('{"html": 5}', "application/json", 400, "bad_field"),
    ('{"url": "https://example.com/"}', "application/json", 400, "missing_field"),
    ('{"text": "   "}', "application/json", 400, "empty"),
    ("text=hello", "application/x-www-form-urlencoded", 415, "not_json"),
    ('{"html": "<html><body><nav><a href=\\"/\\">Home</a></nav></body></html>"}', "application/json", 422, "no_article"),
])
def test_bad_input_gets_clear_json_error(client, data, content_type, status, code):
    r = client.post("/api/analyze", data=data, content_type=content_type)
    assert r.status_code == status
    body = r.get_json()
    assert body["error"]["code"] == code
    assert len(body["error"]["message"]) > 10 and "Traceback" not in body["error"]["message"]


def test_not_english_is_refused_with_a_reason(client):
    text = ("Der Stadtrat hat am Dienstag beschlossen, den Fahrplan der Fähre um ein Drittel zu kürzen. "
            "Die Bürgermeisterin sagte, die Einsparungen würden den neuen Anleger bezahlen.")
    r = post_json(client, {"text": text})
    assert r.status_code == 422
    assert r.get_json()["error"]["code"] == "not_english"
    assert "English" in r.get_json()["error"]["message"]


def test_body_over_the_limit_is_413(app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    r = post_json(app.test_client(), {"text": "word " * 1000})
    assert r.status_code == 413
    assert r.get_json()["error"]["code"] == "request_entity_too_large"


def test_unknown_route_and_method_are_json(client):
    assert client.get("/api/nothing").get_json()["status"] == 404
    assert client.get("/api/analyze").status_code == 405


def test_the_extension_draws_the_schema_the_server_answers():
    # the extension refuses a report of another shape: its SCHEMA must follow the server's
    import re
    from pathlib import Path

    from server.report import SCHEMA_VERSION

    background = (Path(__file__).resolve().parents[1] / "extension" / "background.js").read_text()
    assert int(re.search(r"^const SCHEMA = (\d+);", background, re.M).group(1)) == SCHEMA_VERSION
