"""Every DAG file imports cleanly, wires Assets, sets owners and retries, and stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"
HEAVY = ["ingest", "expectations", "reports", "great_expectations", "duckdb", "dbt", "pandas",
         "tipwh.config", "tipwh.pipeline"]
DAG_IDS = {"tip_nightly_ingest", "tip_transform", "tip_publish", "tip_monthly_reports"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=str(DAGS), bundle_path=DAGS)


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dags) == DAG_IDS


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
    defined |= {a.name for a in tip_assets.RAW_FEEDS.values()}
    produced = {o.name for dag in dagbag.dags.values() for t in dag.tasks for o in t.outlets}
    assert produced == defined


def test_the_feed_list_matches_the_loader():
    import tip_assets

    from ingest.feeds import LOAD_ORDER

    assert list(tip_assets.FEED_NAMES) == LOAD_ORDER


def test_ingest_has_an_independent_group_per_feed_each_emitting_its_asset(dagbag):
    import tip_assets

    dag = dagbag.dags["tip_nightly_ingest"]
    assert dag.timetable.expression == "0 2 * * *" and str(dag.timetable.timezone) == "Europe/London"
    for feed in tip_assets.FEED_NAMES:
        load = dag.get_task(f"{feed}.load")
        assert [o.name for o in load.outlets] == [f"tip_raw_{feed}"]
        assert load.trigger_rule == "all_done"  # a failed feed upstream does not stop this one
        assert load.pool == "tip_duckdb_writer"
        check = dag.get_task(f"{feed}.check_rejections")
        assert check.upstream_task_ids == {f"{feed}.load"} and check.trigger_rule == "all_done"
    later = {t for t in dag.get_task("org_units.load").downstream_task_ids if t.endswith(".load")}
    assert later == {f"{f}.load" for f in tip_assets.FEED_NAMES[1:]}


def test_assets_chain_ingest_to_transform_to_publish(dagbag):
    import tip_assets

    transform = dagbag.dags["tip_transform"]
    condition = transform.timetable.asset_condition  # the night is done AND any feed loaded
    assert type(condition).__name__ == "AssetAll"
    done, any_feed = condition.objects
    assert done.name == "tip_nightly_ingest_done"
    assert type(any_feed).__name__ == "AssetAny"
    assert {a.name for a in any_feed.objects} == {a.name for a in tip_assets.RAW_FEEDS.values()}
    ingest = dagbag.dags["tip_nightly_ingest"]
    done_task = ingest.get_task("ingest_done")
    assert [o.name for o in done_task.outlets] == ["tip_nightly_ingest_done"]
    assert done_task.upstream_task_ids == {f"{f}.load" for f in tip_assets.FEED_NAMES}
    docs_task = ingest.get_task("data_docs")  # once a night, after every feed, not per load
    assert docs_task.upstream_task_ids == {f"{f}.load" for f in tip_assets.FEED_NAMES}
    assert docs_task.trigger_rule == "all_done" and not docs_task.outlets
    assert [o.name for o in transform.get_task("dbt_build").outlets] == ["tip_warehouse_build"]
    publish = dagbag.dags["tip_publish"]
    assert {a.name for a in publish.timetable.asset_condition.objects} == {"tip_warehouse_build"}


def test_reports_map_one_task_per_area_then_index_then_delivery(dagbag):
    dag = dagbag.dags["tip_monthly_reports"]
    assert dag.timetable.expression == "0 6 1 * *" and str(dag.timetable.timezone) == "Europe/London"
    assert dag.get_task("write_report").upstream_task_ids == {"plan_reports"}
    assert type(dag.get_task("write_report")).__name__.endswith("MappedOperator")
    assert dag.get_task("write_index").upstream_task_ids == {"write_report"}
    assert dag.get_task("deliver_reports").upstream_task_ids == {"write_index"}


def test_every_duckdb_writer_shares_the_one_slot_pool(dagbag):
    for dag_id in ("tip_nightly_ingest", "tip_transform", "tip_publish"):
        for task in dagbag.dags[dag_id].tasks:
            if dag_id == "tip_nightly_ingest" and task.task_id.endswith(
                    ("data_docs", ".check_rejections")):  # files only (GX results, reasons)
                assert task.pool != "tip_duckdb_writer", task.task_id
                continue
            assert task.pool == "tip_duckdb_writer", (dag_id, task.task_id)


def test_validation_failures_fail_at_once_and_transient_errors_retry(dagbag):
    from airflow.sdk import RetryAction

    from tipwh.errors import DataRejected, FeedOverdue

    for dag in dagbag.dags.values():
        for task in dag.tasks:
            policy = task.retry_policy
            assert task.retry_exponential_backoff and task.on_failure_callback, task.task_id
            for verdict in (DataRejected("feed x: file y rejected"), FeedOverdue("late")):
                assert policy.evaluate(verdict, 1, 4).action == RetryAction.FAIL
            for transient in (OSError("could not set lock on file"), TimeoutError()):
                assert policy.evaluate(transient, 1, 4).action == RetryAction.DEFAULT


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


@pytest.mark.parametrize(("dag_id", "just_after_a_slot"), [
    ("tip_nightly_ingest", "2026-11-25T02:20:00+00:00"),  # 02:20 London, 20 min after 02:00
    ("tip_monthly_reports", "2026-12-01T09:00:00+00:00"),  # 3 h after the 1st's 06:00
])
def test_unpausing_just_after_a_slot_waits_for_the_next_one(dagbag, monkeypatch, dag_id,
                                                            just_after_a_slot):
    import pendulum
    from airflow.serialization.encoders import coerce_to_core_timetable
    from airflow.timetables import trigger
    from airflow.timetables.base import TimeRestriction

    now = pendulum.parse(just_after_a_slot)
    monkeypatch.setattr(trigger, "utcnow", lambda: now)
    timetable = coerce_to_core_timetable(dagbag.dags[dag_id].timetable)
    first = timetable.next_dagrun_info(last_automated_data_interval=None,
                                       restriction=TimeRestriction(None, None, False))
    assert first.run_after > now  # Airflow's default would run the slot just missed
