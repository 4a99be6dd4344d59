"""`loupe autostart on|off|status`: start Loupe's server when the reader logs in, so nothing has to be typed after
the install.

- Linux: a systemd user unit, ~/.config/systemd/user/loupe.service, enabled and started with
  `systemctl --user enable --now loupe.service` where systemd runs (otherwise Loupe says what to run).
- macOS: a LaunchAgent, ~/Library/LaunchAgents/org.loupe.server.plist, loaded with `launchctl load -w`.
- Windows: loupe.cmd in the Startup folder (%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup), which
  starts the server with pythonw (no window).

Each starts this Python (the venv's, or the one pip installed Loupe into) with `-m server serve --port P`.
`off` undoes `on`: it stops and disables the service, removes the file and the folders `on` made that are empty
again, so the home is left as it was. The writers take the home folder as an argument (the tests give them a
temporary one); $LOUPE_AUTOSTART_FILES_ONLY=1 writes and removes the files without running systemctl/launchctl or
starting anything.
"""
from __future__ import annotations

import os
import platform
import plistlib
import shutil
import site
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path, PureWindowsPath

from . import DEFAULT_PORT

SERVICE = "loupe.service"
LABEL = "org.loupe.server"
HEADER = "Written by `loupe autostart on`; `loupe autostart off` removes it."


# ---- what to start ----------------------------------------------------------------------------------------------

def server_command(port: int = DEFAULT_PORT, python: str | None = None) -> list[str]:
    """The command that starts the server: this interpreter (not resolved: a venv's python is a symlink)."""
    return [python or os.path.abspath(sys.executable), "-m", "server", "serve", "--port", str(port)]


def working_directory() -> Path | None:
    """The folder to start in: None when `server` is installed (importable from anywhere), else the checkout."""
    parent = Path(__file__).resolve().parent.parent
    installed = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")} | set(site.getsitepackages())
    if site.ENABLE_USER_SITE and site.getusersitepackages():
        installed.add(site.getusersitepackages())
    return None if any(_same(parent, p) for p in installed) else parent


def _same(a: Path, b: str) -> bool:
    try:
        return a == Path(b).resolve()
    except OSError:
        return False


# ---- Linux: a systemd user unit ---------------------------------------------------------------------------------

def linux_unit_path(home: Path, config_home: str | None = None) -> Path:
    """~/.config/systemd/user/loupe.service, or under $XDG_CONFIG_HOME when that is set (systemd reads it there)."""
    config = Path(config_home) if config_home and os.path.isabs(config_home) else Path(home) / ".config"
    return config / "systemd" / "user" / SERVICE


