"""Loupe's local server: reads a news page and says which sentences are uncited or emotive."""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # Flask is imported by create_app: the analysis workers never need it
    from flask import Flask

__version__ = "0.1.0"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def keep_nltk_light() -> None:
    """nltk imports scipy.stats and scikit-learn whenever they are installed (the dev venv has them for `make
    train`): two seconds at every start, for code Loupe never runs. The server's own processes (the command line
    and the analysis workers) call this before importing the pipeline, so nltk finds neither."""
    import sys
    for name in ("scipy", "sklearn"):
        sys.modules.setdefault(name, None)


def create_app(config: dict | None = None) -> Flask:
    """App factory: the API blueprint, the demo page and the request limits."""
    from flask import Flask

    from .api import api, install_guards
    from .demo import demo
    from .workers import Pool

    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=8 * 1024 * 1024,     # bytes of request body (413 past it)
        ANALYSIS_TIMEOUT=20.0,                  # seconds one analysis may take, waiting included (503 past it)
        ALLOWED_HOSTS=None,                     # None: 127.0.0.1, localhost and [::1]
        # Chrome extension ids served besides Loupe's own (a development copy): "id1,id2" in $LOUPE_EXTENSION_IDS
        EXTENSION_IDS=tuple(os.environ.get("LOUPE_EXTENSION_IDS", "").replace(",", " ").split()),
    )
    if config:
        app.config.update(config)
    app.json.sort_keys = False
    # readability logs its parse failures with the page's markup in the traceback: keep page content out of logs
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    # analyses run in worker processes, started on the first page (or by `serve` before it listens)
    app.extensions["loupe_pool"] = app.config.pop("POOL", None) or Pool()
    install_guards(app)
    app.register_blueprint(api)
    app.register_blueprint(demo)   # the demo page at /
    return app
