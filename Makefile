# The two commands of the README: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint quality clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# The rendering tests drive Debian's Chromium through scrapy-playwright (no browser download).
CHROMIUM := /usr/lib/chromium/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "the tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

# The tests of workers that share a crawl start their own Debian redis-server on a free local
# port (tests/redis_server.py); the package's own service is stopped if its install started it.
REDIS_SERVER := /usr/bin/redis-server
$(REDIS_SERVER):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; \
		service redis-server stop >/dev/null 2>&1 || true; \
	else \
		echo "the tests need Debian's redis-server: sudo apt-get install redis-server" >&2; exit 1; \
	fi

demo: $(STAMP)
	$(BIN)/newscrawl demo

test: $(STAMP) $(CHROMIUM) $(REDIS_SERVER)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check newscrawl tests benchmarks
	$(BIN)/mypy newscrawl

# The quality gate: the seed pages give their expected records, and on the shared corpus split
# by publisher into 2 folds, the worst fold of every measure stays at or above the floors kept
# in benchmarks/quality_floors.json.
SHARED ?= ../shared
quality: $(STAMP)
	$(BIN)/python benchmarks/check_seeds.py $(SHARED)/seeds
	$(BIN)/newscrawl eval $(SHARED)/corpus --folds 2 --check-floors benchmarks/quality_floors.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