def _systemd_word(arg: str) -> str:
    """One argument of ExecStart=: specifiers (%) and variables ($) doubled, quoted when it holds a space or quote."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if any(c.isspace() or c in "\"'\\;" for c in arg):
        arg = '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return arg


def linux_unit(command: list[str], workdir: Path | None = None) -> str:
    lines = [
        f"# Loupe: the local server of the Loupe browser extension. {HEADER}",
        "[Unit]",
        "Description=Loupe local server (uncited and emotive sentences in news articles)",
        "",
        "[Service]",
        "Type=simple",
        "ExecStart=" + " ".join(_systemd_word(a) for a in command),
    ]
    if workdir:
        lines.append("WorkingDirectory=" + str(workdir).replace("%", "%%"))
    lines += [
        "Environment=PYTHONUNBUFFERED=1",
        "Restart=on-failure",
        "RestartSec=5",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ]
    return "\n".join(lines)


# ---- macOS: a LaunchAgent ---------------------------------------------------------------------------------------

def mac_plist_path(home: Path) -> Path:
    return Path(home) / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def mac_plist(command: list[str], workdir: Path | None = None) -> bytes:
    agent = {
        "Label": LABEL,
        "ProgramArguments": command,
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},   # restarted if it crashes, not when stopped
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
        "ProcessType": "Background",
    }
    if workdir:
        agent["WorkingDirectory"] = str(workdir)
    return plistlib.dumps(agent)


# ---- Windows: the Startup folder --------------------------------------------------------------------------------

def windows_startup_path(home: Path, appdata: str | None = None) -> Path:
    roaming = Path(appdata) if appdata else Path(home) / "AppData" / "Roaming"
    return roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "loupe.cmd"


def _cmd_word(arg: str, always: bool = False) -> str:
    """One argument of a .cmd line: % doubled, quoted when it holds a space or a character cmd reads."""
    arg = arg.replace("%", "%%")
    return f'"{arg}"' if always or any(c.isspace() or c in "&|<>^()" for c in arg) else arg


def windows_script(command: list[str], workdir: Path | None = None) -> str:
    exe = PureWindowsPath(command[0])
    if exe.name.lower() == "python.exe":   # pythonw.exe is beside it in every Windows install and venv: no window
        command = [str(exe.with_name("pythonw.exe")), *command[1:]]
    lines = ["@echo off", f"rem Loupe: starts the local server at login. {HEADER}"]
    if workdir:
        lines.append("cd /d " + _cmd_word(str(workdir), always=True))
    lines.append('start "Loupe" /b ' + " ".join(_cmd_word(a, always=(i == 0)) for i, a in enumerate(command)))
    return "\r\n".join(lines) + "\r\n"


# ---- writing and removing ---------------------------------------------------------------------------------------

def autostart_file(system: str, home: Path, appdata: str | None = None) -> Path:
    """The file `on` writes: `appdata` is %APPDATA% on Windows, $XDG_CONFIG_HOME on Linux (None: under home)."""
    if system == "Darwin":
        return mac_plist_path(home)
    if system == "Windows":
        return windows_startup_path(home, appdata)
    return linux_unit_path(home, appdata)


def write(system: str, home: Path, port: int = DEFAULT_PORT, python: str | None = None,
          appdata: str | None = None) -> Path:
    """Writes the autostart file for `system` ("Linux", "Darwin", "Windows") under `home`; returns its path."""
    command, workdir = server_command(port, python), working_directory()
    path = autostart_file(system, home, appdata)
    path.parent.mkdir(parents=True, exist_ok=True)
    if system == "Darwin":
        path.write_bytes(mac_plist(command, workdir))
    elif system == "Windows":
        path.write_bytes(windows_script(command, workdir).encode("utf-8"))
    else:
        path.write_text(linux_unit(command, workdir), encoding="utf-8")
    return path


def remove(system: str, home: Path, appdata: str | None = None) -> Path | None:
    """Removes the autostart file and the folders above it, up to the home, that are left empty; returns the path
    removed, or None when there was none."""
    path = autostart_file(system, home, appdata)
    if not path.exists() and not path.is_symlink():
        return None
    path.unlink()
    home = Path(home).resolve()
    folder = path.parent
    while folder.resolve() != home and home in folder.resolve().parents:
        try:
            folder.rmdir()   # only if empty
        except OSError:
            break
        folder = folder.parent
    return path


# ---- the command ------------------------------------------------------------------------------------------------

def _files_only() -> bool:
    return os.environ.get("LOUPE_AUTOSTART_FILES_ONLY", "") not in ("", "0")


def _systemd_running() -> bool:
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def _run(*args: str) -> tuple[bool, str]:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def answering(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False


def command(action: str, port: int = DEFAULT_PORT) -> int:
    system, home = platform.system(), Path.home()
    appdata = os.environ.get("APPDATA" if system == "Windows" else "XDG_CONFIG_HOME")
    act = not _files_only()
    if action == "on":
        path = write(system, home, port, appdata=appdata)
        print(f"Loupe will start when you log in: wrote {path}")
        if system == "Linux":
            enable = ("systemctl", "--user", "enable", "--now", SERVICE)
            if act and _systemd_running():
                _run("systemctl", "--user", "daemon-reload")
                ok, said = _run(*enable)
                print("started it now, and at every login (systemctl --user)." if ok else
                      f"systemctl --user could not enable it ({said or 'no answer'}); run: {' '.join(enable)}")
            elif act:
                print(f"systemd is not running here: to start it at login, run `{' '.join(enable)}` where it is, "
                      f"or start `{' '.join(server_command(port))}` from your session's startup programs.")
            else:
                print(f"(files only) to enable and start it, run: {' '.join(enable)}")
        elif system == "Darwin" and act:
            ok, said = _run("launchctl", "load", "-w", str(path))
            print("started it now (launchctl)." if ok else f"launchctl said: {said}; run: launchctl load -w {path}")
        elif system == "Windows" and act:
            os.startfile(str(path))   # noqa: the Startup script itself, now
            print("started it now.")
        return 0
    if action == "off":
        path = autostart_file(system, home, appdata)
        if system == "Linux" and act and _systemd_running() and path.exists():
            _run("systemctl", "--user", "disable", "--now", SERVICE)
        elif system == "Darwin" and act and path.exists():
            _run("launchctl", "unload", "-w", str(path))
        removed = remove(system, home, appdata)
        if removed:
            print(f"Loupe will no longer start when you log in: removed {removed}")
            if system == "Windows":
                print("The server running now stops when you log out.")
        else:
            print("Loupe was not set to start at login.")
        return 0
    # status
    path = autostart_file(system, home, appdata)
    print(f"autostart: {'on' if path.exists() else 'off'} ({path})")
    if system == "Linux" and act and _systemd_running() and path.exists():
        print(f"systemd: {_run('systemctl', '--user', 'is-enabled', SERVICE)[1] or '?'}, "
              f"{_run('systemctl', '--user', 'is-active', SERVICE)[1] or '?'}")
    print(f"server: {'answering' if answering(port) else 'not answering'} at http://127.0.0.1:{port}/")
    return 0
