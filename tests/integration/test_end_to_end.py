"""The whole pipeline on a small generated dataset: the four DAGs through real Airflow, and a rerun."""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from tipwh import airflow_local, pipeline
from tipwh.demo import run_dag, runs_for
from tipwh.generate import generate
from tipwh.warehouse import table_fingerprints

MONTH = "2026-10"
pytestmark = pytest.mark.slow


def _reports(settings) -> dict[str, str]:
    folder = settings.reports_dir / MONTH
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.suffix in {".html", ".pdf"}}


def test_the_four_dags_through_airflow_as_make_demo_runs_them(settings):
    generate(MONTH, settings.landing, seed=5, scale=0.03, history_months=2)
    airflow_local.migrate(settings)
    for dag_id, logical_date in runs_for(MONTH):
        assert run_dag(settings, dag_id, logical_date) == "success", dag_id
    import sqlite3

    db = sqlite3.connect(settings.home / "airflow" / "airflow.db")
    states = dict(db.execute("select task_id || coalesce(nullif(':' || map_index, ':-1'), ''), "
                             "state from task_instance").fetchall())
    db.close()
    assert states.pop("deliver_reports") == "skipped"  # no smtp_default connection here
    assert len([t for t in states if t.startswith("write_report:")]) == 13
    assert set(states.values()) == {"success"}, states
    con = duckdb.connect(str(settings.published_db), read_only=True)
    regions = con.execute(
        "select count(distinct area_code) from marts.fct_training_coverage "
        "where area_level = 'region' and month_start = date '2026-10-01'").fetchone()[0]
    con.close()
    assert regions == 12
    names = set(_reports(settings))
    assert len([n for n in names if n.startswith("N") and n.endswith(".html")]) == 12
    assert len([n for n in names if n.startswith("N") and n.endswith(".pdf")]) == 12
    assert {"national.html", "national.pdf"} <= names
    validations = settings.gx_docs_dir / "validations"  # the night's Data Docs
    assert (settings.gx_docs_dir / "index.html").exists()
    assert {p.name for p in validations.iterdir()} >= {"training_logs", "org_units"}


def test_rerunning_a_month_changes_nothing(settings):
    generate(MONTH, settings.landing, seed=6, scale=0.03, history_months=2)
    as_of = pipeline.as_of_for(MONTH)
    first_load = pipeline.load(settings, as_of)
    assert first_load.files_loaded > 0 and first_load.files_rejected == 0
    pipeline.build(settings)
    pipeline.publish(settings)
    pipeline.report(settings, MONTH)
    marts, reports = table_fingerprints(settings.published_db), _reports(settings)
    assert "marts.fct_training_coverage" in marts and "publish.pub_training_coverage" in marts

    second_load = pipeline.load(settings, as_of)
    assert second_load.files_loaded == 0 and second_load.files_skipped > 0
    pipeline.build(settings)
    pipeline.publish(settings)
    pipeline.report(settings, MONTH)
    assert table_fingerprints(settings.published_db) == marts
    assert _reports(settings) == reports
