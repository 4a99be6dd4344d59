"""Command line: `loupe serve [--host H] [--port P]`, `loupe analyze PATH|- [--json|--csv]` and
`loupe autostart on|off|status` (`loupe` is the installed command; in a checkout, `.venv/bin/python -m server`)."""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import textwrap
import threading

from . import DEFAULT_HOST, DEFAULT_PORT, __version__, create_app, keep_nltk_light

COLOURS = {"uncited": "\033[33m", "emotive": "\033[35m", "emotive_quote": "\033[36m"}
MARKS = {"uncited": "U", "emotive": "E", "emotive_quote": "Q"}   # Q: charged words in someone's quote, not the writer's
RESET = "\033[0m"


def run() -> None:
    """The `loupe` command (pyproject.toml's entry point)."""
    sys.exit(main(prog="loupe"))


def main(argv: list[str] | None = None, prog: str = "python -m server") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Loupe: uncited and emotive sentences in news articles.")
    parser.add_argument("--version", action="version", version=f"Loupe {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the local server the extension talks to")
    serve.add_argument("--host", default=os.environ.get("LOUPE_HOST", DEFAULT_HOST),
                       help="address to listen on (default 127.0.0.1; only change it if you know why)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("LOUPE_PORT", DEFAULT_PORT)),
                       help=f"port (default {DEFAULT_PORT}, or $LOUPE_PORT)")
    check = commands.add_parser("analyze", help="analyse an .html or .txt file (or - for stdin) and print the report")
    check.add_argument("path", help="an .html/.htm or .txt file, or - to read stdin")
    check.add_argument("--url", help="the page's address (resolves relative links)")
    output = check.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the JSON report instead of the readable one")
    output.add_argument("--csv", action="store_true",
                        help="print CSV, one row per flagged sentence: " + ", ".join(CSV_COLUMNS))
    check.add_argument("--html", action="store_true", help="treat stdin as HTML (files are judged by their content)")
    start = commands.add_parser("autostart", help="start the server when you log in (on), stop that (off), or say which")
    start.add_argument("action", choices=("on", "off", "status"))
    start.add_argument("--port", type=int, default=int(os.environ.get("LOUPE_PORT", DEFAULT_PORT)),
                       help=f"port the server started at login listens on (default {DEFAULT_PORT}, or $LOUPE_PORT)")
    args = parser.parse_args(argv)
    if args.command == "autostart":
        from .autostart import command
        return command(args.action, port=args.port)
    return serve_forever(args) if args.command == "serve" else analyze_file(args)


def serve_forever(args) -> int:
    from waitress import serve

    from .memory import limit_heaps
    from .workers import Pool

    limit_heaps()

    # the workers load the word lists while the rest of the server starts, not on the reader's first click
    pool = Pool()
    threading.Thread(target=pool.start, daemon=True).start()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    loopback = args.host in ("127.0.0.1", "localhost", "::1")
    if not loopback:
        print(f"warning: listening on {args.host}: other machines may reach Loupe.", file=sys.stderr)
    # listening elsewhere was asked for explicitly: answer requests addressed to that name too
    hosts = None if loopback else {"ALLOWED_HOSTS": {"127.0.0.1", "localhost", "[::1]", args.host.lower()}}
    app = create_app({**(hosts or {}), "POOL": pool})
    print(f"Loupe {__version__} is running at http://{args.host}:{args.port}/  (Ctrl-C stops it)")
    print(f"  demo:   http://{args.host}:{args.port}/  (paste an article, or open the sample)")
    print(f"  health: http://{args.host}:{args.port}/api/health")
    from .demo import EXTENSION
    print(f"  extension: open chrome://extensions, turn on Developer mode, 'Load unpacked' and choose {EXTENSION}")
    if sys.stdout:   # None under pythonw (Windows autostart)
        sys.stdout.flush()
    # a thread for each request a worker runs or the queue holds, and two more: health always has one
    serve(app, host=args.host, port=args.port, threads=pool.workers + pool.queue + 2, ident="loupe", _quiet=True,
          max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024)   # past that, refused unread
    return 0


