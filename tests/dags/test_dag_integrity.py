"""Every DAG file imports cleanly, wires Assets, sets owners and retries, and stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"
HEAVY = ["tipwh", "ingest", "expectations", "reports", "great_expectations", "duckdb", "dbt",
         "pandas"]


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=str(DAGS), bundle_path=DAGS)


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "tip_monthly_pipeline" in dagbag.dags


def test_every_dag_has_docs_tags_owner_retries_and_one_writer(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert dag.doc_md, dag_id
        assert dag.tags, dag_id
        if "duckdb-writer" in dag.tags:
            assert dag.max_active_runs == 1, dag_id
        for task in dag.tasks:
            assert task.owner and task.owner != "airflow", (dag_id, task.task_id)
            assert task.retries >= 1, (dag_id, task.task_id)


def test_assets_are_wired_from_the_one_assets_module(dagbag):
    import tip_assets

    defined = {v.name for v in vars(tip_assets).values() if type(v).__name__ == "Asset"}
    produced = {o.name for dag in dagbag.dags.values() for t in dag.tasks for o in t.outlets}
    assert produced == defined


def test_the_pipeline_runs_in_order(dagbag):
    dag = dagbag.dags["tip_monthly_pipeline"]
    order = ["load_landing", "dbt_build", "publish_warehouse", "write_reports"]
    for upstream, downstream in zip(order, order[1:], strict=False):
        assert downstream in dag.get_task(upstream).downstream_task_ids


@pytest.mark.parametrize("dag_file", sorted(DAGS.glob("*.py")), ids=lambda p: p.name)
def test_dag_files_import_no_project_or_heavy_modules_at_top_level(dag_file: Path):
    code = (
        "import json, runpy, sys\n"
        f"sys.path.insert(0, {str(DAGS)!r})\n"
        f"runpy.run_path({str(dag_file)!r})\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
