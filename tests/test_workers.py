"""The analysis worker pool: a deadline kills the worker and a fresh one takes its place; a full queue is refused
at once; a crash is reported, never hangs. (Speed belongs to `make bench`: these tests assert outcomes only.)"""
from __future__ import annotations

import threading
import time

import pytest

from server.workers import Busy, Pool, TimedOut

# about 300,000 characters of prose: long enough that a worker is still busy with it when the test looks
LONG_TEXT = "\n\n".join("The council said the ferry will run twice a week from March, and residents mounted a "
                        "campaign against the cuts. " * 8 for _ in range(300))


@pytest.fixture()
def pool():
    pool = Pool(workers=1, queue=0)
    yield pool
    pool.close()


def test_a_page_is_analysed_in_a_worker(pool):
    outcome, report = pool.run(None, "Unemployment fell to 3.2% last year, the ministry said.", None, 60)
    assert outcome == "report" and report["counts"]["sentences"] == 1


def test_a_page_past_its_deadline_has_its_worker_replaced(pool):
    pool.start()
    first = pool._idle[0].process
    with pytest.raises(TimedOut):
        pool.run(None, LONG_TEXT, None, 0.01)
    assert not first.is_alive()
    outcome, _ = pool.run(None, "The ferry will run twice a week from March.", None, 60)
    assert outcome == "report" and pool._idle[0].process is not first


def test_a_full_queue_is_refused_at_once(pool):
    results = []
    running = threading.Thread(target=lambda: results.append(pool.run(None, LONG_TEXT, None, 120)))
    running.start()
    while pool._admitted == 0 and running.is_alive():
        time.sleep(0.001)
    with pytest.raises(Busy):
        pool.run(None, "The ferry will run twice a week from March.", None, 60)
    running.join()
    assert results and results[0][0] == "report"


def test_errors_come_back_as_errors(pool):
    outcome, (code, _, status) = pool.run(None, "   ", None, 60)
    assert outcome == "error" and code == "empty" and status == 400


def test_the_api_answers_busy_with_retry_after():
    from server import create_app
    from server.workers import Pool as RealPool

    app = create_app({"TESTING": True})
    app.extensions["loupe_pool"] = small = RealPool(workers=1, queue=0)
    client = app.test_client()
    try:
        running = threading.Thread(target=lambda: app.test_client().post("/api/analyze", json={"text": LONG_TEXT}))
        running.start()
        while small._admitted == 0 and running.is_alive():
            time.sleep(0.001)
        r = client.post("/api/analyze", json={"text": "The ferry will run twice a week from March."})
        assert r.status_code == 503 and r.get_json()["error"]["code"] == "busy"
        assert int(r.headers["Retry-After"]) > 0
        assert client.get("/api/health").status_code == 200   # health never waits for a worker
        running.join()
    finally:
        small.close()
