"""Command line: `python -m server serve [--host H] [--port P]` and `python -m server analyze PATH|- [--json]`."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
import threading

from . import DEFAULT_HOST, DEFAULT_PORT, __version__, create_app
from .pipeline import AnalysisError, analyze

COLOURS = {"uncited": "\033[33m", "emotive": "\033[35m", "emotive_quote": "\033[36m"}
MARKS = {"uncited": "U", "emotive": "E", "emotive_quote": "Q"}   # Q: charged words in someone's quote, not the writer's
RESET = "\033[0m"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server", description="Loupe: uncited and emotive sentences in news articles.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the local server the extension talks to")
    serve.add_argument("--host", default=os.environ.get("LOUPE_HOST", DEFAULT_HOST),
                       help="address to listen on (default 127.0.0.1; only change it if you know why)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("LOUPE_PORT", DEFAULT_PORT)),
                       help=f"port (default {DEFAULT_PORT}, or $LOUPE_PORT)")
    check = commands.add_parser("analyze", help="analyse an .html or .txt file (or - for stdin) and print the report")
    check.add_argument("path", help="an .html/.htm or .txt file, or - to read stdin")
    check.add_argument("--url", help="the page's address (resolves relative links)")
    check.add_argument("--json", action="store_true", help="print the JSON report instead of the readable one")
    check.add_argument("--html", action="store_true", help="treat stdin as HTML (files are judged by their content)")
    args = parser.parse_args(argv)
    return serve_forever(args) if args.command == "serve" else analyze_file(args)


def serve_forever(args) -> int:
    from waitress import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    loopback = args.host in ("127.0.0.1", "localhost", "::1")
    if not loopback:
        print(f"warning: listening on {args.host}: other machines may reach Loupe.", file=sys.stderr)
    # listening elsewhere was asked for explicitly: answer requests addressed to that name too
    app = create_app(None if loopback else {"ALLOWED_HOSTS": {"127.0.0.1", "localhost", "[::1]", args.host.lower()}})
    pool = app.extensions["loupe_pool"]
    # the workers load the word lists while the server starts listening, not on the reader's first click
    threading.Thread(target=pool.start, daemon=True).start()
    print(f"Loupe {__version__} is running at http://{args.host}:{args.port}/  (Ctrl-C stops it)")
    print(f"  demo:   http://{args.host}:{args.port}/  (paste an article, or open the sample)")
    print(f"  health: http://{args.host}:{args.port}/api/health")
    print("  extension: open chrome://extensions, turn on Developer mode, 'Load unpacked' and choose the extension/ folder")
    sys.stdout.flush()
    # a thread for each request a worker runs or the queue holds, and two more: health always has one
    serve(app, host=args.host, port=args.port, threads=pool.workers + pool.queue + 2, ident="loupe", _quiet=True,
          max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024)   # past that, refused unread
    return 0


def analyze_file(args) -> int:
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
    else:
        print_report(report, colour=sys.stdout.isatty())
    return 0


def _looks_like_html(raw: str) -> bool:
    head = raw.lstrip()[:500].lower()
    return head.startswith(("<!doctype", "<html")) or "<body" in head or "<p>" in head


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
