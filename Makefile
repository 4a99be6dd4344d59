# Loupe. `make run` starts the local server; `make test` runs every test (installing what they need).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8765

.PHONY: run test eval eval-record bench train browser clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) -m server serve --port $(PORT)

# Debian's Chromium for the browser tests (never a browser download of Playwright's own)
browser:
	@command -v chromium >/dev/null 2>&1 || sh tests/install-chromium.sh

test: $(VENV)/.installed-dev browser
	$(PY) -m pytest

# `make eval` fails when a headline figure falls more than 0.005 below eval/baseline.json; `make eval-record`
# (python -m eval --record [section ...]) writes the figures measured into it. A section by name: python -m eval citations
eval: $(VENV)/.installed-dev
	$(PY) -m eval

eval-record: $(VENV)/.installed-dev
	$(PY) -m eval --record

# the models in server/models/ from the data in ../shared (needs scikit-learn, a dev requirement)
train: $(VENV)/.installed-dev
	$(PY) -m train

bench: $(VENV)/.installed-dev browser
	$(PY) -m bench

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache
