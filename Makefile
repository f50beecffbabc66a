# The two commands: `make demo` and `make test`. Each sets up .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The hub tests' proxy, from the npm registry at the versions in its package-lock.json.
HUB_PROXY := tests/integration/hub/node_modules/.bin/configurable-http-proxy

.PHONY: demo test bench setup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(HUB_PROXY): tests/integration/hub/package-lock.json
	cd tests/integration/hub && npm ci --no-audit --no-fund
	touch $(HUB_PROXY)

setup: $(STAMP) $(HUB_PROXY)

demo: $(STAMP)
	$(BIN)/journal demo demo-journal --force

test: $(STAMP) $(HUB_PROXY)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) demo-journal build *.egg-info tests/integration/hub/node_modules
