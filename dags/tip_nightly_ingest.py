"""
### TIP nightly ingest

Every night at 02:00 (Europe/London), load what has landed in `TIPWH_HOME/landing/<feed>/`
into the raw layer of the build copy (`TIPWH_HOME/work/tip.duckdb`).

- **triage_landing**: files no feed can claim (unknown header, not in a feed's folder) go to
  `quarantine/_unknown/` with a reason file.
- **check_arrivals**: fails (and alerts) when a feed's file for its latest due period has not
  arrived (due times in `ingest/arrivals.py`). It does not hold up the loads.
- One **task group per feed**, independent of the others (a bad feed does not stop the
  rest; org units load first because other feeds check codes against them):
  - **load**: validate the feed's new files with its GX suite, pseudonymise, load good rows,
    quarantine bad rows, reject bad files whole. Emits the feed's Asset
    (`tip_raw_<feed>`) only when rows were loaded; skipped when nothing new landed.
  - **check_rejections**: fails, without retrying, naming every file the load rejected and
    why; the failure emails the data engineers. It reads the rejected files' reasons in
    quarantine, not DuckDB, so it runs beside the next feed's load.
- **ingest_done**: after every feed, emits `tip_nightly_ingest_done` when any feed loaded
  rows, so the transform runs once per night on the whole night's data, not once per feed.
- **data_docs**: after every feed, renders the night's GX validation results as Data Docs
  (`TIPWH_HOME/docs/gx/index.html`). It reads saved results, not DuckDB, so it needs no pool.

Keyed on the logical date: files are skipped by SHA-256, so clearing and re-running a task
loads nothing twice. Every task that opens DuckDB runs in the one-slot `tip_duckdb_writer` pool
(every task here but `check_rejections` and `data_docs`).
"""

from __future__ import annotations

from airflow.sdk import TaskGroup, dag, task
from tip_assets import FEED_NAMES, NIGHTLY_INGEST_DONE, RAW_FEEDS
from tip_common import DEFAULT_ARGS, DUCKDB_WRITER_POOL, london_cron, run_logical_date


def _as_of():
    from tipwh.pipeline import as_of_for_logical

    return as_of_for_logical(run_logical_date())


@task(pool=DUCKDB_WRITER_POOL)
def triage_landing() -> int:
    from tipwh import pipeline
    from tipwh.config import load_settings

    return pipeline.triage(load_settings(), _as_of()).files_rejected


@task(pool=DUCKDB_WRITER_POOL)
def check_arrivals() -> list[str]:
    from tipwh import pipeline
    from tipwh.config import load_settings

    return pipeline.check_arrivals(load_settings(), _as_of().date())


@task(pool=DUCKDB_WRITER_POOL, trigger_rule="all_done")
def load(feed: str) -> dict:
    from dataclasses import asdict

    from airflow.sdk.exceptions import AirflowSkipException

    from tipwh import pipeline
    from tipwh.config import load_settings

    result = pipeline.load(load_settings(), _as_of(), feeds=[feed])
    if result.rows_loaded == 0:
        raise AirflowSkipException(f"{feed}: no new rows loaded ({result.files_skipped} files "
                                   f"already loaded, {result.files_rejected} rejected)")
    return asdict(result)


@task(trigger_rule="all_done")  # reads quarantine's reason files, not DuckDB: no pool
def check_rejections(feed: str) -> None:
    from tipwh import pipeline
    from tipwh.config import load_settings

    pipeline.check_rejections(load_settings(), feed, _as_of())


@task(pool=DUCKDB_WRITER_POOL, outlets=[NIGHTLY_INGEST_DONE], trigger_rule="all_done")
def ingest_done() -> list[str]:
    from airflow.sdk.exceptions import AirflowSkipException

    from tipwh import pipeline
    from tipwh.config import load_settings

    feeds = pipeline.feeds_loaded(load_settings(), _as_of())
    if not feeds:
        raise AirflowSkipException("no feed loaded rows tonight: nothing to transform")
    return feeds


@task(trigger_rule="all_done")
def data_docs() -> int:
    from tipwh import pipeline
    from tipwh.config import load_settings

    return pipeline.data_docs(load_settings(), _as_of())


@dag(
    dag_id="tip_nightly_ingest",
    schedule=london_cron("0 2 * * *"),
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["tip", "ingest", "nightly", "duckdb-writer"],
    doc_md=__doc__,
)
def tip_nightly_ingest():
    triage = triage_landing()
    check_arrivals()
    loads = {}
    for feed in FEED_NAMES:
        with TaskGroup(group_id=feed):
            loads[feed] = load.override(task_id="load", outlets=[RAW_FEEDS[feed]])(feed)
            loads[feed] >> check_rejections.override(task_id="check_rejections")(feed)
    triage >> loads["org_units"]
    for feed in FEED_NAMES[1:]:
        loads["org_units"] >> loads[feed]
    list(loads.values()) >> ingest_done()
    list(loads.values()) >> data_docs()


tip_nightly_ingest()
