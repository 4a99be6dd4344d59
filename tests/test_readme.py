"""The README a stranger can follow: every code block in it runs offline, or is marked, and says what Loupe does.

A block is preceded by a marker the test reads:
- none, on a ```sh block: each command in it is run from the repository's folder (`loupe` is the checkout's
  command) and must succeed;
- `<!-- readme-test: skip (why) -->`: it cannot run here (it starts a server, installs, needs the dev data);
- `<!-- readme-test: output of COMMAND -->`: every line of the block is in what COMMAND prints;
- `<!-- readme-test: api answer for FILE -->`: the API's answer for {"text": FILE}; its offsets, texts, title,
  source and counts are compared with what the server returns.
A ```text block is a picture (diagram, layout), not code. The layout's paths must exist."""
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"(?:<!-- readme-test: (?P<marker>.*?) -->\n)?```(?P<lang>[a-z]*)\n(?P<body>.*?)\n```", re.S)
BLOCKS = [(m["marker"] or "", m["lang"], m["body"], README.count("\n", 0, m.start()) + 1) for m in BLOCK.finditer(README)]
RUN = [(body, line) for marker, lang, body, line in BLOCKS if lang == "sh" and not marker]


def test_every_block_is_run_or_marked():
    assert len(BLOCKS) == README.count("```") // 2
    for marker, lang, body, line in BLOCKS:
        assert lang == "text" or lang == "sh" or marker, f"README line {line}: a ```{lang} block with no readme-test marker"
        assert not marker or re.match(r"skip \(.+\)$|output of \S|api answer for \S", marker), f"line {line}: {marker}"
    assert RUN, "no runnable block"


def commands(body: str) -> list[str]:
    """The block's commands, without their trailing comments."""
    out = []
    for line in body.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(re.sub(r"\s+#\s.*$", "", line).strip())
    return out


@pytest.fixture(scope="module")
def shell_env(tmp_path_factory):
    """PATH with a `loupe` that is the checkout's (the installed one is tested in test_package.py); the venv's python."""
    bindir = tmp_path_factory.mktemp("bin")
    loupe = bindir / "loupe"
    loupe.write_text(f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(ROOT))} exec {shlex.quote(sys.executable)} -m server \"$@\"\n")
    loupe.chmod(0o755)
    return {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}


def run(command: str, env) -> subprocess.CompletedProcess:
    # `.venv/bin/python` is the python running these tests (the project venv under `make test`)
    command = command.replace(".venv/bin/python", shlex.quote(sys.executable))
    return subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("body,line", RUN, ids=[f"line{line}" for _, line in RUN])
def test_sh_block_runs(body, line, shell_env):
    for command in commands(body):
        done = run(command, shell_env)
        assert done.returncode == 0, f"README line {line}: {command}\n{done.stderr}"
        assert done.stdout.strip(), f"README line {line}: {command} printed nothing"
        assert "Traceback" not in done.stderr


def test_outputs_shown_are_what_the_command_prints(shell_env):
    shown = [(marker[len("output of "):], body) for marker, _, body, _ in BLOCKS if marker.startswith("output of ")]
    assert shown
    for command, body in shown:
        done = run(command, shell_env)
        assert done.returncode == 0, done.stderr
        printed = done.stdout.splitlines()
        for line in body.splitlines():
            assert line in printed, f"{line!r} is not printed by {command}"


def test_api_answer_matches_the_server():
    from server import create_app

    (marker, body), = [(m, b) for m, _, b, _ in BLOCKS if m.startswith("api answer for ")]
    fixture = ROOT / marker[len("api answer for "):]
    answer = create_app().test_client().post("/api/analyze", json={"text": fixture.read_text(encoding="utf-8")})
    assert answer.status_code == 200
    report = answer.get_json()
    text = report["text"]
    assert f'"schema": {report["schema"]},' in body
    assert f'"title": {json.dumps(report["title"], ensure_ascii=False)},' in body
    assert f'"counts": {json.dumps(report["counts"])}' in body
    # every span the README prints: text[start:end] is its text
    spans = re.findall(r'\{"start": (\d+), "end": (\d+), "text": ("(?:[^"\\]|\\.)*")\}', body)
    assert len(spans) >= 2
    for start, end, quoted in spans:
        assert text[int(start):int(end)] == json.loads(quoted), (start, end, quoted)
    # the sentence shown, with its offsets
    sentence_text, start, end = re.search(r'"text": ("(?:[^"\\]|\\.)*"),\n\s*"start": (\d+), "end": (\d+)', body).groups()
    sentence = next(s for s in report["sentences"] if s["text"] == json.loads(sentence_text))
    assert (sentence["start"], sentence["end"]) == (int(start), int(end))
    flag = sentence["flags"][0]
    assert f'"rule": "{flag["rule"]}"' in body and f'"reason": {json.dumps(flag["reason"])}' in body
    first_cue = flag["spans"][0]
    assert f'"spans": [{{"start": {first_cue["start"]}, "end": {first_cue["end"]}, "text": "{first_cue["text"]}"}}, ...]' in body
    evidence = sentence["evidence"][0]
    assert f'"cue": "{evidence["cue"]}"' in body
    assert f'"source": {json.dumps(evidence["source"], ensure_ascii=False)}' in body
    assert f'"claim": "{sentence["claim"]}"' in body
    strength = sentence["claim_strength"]
    assert (f'"claim_strength": {{"score": {strength["score"]}, "tier": "{strength["tier"]}", '
            f'"reason": "{strength["reason"]}"}}') in body
    assert f'"emotive_score": {sentence["emotive_score"]}' in body
    # the first block
    block = report["blocks"][0]
    assert f'"start": {block["start"]}, "end": {block["end"]}, "level": {block["level"]}' in body


def test_health_example_matches_the_server():
    from server import create_app

    health = create_app().test_client().get("/api/health").get_json()
    assert f"`GET /api/health` → `{json.dumps(health)}`" in README


def test_layout_names_paths_that_exist():
    layout = README[README.index("## Layout"):]
    body = layout[layout.index("```text\n") + 8:layout.index("\n```", layout.index("```text"))]
    named = [line.split()[0] for line in body.splitlines() if line and not line[0].isspace()]
    for entry in named:
        for path in entry.split(","):
            if path.strip():
                assert (ROOT / path.strip()).exists(), f"the layout names {path}, which does not exist"
    # every top-level folder of the repository and every module of server/ is in it
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    folders = {p.split("/")[0] for p in tracked if "/" in p}
    for folder in folders:
        assert f"{folder}/" in body, f"the layout does not name {folder}/"
    for module in (ROOT / "server").glob("*.py"):
        assert module.name in body, f"the layout does not name server/{module.name}"
