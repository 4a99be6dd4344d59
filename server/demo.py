"""Demo page at /: paste text or HTML (or open the sample article) and see Loupe's highlights in the browser.

The page draws with the extension's own drawing scripts (SCRIPTS, in load order) and highlight.css, served from the
extension folder, so the demo and the extension cannot drift apart: extension/ beside server/ in a checkout, or the
copy a wheel carries (server/_extension, made from extension/ at build time by setup.py).
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

STATIC = Path(__file__).parent / "static" / "demo"


def extension_folder() -> Path:
    """The extension's folder: the checkout's extension/, else the installed package's copy."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "extension"
    return checkout if (checkout / "manifest.json").is_file() else here / "_extension"


EXTENSION = extension_folder()
# The extension's highlighting, in the order every page loads it (also background.js and the demo's index.html)
SCRIPTS = ("shared.js", "mapping.js", "draw.js", "tooltip.js", "export.js", "panel.js")
SHARED_FILES = {*SCRIPTS, "highlight.css"}   # the only extension files the demo needs (and serves)

# Everything the demo loads comes from this server; nothing inline, no frames, no plugins, no form posts.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

demo = Blueprint("demo", __name__)


@demo.after_request
def security_headers(response):
    # nosniff and no-store come with every answer of the server (api.install_guards)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@demo.get("/")
def index():
    return send_from_directory(STATIC, "index.html", mimetype="text/html")


@demo.get("/demo/<path:name>")
def demo_file(name: str):
    return send_from_directory(STATIC, name)


@demo.get("/loupe/<name>")
def shared_file(name: str):
    if name not in SHARED_FILES:
        abort(404)
    return send_from_directory(EXTENSION, name)


@demo.get("/favicon.ico")
def favicon():
    return send_from_directory(EXTENSION / "icons", "icon32.png", mimetype="image/png")
