PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# The browser tests drive Debian's Chromium (Playwright downloads no browser here).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph ingest examples --db newsgraph.db
	@echo
	@$(BIN)/newsgraph stats --db newsgraph.db
	@echo
	@$(BIN)/newsgraph entities --db newsgraph.db --top 10
	@echo
	@$(BIN)/newsgraph speakers --db newsgraph.db --top 10
	@echo
	@echo "The web UI: http://127.0.0.1:$(PORT)/  (API docs at /docs; Ctrl-C stops the server)"
	@$(BIN)/newsgraph serve --db newsgraph.db --port $(PORT)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) newsgraph.db newsgraph.db-wal newsgraph.db-shm
