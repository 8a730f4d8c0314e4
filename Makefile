# The two set-up commands of the README: `make demo` and `make test`.
# Each creates .venv when missing and installs the hash-pinned lock (requirements.lock) into it.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.duckdb
BENCH_N ?= 500
SCRATCH ?= /tmp/dateline-bench

.PHONY: demo test lint typecheck unit gate bench bench-scale bench-stories lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/dateline ingest examples/ --db $(DB)
	$(BIN)/dateline articles --db $(DB)
	$(BIN)/dateline actors --db $(DB) --limit 25
	$(BIN)/dateline places --db $(DB) --limit 15
	$(BIN)/dateline quotes --db $(DB) --limit 15
	$(BIN)/dateline events --db $(DB) --limit 20
	$(BIN)/dateline incidents --db $(DB) --limit 10

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -W error -c "import dateline"

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
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

# Regenerates the lock from pyproject.toml (needs uv on the developer's machine; not used by CI).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
