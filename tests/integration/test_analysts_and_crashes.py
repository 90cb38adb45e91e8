"""Analysts read the published warehouse during a transform; a killed transform changes nothing.

The transform and publish run in a child process (``tipwh build`` then ``tipwh publish``),
as an Airflow task would; the analyst is this test process with read-only connections.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tipwh import pipeline
from tipwh.generate import generate
from tipwh.warehouse import table_fingerprints

pytestmark = pytest.mark.slow
LATE = "2026-10"


def _publish_v1_and_land_v2(settings, tmp_path) -> None:
    """Publish the warehouse without October's files, then land and load them (not built)."""
    staged = tmp_path / "staged"
    generate(LATE, staged, seed=23, scale=0.03, history_months=2)
    files = [p for p in staged.rglob("*") if p.is_file() and p.name != "_manifest.json"]

    def land(paths) -> None:
        for path in paths:
            target = settings.landing / path.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)

    land(p for p in files if LATE not in p.name)
    pipeline.load(settings, pipeline.as_of_for("2026-09"))
    pipeline.build(settings)
    assert pipeline.publish(settings) == settings.published_db
    land(p for p in files if LATE in p.name)
    assert pipeline.load(settings, pipeline.as_of_for(LATE)).files_loaded > 0


def _signature(con: duckdb.DuckDBPyConnection) -> tuple:
    """What one connection sees, across layers: a mixed file would pair different versions."""
    return (
        con.execute("select count(*), max(session_date) from marts.fct_training_attendance").fetchone(),
        con.execute("select count(*), max(month_start) from publish.pub_training_coverage").fetchone(),
    )


def _read(path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _signature(con)
    finally:
        con.close()


def _tipwh(settings, *commands: str) -> subprocess.Popen:
    env = {**os.environ, "TIPWH_HOME": str(settings.home)}
    script = " && ".join(f"{sys.executable} -m tipwh.cli {c}" for c in commands)
    return subprocess.Popen(["bash", "-c", script], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
query = "select count(*), max(session_date) from marts.fct_training_attendance"
print(con.execute(query).fetchone(), flush=True)
sys.stdin.readline()
print(con.execute(query).fetchone(), flush=True)
"""


def test_analysts_read_old_or_new_never_a_mix_and_never_block_the_load(settings, tmp_path):
    _publish_v1_and_land_v2(settings, tmp_path)
    old = _read(settings.published_db)
    # another analyst's session, open on the published file all through the load
    held = subprocess.Popen([sys.executable, "-c", HOLDER, str(settings.published_db)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    held_first = held.stdout.readline()
    run = _tipwh(settings, "build", "publish")
    seen = []
    while run.poll() is None:
        seen.append(_read(settings.published_db))  # each open succeeds, mid-transform too
        time.sleep(0.2)
    output = run.stdout.read()
    assert run.returncode == 0, output  # the open reader did not block the build or publish
    new = _read(settings.published_db)
    assert new != old
    assert len(seen) > 10 and seen[0] == old
    assert set(seen) <= {old, new}, set(seen) - {old, new}
    held_again, _ = held.communicate("\n", timeout=60)
    assert held_again.strip() == held_first.strip() == str(old[0])  # its version, whole


def _dbt_progress(settings) -> int:
    log = settings.home / "logs" / "dbt" / "dbt.log"
    if not log.exists():
        return 0
    return log.read_text(encoding="utf-8", errors="replace").count(" START ")


def test_killing_the_transform_midway_leaves_the_published_warehouse_and_the_next_run_completes(
        settings, tmp_path):
    _publish_v1_and_land_v2(settings, tmp_path)
    before = table_fingerprints(settings.published_db)
    (settings.home / "logs" / "dbt" / "dbt.log").unlink()
    run = _tipwh(settings, "build", "publish")
    deadline = time.monotonic() + 120
    while _dbt_progress(settings) < 40 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.1)
    assert run.poll() is None, "the transform finished before it could be killed"
    os.killpg(run.pid, signal.SIGKILL)  # the CLI and its dbt child, mid-build
    run.wait()
    assert table_fingerprints(settings.published_db) == before
    assert not settings.ready_db.exists()
    con = duckdb.connect(str(settings.published_db), read_only=True)  # still opens, read-only
    con.close()

    rerun = _tipwh(settings, "build", "publish")
    output, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, output
    after = table_fingerprints(settings.published_db)
    assert after != before
    assert after["marts.fct_training_attendance"] != before["marts.fct_training_attendance"]
