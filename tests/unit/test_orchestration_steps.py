"""The steps the DAG tasks call: per-feed loads, rejection verdicts, arrival checks, dbt verdicts."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from ingest.arrivals import ARRIVALS, Due, latest_due_period, overdue_feeds
from tipwh import pipeline
from tipwh.errors import DataRejected, FeedOverdue
from tipwh.generate import training
from tipwh.generate.writers import csv_bytes
from tipwh.transform import failed_tests

AS_OF = datetime(2026, 11, 2, 2, 0)
ORG_HEADER = ["Org Unit Code", "Name", "Type", "Region Code", "Female Estate", "Valid From",
              "Valid To"]
ORG_ROWS = [["SDI", "HMP Send", "PRISON", "N57", "Y", "2015-09-01", ""]]


def _row(n: int) -> list[str]:
    return [f"LMS{n:09d}", f"SN1{n:05d}", "Jo Bloggs", "jo@justice.gov.uk", "SDI",
            "prison officer", "band 3", "BTI_FULL", "2026-10-05", "6.5", "Completed", ""]


def _land(settings, feed: str, name: str, header: list[str], rows: list[list[str]]) -> None:
    path = settings.landing / feed / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(header, rows))


@pytest.mark.parametrize(("due", "on", "period", "due_date"), [
    (Due("monthly", 3), date(2026, 11, 2), "2026-09", date(2026, 10, 3)),
    (Due("monthly", 3), date(2026, 11, 3), "2026-10", date(2026, 11, 3)),
    (Due("monthly", 5), date(2026, 1, 10), "2025-12", date(2026, 1, 5)),
    (Due("quarterly", 21), date(2026, 10, 20), "2026-Q2", date(2026, 7, 21)),
    (Due("quarterly", 21), date(2026, 10, 21), "2026-Q3", date(2026, 10, 21)),
    (Due("quarterly", 21), date(2026, 1, 30), "2025-Q4", date(2026, 1, 21)),
])
def test_latest_due_period(due, on, period, due_date):
    assert latest_due_period(due, on) == (period, due_date)


def test_a_feed_is_overdue_only_when_its_due_period_has_no_file():
    names = {"training_logs": {"training_logs_2026-09.csv"}}
    late = overdue_feeds(names, date(2026, 11, 2), {"training_logs": Due("monthly", 3)})
    assert late == []
    late = overdue_feeds(names, date(2026, 11, 3), {"training_logs": Due("monthly", 3)})
    assert [o.message() for o in late] == [
        "feed training_logs: no file for 2026-10 has arrived; it was due by 2026-11-03"]


def test_check_arrivals_names_every_late_feed_and_counts_quarantined_files(settings):
    _land(settings, "org_units", "org_units_2026-09.csv", ORG_HEADER, ORG_ROWS)
    (settings.quarantine / "headcount").mkdir(parents=True)
    (settings.quarantine / "headcount" / "headcount_2026-09.csv").write_text("x")
    with pytest.raises(FeedOverdue) as caught:
        pipeline.check_arrivals(settings, date(2026, 11, 2))
    message = str(caught.value)
    assert "org_units" not in message and "headcount" not in message
    for feed in set(ARRIVALS) - {"org_units", "headcount"}:
        assert f"feed {feed}: no file for" in message


def test_per_feed_loads_touch_only_their_feed_and_triage_takes_the_unknown(settings):
    _land(settings, "org_units", "org_units.csv", ORG_HEADER, ORG_ROWS)
    _land(settings, "training_logs", "t.csv", training.HEADER, [_row(i) for i in range(1, 30)])
    settings.landing.joinpath("mystery.csv").write_text("a,b\n1,2\n")
    triaged = pipeline.triage(settings, AS_OF)
    assert triaged.files_rejected == 1 and triaged.rows_loaded == 0
    assert (settings.quarantine / "_unknown" / "mystery.csv.reason.json").exists()
    first = pipeline.load(settings, AS_OF, feeds=["org_units"])
    assert first.loaded_feeds == ("org_units",) and first.rows_loaded == 1
    second = pipeline.load(settings, AS_OF, feeds=["training_logs"])
    assert second.loaded_feeds == ("training_logs",) and second.rows_loaded == 29
    again = pipeline.load(settings, AS_OF, feeds=["training_logs"])
    assert again.rows_loaded == 0 and again.files_skipped == 1


def test_a_rejected_file_is_a_data_verdict_naming_feed_file_and_reason(settings):
    _land(settings, "org_units", "org_units.csv", ORG_HEADER, ORG_ROWS)
    _land(settings, "training_logs", "broken_2026-10.csv", ["Record ID", "Staff Number"],
          [["1", "SN100001"]])
    pipeline.load(settings, AS_OF, feeds=["org_units"])
    pipeline.check_rejections(settings, "org_units", AS_OF)  # nothing rejected: no error
    pipeline.load(settings, AS_OF, feeds=["training_logs"])
    with pytest.raises(DataRejected) as caught:
        pipeline.check_rejections(settings, "training_logs", AS_OF)
    message = str(caught.value)
    assert "feed training_logs" in message and "file broken_2026-10.csv" in message
    assert "required_columns" in message
    # keyed on the logical date: a later night's check does not re-raise this one
    pipeline.check_rejections(settings, "training_logs", datetime(2026, 11, 3, 2, 0))


def test_dbt_test_failures_are_read_from_run_results(tmp_path):
    results = tmp_path / "run_results.json"
    results.write_text(json.dumps({"results": [
        {"unique_id": "model.tip.fct_x", "status": "success", "message": None},
        {"unique_id": "test.tip.unique_fct_x_id", "status": "fail", "message": "Got 2 results"},
        {"unique_id": "model.tip.pub_x", "status": "skipped", "message": None},
    ]}))
    assert failed_tests(results) == ["test.tip.unique_fct_x_id: Got 2 results"]
    assert failed_tests(tmp_path / "missing.json") == []


def test_logical_dates_become_london_wall_time():
    import pendulum

    summer = pendulum.datetime(2026, 7, 1, 1, 0, tz="UTC")  # 02:00 BST
    winter = pendulum.datetime(2026, 11, 2, 2, 0, tz="UTC")  # 02:00 GMT
    assert pipeline.as_of_for_logical(summer) == datetime(2026, 7, 1, 2, 0)
    assert pipeline.as_of_for_logical(winter) == datetime(2026, 11, 2, 2, 0)


def test_sql_shell_runs_a_query_read_only(tmp_path, capsys):
    import duckdb

    from tipwh.shell import run

    db = tmp_path / "tip.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table t as select 42 as answer")
    con.close()
    assert run(db, "select answer from t") == 0
    assert "42" in capsys.readouterr().out
    assert run(db, "create table u (x int)") == 1
    assert "read-only" in capsys.readouterr().err.lower()
    assert run(tmp_path / "missing.duckdb", "select 1") == 2
