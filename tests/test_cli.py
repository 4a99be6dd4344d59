"""The command line: `python -m server analyze` on files and stdin, and `python -m server serve`."""
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests/fixtures/cli/harbour.txt"


def loupe(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_analyze_prints_a_readable_report():
    out = loupe("analyze", str(ARTICLE))
    assert out.returncode == 0, out.stderr
    assert "The Heroic Fight for Harbour Town's Ferry" in out.stdout
    assert "uncited [citation.uncited.number]: states a number" in out.stdout   # "every year since 2019"
    assert "'devastating' [emotive.exaggeration.devastating]" in out.stdout      # each cue with its rule id
    assert "puffery: 'heroic'" in out.stdout.replace("Heroic", "heroic")
    assert "cited (marker): [0] → \"Council cuts ferry timetable\" Harbour Gazette" in out.stdout
    summary = out.stdout.strip().splitlines()[-1]
    assert summary.endswith("1 uncited, 2 emotive"), summary


def test_analyze_json_and_stdin_give_the_same_report():
    from_file = json.loads(loupe("analyze", str(ARTICLE), "--json").stdout)
    from_stdin = json.loads(loupe("analyze", "-", "--json", stdin=ARTICLE.read_text()).stdout)
    assert from_file == from_stdin
    assert from_file["schema"] == 1
    assert [r["number"] for r in from_file["references"]] == ["0", "1"]
    kinds = [s["kind"] for s in from_file["sentences"]]
    assert kinds[0] == "headline" and kinds.count("reference") == 2


def test_analyze_html_from_stdin():
    html = ("<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><p>The town council voted "
            "on Tuesday to cut the ferry timetable by a third. Ferry use has fallen every year since 2019.</p>"
            "</article></body></html>")
    report = json.loads(loupe("analyze", "-", "--html", "--json", stdin=html).stdout)
    assert report["counts"]["uncited"] == 2


def test_analyze_errors_are_plain_words():
    missing = loupe("analyze", "no/such/file.html")
    assert missing.returncode == 2 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr
    empty = loupe("analyze", "-", stdin="   ")
    assert empty.returncode == 1 and "empty" in empty.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_listens_on_loopback_and_answers():
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "server", "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in banner
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5) as r:
                    assert json.load(r)["status"] == "ok"
                break
            except OSError:
                assert time.time() < deadline, "the server did not answer"
                time.sleep(0.1)
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout \
            if Path("/usr/bin/ss").exists() or Path("/bin/ss").exists() else f"127.0.0.1:{port}"
        assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_analyze_csv_has_a_row_per_flagged_sentence():
    import csv
    import io

    out = loupe("analyze", str(ARTICLE), "--csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    report = json.loads(loupe("analyze", str(ARTICLE), "--json").stdout)
    flagged = [s for s in report["sentences"] if s["flags"]]
    assert [r["text"] for r in rows] == [s["text"] for s in flagged]
    assert list(rows[0]) == ["text", "flag", "tier", "reason", "cue words", "source"]
    uncited = next(r for r in rows if r["flag"] == "uncited")
    assert uncited["text"] == "Ferry use has fallen every year since 2019."
    assert uncited["tier"] == "check-worthy" and uncited["reason"].startswith("states a number")
    heroic = next(r for r in rows if r["text"].startswith("Residents have mounted"))
    assert heroic["flag"] == "emotive" and heroic["cue words"] == "heroic; devastating"
    assert heroic["source"] == '"Ferry users protest" Coast Radio, 4 March 2026,'


def test_csv_cells_are_not_formulas():
    page = ("Formula Town\n\n=HYPERLINK(\"http://example.com\") is the most shameful scandal ever, critics say. "
            "Ferry use has fallen every year since 2019.\n")
    out = loupe("analyze", "-", "--csv", stdin=page)
    assert out.returncode == 0, out.stderr
    texts = [row[0] for row in __import__("csv").reader(out.stdout.splitlines())][1:]
    assert texts and not any(t.startswith(("=", "+", "-", "@")) for t in texts), texts


def test_version_and_help():
    assert loupe("--version").stdout.strip() == f"Loupe {__import__('server').__version__}"
    helped = loupe("--help").stdout
    assert all(word in helped for word in ("serve", "analyze", "autostart"))
