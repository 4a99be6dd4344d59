"""Analysis time per real page, next to readability-lxml extraction alone, and server start-up time"""
from __future__ import annotations

import csv
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from readability import Document

from eval.common import missing
from server.pipeline import AnalysisError, analyze

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3


def real_pages(shared: Path) -> list[Path]:
    """The real (not synthetic) pages of ../shared/pages/readability, every language."""
    manifest = shared / "pages" / "manifest.tsv"
    with manifest.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [shared / "pages" / r["path"] / "source.html" for r in rows if r["synthetic_fixture"] == "0"]


def best_of(fn, rounds: int = ROUNDS) -> float:
    """Fastest of a few runs, in ms: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(shared: Path) -> None:
    if missing(shared / "pages" / "manifest.tsv"):
        return
    rows = []
    for path in real_pages(shared):
        html = path.read_text(encoding="utf-8", errors="replace")

        def whole():
            try:
                analyze(html=html)
            except AnalysisError:
                pass   # a non-English page is refused after extraction: still a real cost

        rows.append((path.parent.name, len(html), best_of(lambda: Document(html).summary(html_partial=True)), best_of(whole)))
    extract_ms = [r[2] for r in rows]
    whole_ms = [r[3] for r in rows]
    print(f"   {len(rows)} real pages, best of {ROUNDS} runs each")
    print(f"   {'':<22}{'median':>9}{'p95':>9}{'max':>9}")
    for name, values in (("extraction alone (ms)", extract_ms), ("whole analysis (ms)", whole_ms)):
        print(f"   {name:<22}{statistics.median(values):>9.1f}{percentile(values, 0.95):>9.1f}{max(values):>9.1f}")
    ratio = statistics.median(whole_ms) / statistics.median(extract_ms)
    print(f"   whole / extraction at the median: {ratio:.2f} (target at most 1.3)")
    print(f"   whole-analysis p95: {percentile(whole_ms, 0.95):.1f} ms (target under 150 ms)")
    print("   slowest pages (name, size, extraction ms, whole ms):")
    for name, size, e, w in sorted(rows, key=lambda r: -r[3])[:5]:
        print(f"     {name:<28}{size / 1024:>8.0f} KB{e:>9.1f}{w:>9.1f}")
    print(f"   server start to first answer: {start_to_first_answer():.2f} s (target under 1 s)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            body = json.dumps({"text": "The council voted on Tuesday to cut the ferry budget by a third."}).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/analyze", body,
                                             {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as r:
                r.read()
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.01)


def start_to_first_answer() -> float:
    """From launching `python -m server serve` to the first analysed page coming back."""
    port = free_port()
    started = time.perf_counter()
    server = start_server(port)
    try:
        wait_until_up(port)
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
