# Bilateral Ties Viewer: `make run` sets up and opens the viewer; `make test` sets up
# and runs every check CI runs. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint setup system-deps clean screenshot

setup: $(STAMP)

$(STAMP): pyproject.toml
	bash scripts/system-deps.sh --build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/timeline-app

lint: $(STAMP)
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
