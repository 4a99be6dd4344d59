"""`loupe autostart on|off|status`: the file each system gets (written into a temporary home), and `on`, `status`,
`off` leaving the home as it was."""
import os
import plistlib
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from server import autostart

ROOT = Path(__file__).resolve().parents[1]


def snapshot(home: Path) -> dict:
    """Every file and folder under home, with the files' bytes."""
    return {str(p.relative_to(home)): (p.read_bytes() if p.is_file() else None) for p in sorted(home.rglob("*"))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_linux_unit_starts_this_python(tmp_path):
    path = autostart.write("Linux", tmp_path, port=9123)
    assert path == tmp_path / ".config/systemd/user/loupe.service"
    unit = path.read_text()
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert exec_start == f"ExecStart={os.path.abspath(sys.executable)} -m server serve --port 9123"
    assert "\n[Install]\nWantedBy=default.target\n" in unit and "Restart=on-failure" in unit
    # run from a checkout (server/ is not installed), it starts in the checkout
    assert f"WorkingDirectory={ROOT}" in unit
    assert autostart.remove("Linux", tmp_path) == path
    assert snapshot(tmp_path) == {}


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="no systemd-analyze")
def test_linux_unit_passes_systemd_analyze_verify(tmp_path):
    path = autostart.write("Linux", tmp_path)
    done = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60)
    if "Failed to initialize manager" in done.stderr:
        pytest.skip("systemd-analyze cannot run here")
    assert done.returncode == 0, done.stderr
    assert "loupe.service" not in done.stderr, done.stderr


def test_systemd_quoting():
    unit = autostart.linux_unit(["/home/a b/py%thon", "-m", "server", "serve"], Path("/srv/100%"))
    assert 'ExecStart="/home/a b/py%%thon" -m server serve' in unit
    assert "WorkingDirectory=/srv/100%%" in unit


def test_mac_launch_agent(tmp_path):
    path = autostart.write("Darwin", tmp_path, port=8765, python="/Users/r/.venv/bin/python")
    assert path == tmp_path / "Library/LaunchAgents/org.loupe.server.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.loupe.server"
    assert agent["ProgramArguments"] == ["/Users/r/.venv/bin/python", "-m", "server", "serve", "--port", "8765"]
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    autostart.remove("Darwin", tmp_path)
    assert snapshot(tmp_path) == {}


def test_windows_startup_script(tmp_path):
    python = r"C:\Users\Ann Lee\loupe\Scripts\python.exe"
    path = autostart.write("Windows", tmp_path, port=8765, python=python)
    assert path == tmp_path / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/loupe.cmd"
    script = path.read_bytes().decode()
    assert script.startswith("@echo off\r\n") and script.endswith("\r\n")
    assert ('start "Loupe" /b "C:\\Users\\Ann Lee\\loupe\\Scripts\\pythonw.exe" -m server serve --port 8765\r\n'
            in script)
    # %APPDATA% when Windows names it
    other = tmp_path / "Roaming"
    assert autostart.windows_startup_path(tmp_path, str(other)).parent == other / "Microsoft/Windows/Start Menu/Programs/Startup"
    autostart.remove("Windows", tmp_path)
    assert snapshot(tmp_path) == {}


def test_xdg_config_home(tmp_path):
    config = tmp_path / "conf"
    assert autostart.linux_unit_path(tmp_path, str(config)) == config / "systemd/user/loupe.service"
    assert autostart.linux_unit_path(tmp_path, "relative") == tmp_path / ".config/systemd/user/loupe.service"


def test_remove_keeps_what_was_there(tmp_path):
    (tmp_path / ".config/systemd/user").mkdir(parents=True)
    (tmp_path / ".config/systemd/user/other.service").write_text("[Unit]\n")
    before = snapshot(tmp_path)
    autostart.write("Linux", tmp_path)
    autostart.remove("Linux", tmp_path)
    assert snapshot(tmp_path) == before
    assert autostart.remove("Linux", tmp_path) is None   # off twice: nothing to do


@pytest.mark.skipif(sys.platform != "linux", reason="the command writes this system's file: Linux's here")
def test_on_status_off_leaves_the_home_as_it_was(tmp_path):
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    (home / ".config/settings.ini").write_text("keep me\n")
    before = snapshot(home)
    env = {**os.environ, "HOME": str(home), "LOUPE_AUTOSTART_FILES_ONLY": "1"}
    env.pop("XDG_CONFIG_HOME", None)
    port = str(free_port())

    def loupe(*args):
        done = subprocess.run([sys.executable, "-m", "server", "autostart", *args, "--port", port], cwd=tmp_path,
                              env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "autostart: off" in loupe("status")
    said = loupe("on")
    assert "wrote" in said and (home / ".config/systemd/user/loupe.service").is_file()
    assert "systemctl --user enable --now loupe.service" in said   # files only: says what to run
    status = loupe("status")
    assert "autostart: on" in status and "not answering" in status
    assert "removed" in loupe("off")
    assert snapshot(home) == before
