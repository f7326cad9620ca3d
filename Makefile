# Every target creates the virtual environment it needs: `make demo` and `make test` work on a
# fresh clone. The stamp file reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXTRAS ?= dev,nlp,ray,bench
DATA ?= ../shared/data

.PHONY: demo test lint format eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[$(EXTRAS)]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/copydesk parse examples/seed-article.txt --format md
	$(VENV)/bin/copydesk parse examples/seed-article.txt --explain
	$(VENV)/bin/copydesk parse examples/ --exclude README.md --format jsonl -o demo-records.jsonl
	rm -f demo.db demo.db-wal demo.db-shm
	$(VENV)/bin/copydesk ingest examples/ --exclude README.md --db demo.db
	$(VENV)/bin/copydesk dups --db demo.db
	$(VENV)/bin/copydesk search "Haqqani network" --db demo.db
	@echo "records: demo-records.jsonl; store: demo.db (browse it: $(VENV)/bin/copydesk serve --db demo.db)"

test: $(STAMP)
	@bash scripts/ensure-chromium.sh
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy src/copydesk
	$(PY) -m pytest -q -p no:cacheprovider --durations=15

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy src/copydesk

format: $(STAMP)
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

eval: $(STAMP)
	$(PY) -m benchmarks.eval_all --data $(DATA)

bench: $(STAMP)
	$(PY) -m benchmarks.bench_all --data $(DATA)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build dist
