# The two set-up commands of the README: `make demo` and `make test`.
# Each creates .venv when missing and installs the hash-pinned lock (requirements.lock) into it.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.duckdb
BENCH_N ?= 500
SCRATCH ?= /tmp/dateline-bench

ASSETS := src/dateline/web/static/vendor/countries-110m.json
CHROMIUM ?= /usr/bin/chromium
PORT ?= 8000

.PHONY: demo serve screenshots test lint typecheck unit gate bench bench-scale bench-stories bench-serve browser lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Front-end data from npm, pinned by package-lock.json: Natural Earth country shapes for the map.
$(ASSETS): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $(ASSETS))
	cp frontend/node_modules/world-atlas/countries-110m.json $(ASSETS)

# Debian's Chromium for the browser tests (Playwright drives it; its own download is not used).
browser:
	test -x $(CHROMIUM) || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)

demo: $(STAMP) $(ASSETS)
	rm -f $(DB)
	$(BIN)/dateline ingest examples/ --db $(DB)
	$(BIN)/dateline articles --db $(DB)
	$(BIN)/dateline actors --db $(DB) --limit 25
	$(BIN)/dateline places --db $(DB) --limit 15
	$(BIN)/dateline quotes --db $(DB) --limit 15
	$(BIN)/dateline events --db $(DB) --limit 20
	$(BIN)/dateline incidents --db $(DB) --limit 10

# The web pages and JSON API on the demo database (make demo first), read-only.
serve: $(STAMP) $(ASSETS)
	test -f $(DB) || $(MAKE) demo
	$(BIN)/dateline serve --db $(DB) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs
	$(BIN)/python -W error -c "import dateline"

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(ASSETS) browser
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --n $(BENCH_N)

# Batch on 1 and 2 workers, loading, and queries on 1,000,000 events (about 15 minutes here).
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py --out $(SCRATCH)

# Re-merging NewsArticles.zip, and one more article into a store of 100,000 (after bench-scale).
bench-stories: $(STAMP)
	$(BIN)/python benchmarks/stories.py --shards $(SCRATCH)/shards-2 --out $(SCRATCH)/stories

# The README's screenshots, from a database of the NewsArticles corpus (SHOTS_DB).
SHOTS_DB ?= $(SCRATCH)/serve/base.duckdb
screenshots: $(STAMP) $(ASSETS) browser
	$(BIN)/python docs/screenshots.py --db $(SHOTS_DB)

# The server under 50 concurrent clients on a store of 1,000,000 events (after bench-scale).
bench-serve: $(STAMP) $(ASSETS)
	$(BIN)/python benchmarks/serve.py --shards $(SCRATCH)/shards-2 --out $(SCRATCH)/serve

# Regenerates the lock from pyproject.toml (needs uv on the developer's machine; not used by CI).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache frontend/node_modules $(ASSETS)
