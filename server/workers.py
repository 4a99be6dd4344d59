"""Analyses in worker processes: a deadline really ends one (its process is killed and replaced, which a thread
cannot be), and the HTTP threads only wait on a pipe, so /api/health answers whatever the workers are doing.

A bounded pool sized to the machine, with a short queue: a request that finds the queue full is refused at once
(`Busy`, answered 503 with Retry-After) instead of waiting behind pages it cannot overtake."""
from __future__ import annotations

import multiprocessing
import os
import threading
import time

WORKERS = max(1, min(4, os.cpu_count() or 1))
QUEUE = 8   # requests that may wait for a worker; 8 concurrent clients of the load bench all get served


class Busy(Exception):
    """Every worker is taken and the queue is full."""


class TimedOut(Exception):
    """The analysis passed its deadline: its worker was killed."""


class Crashed(Exception):
    """The analysis failed: the worker died (out of memory, a crash in a C library) or raised an unexpected error
    (its kind is the message; never the page)."""


def _serve(conn) -> None:
    """A worker's loop: (html, text, url) in, ("report", json) or ("error", (code, message, status)) out."""
    from .pipeline import AnalysisError, analyze
    from .memory import release_memory

    while True:
        try:
            html, text, url = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("report", analyze(html=html, text=text, url=url).to_json()))
        except AnalysisError as exc:
            conn.send(("error", (exc.code, exc.message, exc.status)))
        except Exception as exc:   # never the page in the message: only what kind of failure it was
            conn.send(("crash", type(exc).__name__))
        finally:
            release_memory()


class _Worker:
    def __init__(self, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="loupe-analysis")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class Pool:
    """`run()` one analysis in a free worker process, within `timeout` seconds of the call, waiting included."""

    def __init__(self, workers: int = WORKERS, queue: int = QUEUE) -> None:
        self.workers, self.queue = workers, queue
        # a fork server started with the pipeline loaded and warmed: a new worker is a cheap fork of it
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["server.warm"])
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(workers)
        self._admitted = 0
        self._started = False

    def start(self) -> None:
        with self._lock:
            if not self._started:
                self._idle = [_Worker(self._context) for _ in range(self.workers)]
                self._started = True

    def run(self, html: str | None, text: str | None, url: str | None, timeout: float) -> tuple[str, object]:
        deadline = time.monotonic() + timeout
        self.start()
        with self._lock:
            if self._admitted >= self.workers + self.queue:
                raise Busy()
            self._admitted += 1
        try:
            if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise TimedOut()
            try:
                return self._run_in_worker((html, text, url), deadline)
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._admitted -= 1

    def _run_in_worker(self, job: tuple, deadline: float) -> tuple[str, object]:
        with self._lock:
            worker = self._idle.pop()
        replace = True
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                raise TimedOut()
            outcome, value = worker.conn.recv()
            replace = False
        except (EOFError, OSError) as exc:
            raise Crashed("the worker process died") from exc
        finally:
            if replace:   # killed at the deadline or dead already: a fresh worker takes its place
                worker.stop()
                worker = _Worker(self._context)
            with self._lock:
                self._idle.append(worker)
        if outcome == "crash":
            raise Crashed(value)
        return outcome, value

    def close(self) -> None:
        with self._lock:
            for worker in self._idle:
                worker.stop()
            self._idle, self._started = [], False
