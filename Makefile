PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	rm -f newsgraph.db newsgraph.db-wal newsgraph.db-shm
	$(BIN)/newsgraph ingest examples --db newsgraph.db
	$(BIN)/newsgraph stats --db newsgraph.db

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) newsgraph.db newsgraph.db-wal newsgraph.db-shm
