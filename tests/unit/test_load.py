"""The ingest gate end to end on small files: conservation, idempotency, replace, reject, release."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from expectations.docs import render
from expectations.rules import SUITE_VERSION
from ingest.dry_run import dry_run
from ingest.load import load_landing
from ingest.release import release
from tipwh.generate import training
from tipwh.generate.writers import csv_bytes

AS_OF = datetime(2026, 11, 1)
ORG_HEADER = ["Org Unit Code", "Name", "Type", "Region Code", "Female Estate", "Valid From",
              "Valid To"]
ORG_ROWS = [["SDI", "HMP Send", "PRISON", "N57", "Y", "2015-09-01", ""],
            ["N52P07", "Staffordshire & Stoke", "PDU", "N52", "N", "2021-06-26", "2025-03-23"],
            ["N52P08", "Staffordshire North", "PDU", "N52", "N", "2025-03-24", ""]]


def _training_row(n: int, staff: str = "SN100001", unit: str = "SDI", day: str = "2026-10-05",
                  course: str = "BTI_FULL", hours: str = "6.5") -> list[str]:
    return [f"LMS{n:09d}", staff, "Jo Bloggs", "jo.bloggs@justice.gov.uk", unit, "prison officer",
            "band 3", course, day, hours, "Completed", "One Small Thing"]


def _write(landing: Path, feed: str, name: str, header: list[str], rows: list[list[str]],
           **kwargs) -> Path:
    path = landing / feed / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(header, rows, **kwargs))
    return path


def _load(settings, pseudo, **kwargs):
    return load_landing(settings.work_db, settings.landing, settings.quarantine, pseudo, AS_OF,
                        settings.max_bad_row_share, **kwargs)


def _query(settings, sql: str):
    con = duckdb.connect(str(settings.work_db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def landing(settings):
    _write(settings.landing, "org_units", "org_units.csv", ORG_HEADER, ORG_ROWS)
    return settings.landing


def test_good_and_bad_rows_are_conserved_and_reloading_changes_nothing(settings, pseudo, landing):
    rows = [_training_row(i, staff=f"SN1000{i:02d}") for i in range(1, 41)]
    rows[3][9] = "99"  # hours out of range
    rows[7][8] = "31/31/2026"  # not a date
    _write(landing, "training_logs", "t1.csv", training.HEADER, rows)
    summary = _load(settings, pseudo)
    entry = next(e for e in summary.entries if e.file_name == "t1.csv")
    assert (entry.rows_read, entry.rows_loaded, entry.rows_quarantined) == (40, 38, 2)
    assert entry.outcome == "partially loaded"
    quarantined = _query(settings, "select row_number, failed_checks from raw.quarantine order by 1")
    assert [r[0] for r in quarantined] == [5, 9]  # file lines: header is line 1
    assert "hours: in_range" in quarantined[0][1]
    assert "session_date: parsable" in quarantined[1][1]
    before = _query(settings, "select count(*), sum(hours) from raw.training_logs")
    again = _load(settings, pseudo)
    assert again.entries == [] and len(again.skipped) == 2
    assert _query(settings, "select count(*), sum(hours) from raw.training_logs") == before


def test_a_corrected_file_replaces_rows_by_natural_key(settings, pseudo, landing):
    _write(landing, "training_logs", "t1.csv", training.HEADER,
           [_training_row(1, hours="3"), _training_row(2)])
    _load(settings, pseudo)
    _write(landing, "training_logs", "t1_corrected.csv", training.HEADER,
           [_training_row(1, hours="6.5")])
    _load(settings, pseudo)
    rows = _query(settings, "select record_id, hours from raw.training_logs order by 1")
    assert rows == [("LMS000000001", 6.5), ("LMS000000002", 6.5)]


def test_too_many_bad_rows_rejects_the_file_whole_with_a_reason(settings, pseudo, landing):
    rows = [_training_row(i) for i in range(1, 11)]
    rows[0][7] = "NOT_A_COURSE"
    path = _write(landing, "training_logs", "bad.csv", training.HEADER, rows)
    summary = _load(settings, pseudo)
    entry = next(e for e in summary.entries if e.file_name == "bad.csv")
    assert entry.outcome == "rejected" and entry.rows_quarantined == 10 and entry.rows_loaded == 0
    assert "course_code: allowed_values: 1 rows" in entry.reason
    assert not path.exists()
    moved = settings.quarantine / "training_logs" / "bad.csv"
    reason = json.loads(Path(f"{moved}.reason.json").read_text())
    assert reason["rule"] == "bad_row_share" and reason["file"] == "bad.csv"
    assert _query(settings, "select count(*) from raw.training_logs") == [(0,)]
    target = release(moved, settings.landing)
    assert target == path and path.exists() and not moved.exists()


@pytest.mark.parametrize(
    ("header", "rows", "rule"),
    [
        (["Record ID", "Staff Number"], [["1", "SN100001"]], "required_columns"),
        (ORG_HEADER, ORG_ROWS[:1], "feed_layout"),
        (training.HEADER, [], "not_empty"),
        (training.HEADER[:3] + ["Staff Name"] + training.HEADER[4:], [_training_row(1)],
         "unique_headers"),
    ],
)
def test_file_level_problems_reject_the_file(settings, pseudo, landing, header, rows, rule):
    _write(landing, "training_logs", "f.csv", header, rows)
    summary = _load(settings, pseudo)
    entry = next(e for e in summary.entries if e.file_name == "f.csv")
    assert entry.outcome == "rejected"
    assert entry.reason.startswith(rule), entry.reason


def test_training_must_name_a_unit_valid_on_the_session_date(settings, pseudo, landing):
    rows = [_training_row(i) for i in range(1, 40)]
    rows.append(_training_row(40, unit="N52P07", day="2026-10-01"))  # closed in March 2025
    rows.append(_training_row(41, unit="N52P07", day="2024-10-01"))  # open then
    _write(landing, "training_logs", "t.csv", training.HEADER, rows)
    _load(settings, pseudo)
    failed = _query(settings, "select row_number, failed_checks from raw.quarantine")
    assert len(failed) == 1 and failed[0][0] == 41
    assert "org_unit_valid_on_date: allowed_values" in failed[0][1]


def test_mixed_quirks_in_one_file_load(settings, pseudo, landing):
    rows = [_training_row(i) for i in range(1, 6)]
    rows[0][8] = "05/10/2026"
    rows[1][8] = "5 Oct 2026"
    rows[2][11] = "Provider, with comma and \"quotes\"\nand a newline"
    rows[3][9] = "N/A"  # hours null: required, so quarantined
    _write(landing, "training_logs", "q.csv", [f" {h.upper()} " for h in training.HEADER], rows,
           delimiter=";", encoding="cp1252", line_terminator="\r\n")
    summary = _load(settings, pseudo, feeds=["org_units", "training_logs"])
    entry = next(e for e in summary.entries if e.file_name == "q.csv")
    assert entry.outcome == "rejected"  # 1 of 5 bad is over the 5% limit
    settings_loose = type(settings)(**{**settings.__dict__, "max_bad_row_share": 0.5})
    release(settings.quarantine / "training_logs" / "q.csv", settings.landing)
    summary = _load(settings_loose, pseudo)
    entry = next(e for e in summary.entries if e.file_name == "q.csv")
    assert (entry.rows_loaded, entry.rows_quarantined) == (4, 1)
    dates = _query(settings, "select distinct session_date from raw.training_logs")
    assert {d[0].isoformat() for d in dates} == {"2026-10-05"}


def test_no_clear_identifier_reaches_the_warehouse(settings, pseudo, landing):
    rows = [_training_row(i, staff=f"SN2000{i:02d}") for i in range(1, 30)]
    rows[5][1] = "not-a-staff-number"
    _write(landing, "training_logs", "t.csv", training.HEADER, rows)
    _load(settings, pseudo)
    con = duckdb.connect(str(settings.work_db), read_only=True)
    text = []
    for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR'").fetchall():
        text += [v for (v,) in con.execute(f'select "{column}" from {schema}.{table}').fetchall() if v]
    con.close()
    blob = "\n".join(text)
    assert "SN2000" not in blob and "Jo Bloggs" not in blob and "justice.gov.uk" not in blob
    assert "not-a-staff-number" not in blob


def test_dry_run_names_the_file_rows_and_rules_and_writes_nothing(settings, pseudo, landing, tmp_path):
    rows = [_training_row(i) for i in range(1, 11)]
    rows[2][9] = "40"
    rows[6][7] = "=HYPERLINK(\"http://x\")"
    path = _write(tmp_path, "training_logs", "dry.csv", training.HEADER, rows)
    report = dry_run(path, None, settings, AS_OF)
    text = report.text()
    assert report.rejected
    assert "dry.csv" in text and "feed: training_logs" in text
    assert "rule hours: in_range: 1 rows failed (file rows 4)" in text
    assert "rule course_code: allowed_values: 1 rows failed (file rows 8)" in text
    assert "REJECTED" in text
    assert not settings.work_db.exists()


def test_the_nights_gx_data_docs_are_rendered_from_the_saved_results(settings, pseudo, landing):
    _write(landing, "training_logs", "t.csv", training.HEADER, [_training_row(1)])
    header, rows = _survey_rows([(f"A{n:04d}BC", "PRE", "2026-10-01") for n in range(1, 3)])
    _write(landing, "survey_participant_outcomes", "s.csv", header, rows)
    summary = _load(settings, pseudo, results_dir=settings.gx_results_dir)
    docs = settings.gx_docs_dir
    assert not docs.exists()  # loads only save results: rendering is the night's own step
    pages = render(settings.gx_results_dir, docs, AS_OF.date())
    assert pages == 4  # three row suites and the survey's answers suite
    assert (docs / "index.html").exists()
    version = SUITE_VERSION
    for feed in ["training_logs", "org_units", "survey_participant_outcomes"]:
        # GX turns the suite name's dots into folders; each page is keyed on the ledger's id
        assert (docs / "expectations" / feed / version / "2026-11-01.html").exists()
        result_id = next(e.validation_result_id for e in summary.entries if e.feed == feed)
        assert len(list((docs / "validations" / feed).rglob(f"{result_id}/*/{feed}.html"))) >= 1
    assert (docs / "expectations" / "survey_participant_outcomes" / "answers"
            / f"{version}.html").exists()
    # rendering again rewrites the same pages (GX stamps each render with ids and a time)
    before = sorted(docs.rglob("*.html"))
    assert render(settings.gx_results_dir, docs, AS_OF.date()) == 4
    assert sorted(docs.rglob("*.html")) == before


def test_survey_answers_out_of_range_or_unreadable_name_their_question(settings, pseudo, landing):
    header, rows = _survey_rows([(f"A{n:04d}BC", "PRE", "2026-10-01") for n in range(1, 41)])
    phq9_3, gad7_1, core10_2 = (header.index(c) for c in ("PHQ9_3", "GAD7_1", "CORE10_2"))
    rows[0][phq9_3] = "7"  # PHQ-9 items score 0-3
    rows[1][gad7_1], rows[1][core10_2] = "often-ish", "9"
    _write(landing, "survey_participant_outcomes", "s.csv", header, rows)
    _load(settings, pseudo)
    failed = dict(_query(settings, "select row_number, failed_checks from raw.quarantine"))
    assert set(failed) == {2, 3}
    assert [c["rule"] for c in json.loads(failed[2])] == ["phq9_3: in_range"]
    assert json.loads(failed[2])[0]["detail"] == "7"
    assert sorted(c["rule"] for c in json.loads(failed[3])) == ["core10_2: in_range",
                                                                 "gad7_1: parsable"]


SURVEY_HEADER = ["Prison Number", "Timepoint", "Administered Date", "Programme Code", "Group ID"]


def _survey_rows(timepoints: list[tuple[str, str, str]]) -> tuple[list[str], list[list[str]]]:
    from tipwh.reference import instruments

    items = [c for inst in instruments() for c in inst.columns()]
    rows = [[who, tp, day, "HEALING_TRAUMA", "SDI-20261001-01", *(["1"] * len(items))]
            for who, tp, day in timepoints]
    return SURVEY_HEADER + items, rows


def test_post_before_pre_is_quarantined_even_across_files(settings, pseudo, landing):
    header, rows = _survey_rows([(f"A{n:04d}BC", "PRE", "2026-10-01") for n in range(1, 40)])
    _write(landing, "survey_participant_outcomes", "pre.csv", header, rows)
    _load(settings, pseudo)
    header, rows = _survey_rows([("A0001BC", "POST", "2026-09-20")]
                                + [(f"A{n:04d}BC", "POST", "2026-10-20") for n in range(2, 40)])
    _write(landing, "survey_participant_outcomes", "post.csv", header, rows)
    _load(settings, pseudo)
    failed = _query(settings, "select file_name, row_number, failed_checks from raw.quarantine")
    assert len(failed) == 1 and failed[0][:2] == ("post.csv", 2)
    assert "timepoints_in_order: allowed_values" in failed[0][2]


def test_a_file_far_smaller_than_the_feeds_history_is_rejected(settings, pseudo, landing):
    for month in range(1, 4):
        rows = [_training_row(month * 100 + i, day=f"2026-0{month}-10") for i in range(40)]
        _write(landing, "training_logs", f"m{month}.csv", training.HEADER, rows)
        _load(settings, pseudo)
    _write(landing, "training_logs", "tiny.csv", training.HEADER, [_training_row(999)])
    summary = _load(settings, pseudo)
    entry = next(e for e in summary.entries if e.file_name == "tiny.csv")
    assert entry.outcome == "rejected" and entry.reason.startswith("row_count")
