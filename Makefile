# The two commands: `make demo` and `make test`. Each sets up .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The hub tests' proxy, from the npm registry at the versions in its package-lock.json.
HUB_PROXY := tests/integration/hub/node_modules/.bin/configurable-http-proxy
# axe-core for the browser tests' accessibility checks, likewise from its package-lock.json.
AXE := tests/axe/node_modules/axe-core/axe.min.js
LABSRC := $(wildcard labextension/src/*.ts labextension/style/* labextension/schema/* labextension/package.json labextension/yarn.lock)

.PHONY: demo test bench setup clean labextension

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml $(LABSRC) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(MAKE) labextension
	touch $(STAMP)

$(HUB_PROXY): tests/integration/hub/package-lock.json
	cd tests/integration/hub && npm ci --no-audit --no-fund
	touch $(HUB_PROXY)

$(AXE): tests/axe/package-lock.json
	cd tests/axe && npm ci --no-audit --no-fund
	touch $(AXE)

# The JupyterLab extension: TypeScript in labextension/, built into journal/lab/labextension/ (never
# committed). A wheel ships it as data files; an editable install (which skips data files) gets the
# same two things here: the built extension and the config that enables the server extension.
labextension: | $(BIN)/python
	@if command -v node >/dev/null 2>&1; then \
	    cd labextension && PATH="$(CURDIR)/$(BIN):$$PATH" jlpm install --immutable && PATH="$(CURDIR)/$(BIN):$$PATH" jlpm build; \
	else echo "node not found: the JupyterLab extension is not built (install node 20 and npm)"; fi
	mkdir -p $(VENV)/share/jupyter/labextensions $(VENV)/etc/jupyter/jupyter_server_config.d
	ln -sfn "$(CURDIR)/journal/lab/labextension" $(VENV)/share/jupyter/labextensions/journal-lab
	cp jupyter-config/jupyter_server_config.d/journal-lab.json $(VENV)/etc/jupyter/jupyter_server_config.d/

setup: $(STAMP) $(HUB_PROXY) $(AXE)

demo: $(STAMP)
	$(BIN)/journal demo demo-journal --force

test: $(STAMP) $(HUB_PROXY) $(AXE)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) demo-journal build *.egg-info tests/integration/hub/node_modules tests/axe/node_modules journal/lab/labextension labextension/lib labextension/node_modules
