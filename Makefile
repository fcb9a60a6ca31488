# Bilateral Ties Viewer: `make run` sets up and opens the viewer; `make test` sets up
# and runs every check CI runs. Both create .venv on first use. `make run` installs only
# what the app needs at run time; `make test` adds the test tools (the `test` extra).
PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint setup system-deps clean screenshot

setup: $(STAMP)

# The runtime install; a newer pyproject.toml redoes it (and so the test install too,
# which depends on it: a venv made by `make run` gets the test tools at `make test`).
$(STAMP): pyproject.toml
	bash scripts/system-deps.sh --build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

run: $(STAMP)
	$(BIN)/timeline-app

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/images \
		--event ind-vnm-2016-09-comprehensive-partnership
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py docs/images \
		--from 2021-11-20 --to 2021-12-20 --name december-2021 \
		--event ind-rus-2021-12-06-first-2plus2-dialogue

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
