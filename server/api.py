"""HTTP API: /api/health and /api/analyze. Validates requests and turns every failure into JSON a person can read."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from . import __version__
from .limits import TIMEOUT_MESSAGE
from .memory import release_memory
from .report import SCHEMA_VERSION
from .workers import Busy, Crashed, TimedOut

api = Blueprint("api", __name__, url_prefix="/api")
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}
# Loupe's extension id: fixed by the public key in extension/manifest.json ("key"); tests/test_security.py checks
# that the two agree. Other Chrome extensions are served only when named in LOUPE_EXTENSION_IDS (development).
EXTENSION_ID = "eaoaiejnpighidjioddfidlmjboafbpi"
FIREFOX_SCHEME = "moz-extension://"   # Firefox gives each install its own random id: any, for now
INTERNAL_MESSAGE = "Loupe could not analyse this page because of an internal error."
BUSY_RETRY_AFTER = 2   # seconds: about what a page takes at the median, with the queue full


def error(status: int, code: str, message: str):
    response = jsonify({"error": {"code": code, "message": message}, "status": status})
    response.status_code = status
    return response


def install_guards(app: Flask) -> None:
    """Serve only this machine's own clients, and answer every error as JSON."""

    @app.before_request
    def only_loopback_clients():
        host = (request.host or "").lower()
        hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        allowed = app.config.get("ALLOWED_HOSTS") or LOOPBACK_NAMES
        if hostname not in allowed:
            # a web page that rebinds its own DNS name to 127.0.0.1 arrives with its own name here
            return error(403, "bad_host", f"Loupe only answers requests addressed to 127.0.0.1 or localhost, not '{host}'.")
        origin = request.headers.get("Origin")
        extension = bool(origin) and _loupe_extension(origin, app.config.get("EXTENSION_IDS") or ())
        # "null": a sandboxed frame, a file:// page or a redirected form post; cross-site fetch metadata: a web page
        cross_site = request.headers.get("Sec-Fetch-Site", "none") not in ("none", "same-origin")
        if origin and not extension and not _same_origin(origin, host) or cross_site and not extension:
            return error(403, "bad_origin", "Loupe only answers its own extension and programs on this machine, "
                                            f"not web pages or other extensions (this request came from {origin or 'another site'}).")
        return None

    @app.teardown_request
    def give_memory_back(_exc):
        release_memory()   # the request's body and its report are freed by now

    @app.after_request
    def hardening_headers(response):
        # nothing Loupe answers is for a page to sniff, cache or embed
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            404: "No such address. Loupe serves POST /api/analyze and GET /api/health.",
            405: f"{request.method} is not allowed here.",
            413: f"The page is too large: Loupe reads pages up to {app.config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} MB.",
        }
        return error(exc.code or 500, (exc.name or "error").lower().replace(" ", "_"),
                     messages.get(exc.code, exc.description or exc.name))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # never a traceback to the client; the log says what failed, never the page
        app.logger.error("analysis failed: %s", type(exc).__name__)
        return error(500, "internal", INTERNAL_MESSAGE)


def _loupe_extension(origin: str, extra_ids) -> bool:
    """Loupe's own Chrome extension (its pinned id, or an id configured for development), or a Firefox extension."""
    if origin.startswith(FIREFOX_SCHEME):
        return True
    ids = {EXTENSION_ID, *extra_ids}
    return origin.startswith("chrome-extension://") and origin[len("chrome-extension://"):] in ids


def _same_origin(origin: str, host: str) -> bool:
    """The demo page served by Loupe itself posts with its own origin."""
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() == host


@api.get("/health")
def health():
    return jsonify({"status": "ok", "name": "loupe", "version": __version__, "schema": SCHEMA_VERSION})


@api.post("/analyze")
def analyze_endpoint():
    if request.mimetype != "application/json":   # not "application/*+json": only what Loupe's clients send
        return error(415, "not_json", "Send the page as JSON (Content-Type: application/json): "
                                      '{"url": ..., "html": ...} or {"text": ...}.')
    try:
        payload = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):   # not JSON, bad UTF-8, or nested too deep to read
        payload = None
    if payload is None:
        return error(400, "bad_json", "The request body is not valid JSON.")
    if not isinstance(payload, dict):
        return error(400, "bad_json", 'The JSON body must be an object: {"url": ..., "html": ...} or {"text": ...}.')
    fields = {name: payload.get(name) for name in ("html", "text", "url")}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            return error(400, "bad_field", f"'{name}' must be a string.")
    if fields["html"] is None and fields["text"] is None:
        return error(400, "missing_field", "Send the page's HTML in 'html' (with its 'url') or plain text in 'text'.")
    pool = current_app.extensions["loupe_pool"]
    try:
        outcome, value = pool.run(fields["html"], fields["text"], fields["url"], current_app.config["ANALYSIS_TIMEOUT"])
    except Busy:
        response = error(503, "busy", "Loupe is busy with other pages; try again in a moment.")
        response.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
    except TimedOut:
        return error(503, "timeout", TIMEOUT_MESSAGE)
    except Crashed as exc:
        current_app.logger.error("analysis failed: %s", exc)
        return error(500, "internal", INTERNAL_MESSAGE)
    if outcome == "error":
        code, message, status = value
        return error(status, code, message)
    return jsonify(value)
