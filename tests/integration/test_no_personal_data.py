"""After a full load and build of generated data (faults included), no table in the warehouse
holds a clear staff number, prison number, name or email of the generated input."""

from __future__ import annotations

import re

import duckdb
import pytest

from tipwh import pipeline
from tipwh.generate import generate
from tipwh.generate.faults import ALL_KINDS, FaultPlan

pytestmark = pytest.mark.slow


def test_the_whole_warehouse_is_free_of_clear_identifiers(settings):
    result = generate("2026-09", settings.landing, seed=12, scale=0.03, history_months=2,
                      faults=FaultPlan(0.01, ALL_KINDS))
    pipeline.load(settings, pipeline.as_of_for("2026-09"))
    pipeline.build(settings)
    people = result.world.staff
    women = [e.participant for e in result.enrolments]
    identifiers = ({s.staff_number for s in people} | {s.email for s in people}
                   | {p.prison_number for p in women})
    names = {s.name for s in people} | {p.name for p in women}
    assert len(identifiers) > 500 and len(names) > 100
    pattern = re.compile("|".join(re.escape(x) for x in sorted(identifiers | names, key=len,
                                                                  reverse=True)), re.IGNORECASE)
    con = duckdb.connect(str(settings.work_db), read_only=True)
    columns = con.execute("select table_schema, table_name, column_name from "
                          "information_schema.columns where data_type = 'VARCHAR'").fetchall()
    scanned = 0
    for schema, table, column in columns:
        for (value,) in con.execute(f'select distinct "{column}" from "{schema}"."{table}" '
                                    f'where "{column}" is not null').fetchall():
            scanned += 1
            match = pattern.search(value)
            assert match is None, f"{schema}.{table}.{column} holds {match.group(0)!r}"
    con.close()
    assert scanned > 1000
    assert {"raw", "staging", "marts", "publish"} <= {c[0] for c in columns}
