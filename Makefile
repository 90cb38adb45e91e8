# Two commands do all set-up on a machine with Python 3.11 and make: `make demo`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
DEMO_MONTH ?= 2026-10
DEMO_SCALE ?= 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export TIPWH_HOME ?= $(CURDIR)/data
export AIRFLOW__COSMOS__ENABLE_TELEMETRY := False
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: install demo test test-fast lint up docs bench bench-quick clean help

help:
	@echo "make demo   - install, generate $(DEMO_MONTH) (+11 months), run the DAG through Airflow, write reports"
	@echo "make test   - install and run every test (lint included)"
	@echo "make lint   - ruff and sqlfluff"
	@echo "make up     - Airflow UI and scheduler locally (SQLite metadata)"
	@echo "make docs   - dbt docs generate into \$$TIPWH_HOME/docs/dbt"
	@echo "make bench-quick (scale 1) / make bench (scales 1, 10, 100) - time and memory of every stage, goals' ratios"

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

install: $(VENV)/.installed

demo: install
	TIPWH_DEMO=1 $(BIN)/python -m tipwh.demo --month $(DEMO_MONTH) --scale $(DEMO_SCALE)

test: install lint
	$(BIN)/pytest -n 2 --dist loadgroup

test-fast: install
	$(BIN)/pytest -n 2 --dist loadgroup -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/macros dbt_project/tests

up: install
	TIPWH_DEMO=1 $(BIN)/python -m tipwh.up

docs: install
	TIPWH_WORK_DB=$(TIPWH_HOME)/work/tip.duckdb $(BIN)/dbt docs generate \
	  --project-dir dbt_project --profiles-dir dbt_project --target-path $(TIPWH_HOME)/docs/dbt

bench-quick: install
	$(BIN)/python -m bench.run --scales 1 --airflow-scales 1

bench: install
	$(BIN)/python -m bench.run --scales 1,10,100 --airflow-scales 1,10,100

clean:
	rm -rf $(VENV) .tools .pytest_cache .ruff_cache dbt_project/target dbt_project/logs
