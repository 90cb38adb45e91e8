"""Read what a report needs from the publish layer of the published warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

NATION = "ENW"


@dataclass(frozen=True)
class CoverageRow:
    month_start: date
    area_level: str
    area_code: str
    area_name: str
    region_code: str | None
    headcount: int | None
    headcount_symbol: str | None
    trained_staff: int | None
    trained_staff_symbol: str | None
    coverage_pct: float | None
    coverage_pct_symbol: str | None
    senior_leader_coverage_pct: float | None
    senior_leader_coverage_pct_symbol: str | None
    support_coverage_pct: float | None
    support_coverage_pct_symbol: str | None
    newly_trained_staff: int | None
    newly_trained_staff_symbol: str | None
    gap_to_target_pct: float | None
    source_mart: str
    data_cutoff_at: datetime


class ReportData:
    """One read-only connection to the published warehouse for a report run."""

    def __init__(self, db_path: Path):
        self.con = duckdb.connect(str(db_path), read_only=True)

    def close(self) -> None:
        self.con.close()

    def regions(self) -> list[tuple[str, str]]:
        return self.con.execute(
            "select distinct area_code, area_name from publish.pub_training_coverage "
            "where area_level = 'region' order by area_code"
        ).fetchall()

    def coverage(self, months: list[date], area_level: str,
                 region_code: str | None = None) -> list[CoverageRow]:
        fields = ", ".join(CoverageRow.__dataclass_fields__)
        # fields are CoverageRow's attribute names; values go in as parameters
        sql = (f"select {fields} from publish.pub_training_coverage "  # noqa: S608
               "where month_start in (select unnest(?)) and area_level = ?")
        params: list[object] = [months, area_level]
        if region_code is not None:
            sql += " and (region_code = ? or area_code = ?)"
            params += [region_code, region_code]
        sql += " order by month_start, area_name, area_code"
        return [CoverageRow(*row) for row in self.con.execute(sql, params).fetchall()]


PUBLISH_TABLES = {
    "pub_training_coverage", "pub_programme_delivery", "pub_programme_outcomes",
    "pub_specialists_supervision", "pub_staff_wellbeing", "pub_lived_experience",
    "pub_enablers_scorecard", "pub_data_freshness",
}


def fetch(con: duckdb.DuckDBPyConnection, table: str, where: dict[str, object],
          order_by: str) -> list[dict]:
    """Rows of a publish table matching ``where`` (column = value), as dicts."""
    if table not in PUBLISH_TABLES:
        raise ValueError(f"reports read the publish layer only, not {table!r}")
    clauses = " and ".join(f'"{column}" = ?' for column in where) or "true"
    order = ", ".join(f'"{c.strip()}"' for c in order_by.split(","))
    cur = con.execute(f"select * from publish.{table} where {clauses} order by {order}",  # noqa: S608
                      list(where.values()))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def instrument_directions(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, bool, int]]:
    """Instrument code -> (name, higher_is_worse, total_max), from the reference seed."""
    return {code: (name, bool(worse), int(top)) for code, name, worse, top in con.execute(
        "select instrument_code, instrument_name, higher_is_worse, total_max "
        "from reference.ref_instruments").fetchall()}
