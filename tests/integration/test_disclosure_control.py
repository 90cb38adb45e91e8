"""Every publish table, built from small-scale data where small cells abound: no count of 1-4
people, and no suppressed cell recoverable from its siblings and their parent's total."""

from __future__ import annotations

from collections import defaultdict

import duckdb
import pytest

from tipwh import pipeline
from tipwh.generate import generate

pytestmark = pytest.mark.slow
# publish table -> the columns that, with area level and parent, make one sibling group
TABLES = {
    "pub_training_coverage": ["month_start"],
    "pub_programme_delivery": ["month_start", "programme_code"],
    "pub_programme_outcomes": ["month_start", "programme_code", "instrument_code"],
    "pub_specialists_supervision": ["month_start"],
    "pub_staff_wellbeing": ["wave", "split"],
    "pub_lived_experience": ["wave", "core_value"],
}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from tipwh.config import load_settings

    home = tmp_path_factory.mktemp("disclosure")
    settings = load_settings({"TIPWH_HOME": str(home), "TIPWH_PSEUDONYM_KEY": "y" * 32})
    generate("2026-09", settings.landing, seed=31, scale=0.03, history_months=3)
    pipeline.load(settings, pipeline.as_of_for("2026-09"))
    pipeline.build(settings)
    pipeline.publish(settings)
    con = duckdb.connect(str(settings.published_db), read_only=True)
    yield con
    con.close()


def _rows(con, table: str) -> list[dict]:
    cur = con.execute(f"select * from publish.{table}")  # noqa: S608
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _count_columns(rows: list[dict]) -> list[str]:
    """Columns of whole numbers that carry a suppression symbol: counts of people."""
    return [c for c in rows[0] if f"{c}_symbol" in rows[0]
            and any(r[c] is not None for r in rows)
            and all(isinstance(r[c], int) for r in rows if r[c] is not None)]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_no_published_count_of_one_to_four(published, table):
    rows = _rows(published, table)
    assert rows
    counts = _count_columns(rows) + [c for c in rows[0] if c.startswith("exits_")]
    assert counts, table
    for row in rows:
        for column in counts:
            assert not (row[column] is not None and 1 <= row[column] <= 4), (table, column, row)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_no_suppressed_cell_is_recoverable_from_its_parent(published, table):
    rows = _rows(published, table)
    keys = TABLES[table]
    by_area = {(tuple(r[k] for k in keys), r["area_level"], r["area_code"]): r for r in rows}
    hidden_somewhere = 0
    for column in _count_columns(rows):
        groups = defaultdict(list)
        for r in rows:
            if r["area_level"] == "org_unit":
                groups[(tuple(r[k] for k in keys), "region", r["region_code"])].append(r)
            elif r["area_level"] == "region":
                groups[(tuple(r[k] for k in keys), "nation", "ENW")].append(r)
        for parent_key, children in groups.items():
            parent = by_area.get(parent_key)
            hidden = [c for c in children if c[f"{column}_symbol"] == "[c]"]
            hidden_somewhere += len(hidden)
            if parent is not None and parent[column] is not None:
                assert len(hidden) != 1, (table, column, parent_key, hidden[0]["area_code"])
    assert hidden_somewhere > 0 or table == "pub_lived_experience", f"{table}: nothing small to test"


def test_a_rate_is_withheld_when_its_count_is(published):
    for row in _rows(published, "pub_training_coverage"):
        if row["trained_staff_symbol"] == "[c]" or row["headcount_symbol"] == "[c]":
            assert row["coverage_pct"] is None and row["gap_to_target_pct"] is None
    for row in _rows(published, "pub_programme_delivery"):
        if "[c]" in (row["participants_completed_symbol"], row["participants_finished_symbol"]):
            assert row["completion_rate_pct"] is None
