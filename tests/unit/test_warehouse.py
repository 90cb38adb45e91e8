"""Snapshot, atomic publish and rollback of the analysts' warehouse."""

from __future__ import annotations

import duckdb
import pytest

from tipwh.warehouse import PREVIOUS_NAME, PublishError, rollback, snapshot
from tipwh.warehouse import publish as publish_ready


def publish(work, published):
    """What a passing build then the publish step do: snapshot, then publish the snapshot."""
    ready = work.parent / "tip.ready.duckdb"
    snapshot(work, ready)
    return publish_ready(ready, published)


def _build(path, marker: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("create schema if not exists marts")
    con.execute("create schema if not exists publish")
    con.execute("create or replace table marts.fct_training_coverage as select ? as version", [marker])
    con.execute("create or replace table publish.pub_training_coverage as select ? as version", [marker])
    con.close()


def _version(path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select version from marts.fct_training_coverage").fetchone()[0]
    finally:
        con.close()


def test_publish_swaps_in_the_new_file_and_keeps_the_previous(tmp_path):
    work, published = tmp_path / "work" / "tip.duckdb", tmp_path / "warehouse" / "tip.duckdb"
    _build(work, "v1")
    publish(work, published)
    assert _version(published) == "v1"
    _build(work, "v2")
    publish(work, published)
    assert _version(published) == "v2"
    assert _version(published.parent / PREVIOUS_NAME) == "v1"
    rollback(published)
    assert _version(published) == "v1"
    assert not list(published.parent.glob("*.wal"))


def test_a_reader_holding_the_old_file_keeps_a_consistent_view(tmp_path):
    work, published = tmp_path / "work" / "tip.duckdb", tmp_path / "warehouse" / "tip.duckdb"
    _build(work, "v1")
    publish(work, published)
    reader = duckdb.connect(str(published), read_only=True)
    _build(work, "v2")
    publish(work, published)  # never blocked by the open reader
    assert reader.execute("select version from marts.fct_training_coverage").fetchone()[0] == "v1"
    reader.close()
    assert _version(published) == "v2"


def test_an_incomplete_build_is_not_published(tmp_path):
    work, published = tmp_path / "work" / "tip.duckdb", tmp_path / "warehouse" / "tip.duckdb"
    _build(work, "v1")
    publish(work, published)
    con = duckdb.connect(str(work))
    con.execute("drop table publish.pub_training_coverage")
    con.close()
    with pytest.raises(PublishError, match="pub_training_coverage"):
        publish(work, published)
    assert _version(published) == "v1"
    assert not (work.parent / "tip.ready.duckdb").exists()


def test_publish_without_a_new_snapshot_changes_nothing(tmp_path):
    work, published = tmp_path / "work" / "tip.duckdb", tmp_path / "warehouse" / "tip.duckdb"
    _build(work, "v1")
    publish(work, published)
    before = published.read_bytes()
    _build(work, "v2")  # a load or build after the snapshot: not yet passed, not published
    assert publish_ready(work.parent / "tip.ready.duckdb", published) is None
    assert published.read_bytes() == before
    assert not (published.parent / PREVIOUS_NAME).exists()


def test_rollback_without_a_previous_version_says_so(tmp_path):
    with pytest.raises(PublishError, match="no previous version"):
        rollback(tmp_path / "tip.duckdb")
