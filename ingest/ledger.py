"""The raw layer's tables: one per feed, the load ledger, the row quarantine.

Every file gets one ledger row per load attempt; ``rows_read = rows_loaded +
rows_quarantined`` always holds (a rejected file quarantines all its rows, whole).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from ingest.feeds import FEEDS, output_columns

META_COLUMNS = [("_file_sha256", "varchar"), ("_file_name", "varchar"),
                ("_row_number", "integer"), ("_loaded_at", "timestamp")]
LEDGER_DDL = """
create table if not exists raw.load_ledger (
    ledger_id varchar primary key,
    feed varchar not null,
    file_name varchar not null,
    file_sha256 varchar not null,
    attempt integer not null,
    size_bytes bigint not null,
    received_at timestamp not null,
    loaded_at timestamp not null,
    rows_read integer not null,
    rows_loaded integer not null,
    rows_quarantined integer not null,
    outcome varchar not null,
    validation_result_id varchar,
    reason varchar
)"""
QUARANTINE_DDL = """
create table if not exists raw.quarantine (
    file_sha256 varchar not null,
    feed varchar not null,
    file_name varchar not null,
    row_number integer not null,
    failed_checks varchar not null,
    raw_values varchar not null,
    quarantined_at timestamp not null,
    primary key (file_sha256, row_number)
)"""


@dataclass
class LedgerEntry:
    feed: str
    file_name: str
    file_sha256: str
    size_bytes: int
    received_at: datetime
    loaded_at: datetime
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    outcome: str  # loaded, partially loaded, rejected
    validation_result_id: str | None
    reason: str | None

    def __post_init__(self) -> None:
        if self.rows_read != self.rows_loaded + self.rows_quarantined:
            raise AssertionError(
                f"{self.file_name}: conservation broken: read {self.rows_read} != loaded "
                f"{self.rows_loaded} + quarantined {self.rows_quarantined}")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(LEDGER_DDL)
    con.execute(QUARANTINE_DDL)
    for feed in FEEDS.values():
        cols = ", ".join(f"{name} {typ}" for name, typ in [*output_columns(feed), *META_COLUMNS])
        con.execute(f"create table if not exists raw.{feed.name} ({cols})")


def loaded_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select file_sha256 from raw.load_ledger where outcome in ('loaded', 'partially loaded')"
    ).fetchall()
    return {r[0] for r in rows}


def record(con: duckdb.DuckDBPyConnection, entry: LedgerEntry) -> None:
    attempt = con.execute(
        "select count(*) + 1 from raw.load_ledger where file_sha256 = ?", [entry.file_sha256]
    ).fetchone()[0]
    con.execute(
        "insert into raw.load_ledger values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [f"{entry.file_sha256[:16]}-{attempt}", entry.feed, entry.file_name, entry.file_sha256,
         attempt, entry.size_bytes, entry.received_at, entry.loaded_at, entry.rows_read,
         entry.rows_loaded, entry.rows_quarantined, entry.outcome, entry.validation_result_id,
         entry.reason],
    )


def recent_row_counts(con: duckdb.DuckDBPyConnection, feed: str, limit: int) -> list[int]:
    return [r[0] for r in con.execute(
        "select rows_read from raw.load_ledger where feed = ? and outcome <> 'rejected' "
        "order by loaded_at desc, ledger_id desc limit ?", [feed, limit]).fetchall()]
