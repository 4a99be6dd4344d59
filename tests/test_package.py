"""The Python package: one version everywhere, and a wheel that installs a working `loupe` command.

The wheel is built offline from a copy of the files it is made of (setuptools from requirements-dev.txt, no build
isolation) and installed without its dependencies into a temporary venv that sees the project venv's packages, so
the test downloads nothing."""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import server

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests/fixtures/cli/harbour.txt"
# what the wheel is built from (pyproject.toml, setup.py and MANIFEST.in say how)
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "requirements.txt", "server", "extension")


def test_one_version():
    manifest = json.loads((ROOT / "extension/manifest.json").read_text())
    assert manifest["version"] == server.__version__
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'version = { attr = "server.__version__" }' in pyproject and 'dynamic = ["version", "dependencies"]' in pyproject
    assert 'dependencies = { file = ["requirements.txt"] }' in pyproject


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, the temporary venv's bin folder, a folder outside the checkout)."""
    tmp = tmp_path_factory.mktemp("package")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        kwargs = {"ignore": shutil.ignore_patterns("__pycache__", "*.pyc", "_extension")} if (ROOT / name).is_dir() else {}
        copy(ROOT / name, src / name, **kwargs)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                            "--no-index", "-w", str(tmp / "dist")], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = next((tmp / "dist").glob("loupe-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the project venv's packages (the dependencies, and pip) after the temporary venv's own
    Path(site, "project-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    away = tmp / "elsewhere"
    away.mkdir()
    return wheel, bindir, away


def run(bindir, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(bindir / "loupe"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_wheel_carries_the_data(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    lexicons = {str(p.relative_to(ROOT)).replace(os.sep, "/") for p in (ROOT / "server/lexicons").rglob("*.yml")}
    assert lexicons and lexicons <= names
    assert {"server/shared.json", "server/models/checkworthy.json", "server/static/demo/index.html",
            "server/static/demo/sample-article.html"} <= names
    extension = {"server/_extension/" + str(p.relative_to(ROOT / "extension")).replace(os.sep, "/")
                 for p in (ROOT / "extension").rglob("*") if p.is_file()}
    assert "server/_extension/manifest.json" in extension and extension <= names
    assert not any(n.startswith(("tests/", "eval/", "bench/", "train/", "scripts/")) for n in names)


def test_loupe_runs_from_any_folder(installed):
    _, bindir, away = installed
    version = run(bindir, "--version", cwd=away)
    assert version.returncode == 0 and version.stdout.strip() == f"Loupe {server.__version__}"
    out = run(bindir, "analyze", str(ARTICLE), cwd=away)
    assert out.returncode == 0, out.stderr
    assert "uncited [citation.uncited.number]: states a number" in out.stdout
    assert out.stdout.strip().splitlines()[-1].endswith("7 sentences: 1 uncited, 2 emotive")
    helped = run(bindir, "--help", cwd=away)
    assert helped.returncode == 0 and "autostart" in helped.stdout and helped.stdout.startswith("usage: loupe")


def test_installed_demo_serves_the_extension_copy(installed):
    _, bindir, away = installed
    script = ("import server, server.demo as d; app = server.create_app(); c = app.test_client(); "
              "r = c.get('/loupe/mapping.js'); print(d.EXTENSION); print(r.status_code, len(r.data)); "
              "print(c.get('/').status_code, c.get('/demo/sample-article.html').status_code)")
    done = subprocess.run([str(bindir / "python"), "-c", script], cwd=away, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    folder, served, pages = done.stdout.strip().splitlines()
    assert Path(folder).parts[-2:] == ("server", "_extension") and str(ROOT) not in folder
    assert served == f"200 {(ROOT / 'extension/mapping.js').stat().st_size}"
    assert pages == "200 200"
