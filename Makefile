PYTHON ?= $(shell command -v python3.11 || command -v python3)
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
	$(BIN)/newsgraph ingest examples --db newsgraph.db
	@echo
	@$(BIN)/newsgraph stats --db newsgraph.db
	@echo
	@$(BIN)/newsgraph entities --db newsgraph.db --top 10
	@echo
	@$(BIN)/newsgraph speakers --db newsgraph.db --top 10

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) newsgraph.db newsgraph.db-wal newsgraph.db-shm
