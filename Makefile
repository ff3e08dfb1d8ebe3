# The two commands: `make demo` and `make test`. Both set everything up first.
# Recipes run from the repo root; every line must succeed or make stops there.

VENV := .venv
BIN  := $(VENV)/bin
DEMO_DATA := demo-data
DEMO_PORT ?= 8765

.PHONY: all bootstrap test demo bench clean

all: test

bootstrap:
	bash scripts/bootstrap.sh

test: bootstrap
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

demo: bootstrap
	$(BIN)/kiosk demo --dir $(DEMO_DATA) --port $(DEMO_PORT)

# Every bench/*.py except helpers whose names start with "_" and screenshots.py (pictures,
# not figures); stops at the first failure.
bench: bootstrap
	@set -e; found=0; \
	for f in bench/*.py; do \
	    [ -e "$$f" ] || continue; \
	    case "$${f##*/}" in _*|screenshots.py) continue ;; esac; \
	    found=1; echo "== $$f"; \
	    QT_QPA_PLATFORM=offscreen PYTHONPATH=. $(BIN)/python "$$f"; \
	done; \
	[ "$$found" = 1 ] || echo "no benchmarks in bench/"

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache \
	       build dist $(DEMO_DATA)