def analyze_file(args) -> int:
    keep_nltk_light()   # the pipeline is loaded only to analyse: `serve` leaves it to the worker processes
    from .pipeline import AnalysisError, analyze
    try:
        if args.path == "-":
            raw = sys.stdin.read()
            is_html = args.html or _looks_like_html(raw)
        else:
            with open(args.path, encoding="utf-8", errors="replace") as f:
                raw = f.read()
            is_html = args.path.lower().endswith((".html", ".htm")) or _looks_like_html(raw)
    except OSError as exc:
        print(f"error: cannot read {args.path}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        report = analyze(html=raw, url=args.url) if is_html else analyze(text=raw)
    except AnalysisError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.csv:
        write_csv(report, sys.stdout)
    else:
        print_report(report, colour=sys.stdout.isatty())
    return 0


def _looks_like_html(raw: str) -> bool:
    head = raw.lstrip()[:500].lower()
    return head.startswith(("<!doctype", "<html")) or "<body" in head or "<p>" in head


CSV_COLUMNS = ("text", "flag", "tier", "reason", "cue words", "source")


def write_csv(report, out) -> None:
    """One row per flagged sentence: its text, its flags (uncited, emotive, emotive_quote; several joined by '; '),
    the tier of its claim (claim_strength: check-worthy or minor, empty when it makes no claim), the flags' reasons,
    the cue words of its emotive flags, and the sources its evidence names (a reference's text or address, or the
    attribution's words). A cell that a spreadsheet would read as a formula (=, +, -, @ first) gets a ' before it:
    the words come from a web page."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in report.to_json()["sentences"]:
        if not s["flags"]:
            continue
        cues = [d["span"]["text"] for f in s["flags"] if f["kind"] != "uncited" for d in f.get("detail") or () if d.get("span")]
        sources = [(e.get("source") or {}).get("text") or (e.get("source") or {}).get("url")
                   or (e["cue"] if e["type"] == "attribution" else "") for e in s["evidence"]]
        writer.writerow([_cell(c) for c in (
            s["text"],
            "; ".join(f["kind"] for f in s["flags"]),
            (s.get("claim_strength") or {}).get("tier") or "",
            "; ".join(f["reason"] for f in s["flags"]),
            "; ".join(dict.fromkeys(cues)),
            "; ".join(dict.fromkeys(x for x in sources if x)),
        )])


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def print_report(report, colour: bool = False) -> None:
    print(report.title or "(untitled)")
    print("=" * min(78, max(8, len(report.title or ""))))
    wrap = lambda s, indent: textwrap.fill(s, 78, initial_indent=indent, subsequent_indent=indent)
    for s in report.sentences:
        marks = "".join(MARKS.get(f.kind, "?") for f in s.flags) or "-"
        print(wrap(f"[{marks:<3}] {s.kind:<9} {s.text}", ""))
        for e in s.evidence:
            where = f" → {e.source.get('text') or e.source.get('url')}" if e.source else ""
            print(wrap(f"cited ({e.type}): {e.cue}{where}" + (f" [{e.note}]" if e.note else ""), "       "))
        for f in s.flags:
            label = f"{COLOURS.get(f.kind, '')}{f.kind}{RESET}" if colour else f.kind
            print(wrap(f"{label} [{f.rule}]: {f.reason}", "       "))
            for d in f.detail:
                if d.get("rule"):   # each cue's rule: `git grep` its last part in server/lexicons, or the id itself
                    print(wrap(f"- '{d['span']['text']}' [{d['rule']}]", "         "))
    c = report.counts
    print(f"\n{c['sentences']} sentences: {c['uncited']} uncited, {c['emotive']} emotive")
    for note in report.notes:
        print(f"note: {note}")


if __name__ == "__main__":
    sys.exit(main())
