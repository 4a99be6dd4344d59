"""Load: 8 concurrent clients send the real pages to a running server, 1,000 requests"""
from __future__ import annotations

import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.speed import free_port, percentile, real_pages, start_server, wait_until_up
from eval.common import missing

CLIENTS = 8
REQUESTS = int(os.environ.get("LOUPE_BENCH_REQUESTS", 1000))


def rss_mb(pid: int) -> float:
    """The memory of the server and its worker processes: their proportional set sizes (pages they share, like
    the word lists every worker inherits from the fork server, counted once)."""
    total = 0.0
    for process in _tree(pid):
        try:
            for line in Path(f"/proc/{process}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
        except OSError:   # a worker replaced meanwhile
            continue
    return total


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return out


def post(port: int, body: bytes) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/analyze", body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code


def hammer(port: int, bodies: list[bytes], expected: dict, requests: int):
    """CLIENTS threads send `requests` pages in turn; returns latencies (ms), errors and wall time (s)."""
    latencies: list[float] = []
    errors: list[str] = []
    next_index = iter(range(requests))
    lock = threading.Lock()

    def client():
        while True:
            with lock:
                n = next(next_index, None)
            if n is None:
                return
            i = n % len(bodies)
            started = time.perf_counter()
            try:
                status = post(port, bodies[i])
            except OSError as exc:
                status = type(exc).__name__
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                # 422 (not English, no article) is the right answer for some pages: an error is a change or a 5xx
                if status != expected[i] or not isinstance(status, int) or status >= 500:
                    errors.append(f"page {i}: {status}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def run(shared: Path) -> None:
    if missing(shared / "pages" / "manifest.tsv"):
        return
    bodies = [json.dumps({"url": f"https://example.org/{p.parent.name}", "html": p.read_text(encoding="utf-8", errors="replace")}).encode()
              for p in real_pages(shared)]
    port = free_port()
    server = start_server(port)
    try:
        wait_until_up(port)
        expected = {i: post(port, body) for i, body in enumerate(bodies)}   # the right answer for each page
        # warm-up at full concurrency, so "start" is the server's working set with 8 analyses in flight
        hammer(port, bodies, expected, len(bodies))
        memory_start = rss_mb(server.pid)
        latencies, errors, wall = hammer(port, bodies, expected, REQUESTS)
        memory_end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    growth = (memory_end - memory_start) / memory_start * 100
    print(f"   {len(latencies)} requests from {CLIENTS} clients over {len(bodies)} pages in {wall:.1f} s "
          f"({len(latencies) / wall:.1f} requests/s)")
    print(f"   errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    print(f"   latency ms: p50 {statistics.median(latencies):.0f}, p95 {percentile(latencies, 0.95):.0f}, "
          f"max {max(latencies):.0f}")
    print(f"   server memory: {memory_start:.0f} MB after warm-up, {memory_end:.0f} MB at the end "
          f"({growth:+.1f}%, target under 10%)")
