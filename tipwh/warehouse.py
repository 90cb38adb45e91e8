"""Publish the build copy of the warehouse atomically, keep the previous one for rollback.

Loads and dbt write ``work/tip.duckdb``; analysts open ``warehouse/tip.duckdb`` read-only.
After a successful ``dbt build`` the build file is checkpointed and copied whole to
``work/tip.ready.duckdb`` (the *snapshot*): the state that passed every test, which a later
load cannot change. Publishing copies the snapshot beside the published path, checks the
copy opens, then ``os.replace``s it into place: a reader sees the old file or the new one,
never a mix, and is never blocked by a load. The file being replaced is kept as
``tip.previous.duckdb`` (a hard link, so the published path never disappears).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

PREVIOUS_NAME = "tip.previous.duckdb"
REQUIRED_TABLES = [("marts", "fct_training_coverage"), ("publish", "pub_training_coverage")]


class PublishError(RuntimeError):
    pass


def checkpoint(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    try:
        con.execute("checkpoint")
    finally:
        con.close()


def verify(db_path: Path) -> None:
    """The candidate opens read-only and holds the tables reports and analysts rely on."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        present = set(con.execute(
            "select table_schema, table_name from information_schema.tables").fetchall())
    finally:
        con.close()
    missing = [f"{s}.{t}" for s, t in REQUIRED_TABLES if (s, t) not in present]
    if missing:
        raise PublishError(f"{db_path} is missing {', '.join(missing)}: not publishing it")


def _swap_in(candidate: Path, published: Path) -> None:
    previous = published.parent / PREVIOUS_NAME
    if published.exists():
        tmp_link = published.parent / f".{PREVIOUS_NAME}.tmp"
        tmp_link.unlink(missing_ok=True)
        os.link(published, tmp_link)
        os.replace(tmp_link, previous)
    os.replace(candidate, published)


def snapshot(work_db: Path, ready: Path) -> Path:
    """Freeze the build copy as it is now (after a passing build) for the next publish."""
    if not work_db.exists():
        raise PublishError(f"nothing to snapshot: {work_db} does not exist")
    checkpoint(work_db)
    tmp = ready.parent / f".{ready.name}.tmp"
    shutil.copyfile(work_db, tmp)
    verify(tmp)
    os.replace(tmp, ready)
    return ready


def publish(ready: Path, published: Path) -> Path | None:
    """Make the snapshot the published warehouse; ``None`` when there is no new snapshot.

    The snapshot is removed only after the swap, so a crash in between republishes the same
    bytes next time: publishing is idempotent.
    """
    if not ready.exists():
        return None
    published.parent.mkdir(parents=True, exist_ok=True)
    candidate = published.parent / f".{published.name}.candidate"
    shutil.copyfile(ready, candidate)  # a copy: work and warehouse may be different volumes
    verify(candidate)
    _swap_in(candidate, published)
    ready.unlink()
    return published


def rollback(published: Path) -> Path:
    """Put the previous published version back (the current one becomes the previous)."""
    previous = published.parent / PREVIOUS_NAME
    if not previous.exists():
        raise PublishError(f"no previous version to roll back to ({previous} is missing)")
    candidate = published.parent / f".{published.name}.candidate"
    shutil.copyfile(previous, candidate)
    verify(candidate)
    _swap_in(candidate, published)
    return published


def table_fingerprints(db_path: Path, schemas: tuple[str, ...] = ("marts", "publish")) -> dict[str, str]:
    """An order-independent hash of every table in ``schemas``: equal hashes, equal contents."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in (select unnest(?)) and table_type = 'BASE TABLE' order by 1, 2",
            [list(schemas)]).fetchall()
        return {
            f"{schema}.{table}": con.execute(
                f'select md5(coalesce(string_agg(cast(t as varchar), chr(10) '  # noqa: S608
                f'order by cast(t as varchar)), \'\')) from "{schema}"."{table}" as t').fetchone()[0]
            for schema, table in tables
        }
    finally:
        con.close()
