# The two commands: `make demo` and `make test`. Both set everything up first.
# Recipes run from the repo root; every line must succeed or make stops there.

VENV := .venv
BIN  := $(VENV)/bin
DEMO_DATA := demo-data

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
	$(BIN)/kiosk --data-dir $(DEMO_DATA) init
	@# seed once: seed-demo adds more records on every run
	@if [ -e $(DEMO_DATA)/.seeded ]; then echo "demo data already seeded ('make clean' starts over)"; \
	else echo "$(BIN)/kiosk --data-dir $(DEMO_DATA) seed-demo --workers 300 --jobs 80"; \
	    $(BIN)/kiosk --data-dir $(DEMO_DATA) seed-demo --workers 300 --jobs 80 \
	    && touch $(DEMO_DATA)/.seeded; fi
	$(BIN)/kiosk --data-dir $(DEMO_DATA) status
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	    echo "$(BIN)/kiosk --data-dir $(DEMO_DATA) run --role terminal,board --windowed 1600x900  (Ctrl+Q quits)"; \
	    $(BIN)/kiosk --data-dir $(DEMO_DATA) run --role terminal,board --windowed 1600x900; \
	else echo "no display: the windows need X or Wayland (bench/screenshots.py draws them offscreen)"; fi

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
