"""
### TIP transform

Runs once the nightly ingest has finished (`tip_nightly_ingest_done`) and any feed's raw
Asset (`tip_raw_<feed>`) has a new event since the last transform: `dbt build` of `dbt_project/` on
the build copy (seeds, models and tests in DAG order, so a failing test skips every model
downstream of it), then a snapshot of the passing build for `tip_publish`.

One `dbt build` task rather than a task per model (Cosmos): with ~60 models and ~120 tests,
a task per node costs 4-5 s of executor overhead each on this stack, minutes per run, for
ordering and test gating `dbt build` already gives in one process. Per-model timings and
results are in the task log and in `run_results.json` under `TIPWH_HOME/dbt_target/`.

A failed test fails the task at once (no retry) and alerts; a transient error (e.g. the
file locked by another process) is retried with backoff.
"""

from __future__ import annotations

import functools
import operator

from airflow.sdk import dag, task
from tip_assets import NIGHTLY_INGEST_DONE, RAW_FEEDS, WAREHOUSE_BUILD
from tip_common import DEFAULT_ARGS, DUCKDB_WRITER_POOL


@dag(
    dag_id="tip_transform",
    schedule=NIGHTLY_INGEST_DONE & functools.reduce(operator.or_, RAW_FEEDS.values()),
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["tip", "dbt", "duckdb-writer"],
    doc_md=__doc__,
)
def tip_transform():
    @task(pool=DUCKDB_WRITER_POOL, outlets=[WAREHOUSE_BUILD])
    def dbt_build() -> str:
        from tipwh import pipeline
        from tipwh.config import load_settings

        return pipeline.build(load_settings()).strip().splitlines()[-1]

    dbt_build()


tip_transform()
