import json
from pathlib import Path

import pytest

from server import create_app

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    # the test client addresses "localhost" like the CLI and the extension do
    return app.test_client()


def post_json(client, body, **kwargs):
    return client.post("/api/analyze", data=json.dumps(body), content_type="application/json", **kwargs)
