"""
### TIP monthly pipeline

Runs the whole month on the 1st at 06:00 (Europe/London) for the month just ended:

1. **load_landing**: validate every new landing file with its GX suite, pseudonymise, load
   the raw layer of the build copy (`TIPWH_HOME/work/tip.duckdb`); bad rows go to quarantine,
   bad files to `TIPWH_HOME/quarantine/` with a reason file.
2. **dbt_build**: `dbt build` of `dbt_project/` on the build copy (models and tests in
   order; a failing test skips what depends on it).
3. **publish_warehouse**: atomically replace `TIPWH_HOME/warehouse/tip.duckdb` (analysts'
   read-only copy), keeping the previous version for `tipwh rollback`.
4. **write_reports**: the 12 regional reports, the national overview and the month index in
   `TIPWH_HOME/reports/YYYY-MM/`.

Every step is keyed on the logical date (the report month is the month before it), so
clearing and re-running a task gives the same warehouse and reports. One run at a time:
DuckDB takes one writer. The task bodies are single calls into `tipwh.pipeline`.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, get_current_context, task
from tip_assets import MONTHLY_REPORTS, PUBLISHED_WAREHOUSE, RAW_LAYER, WAREHOUSE_BUILD

DEFAULT_ARGS = {
    "owner": "tip-data-engineering",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=20),
}


def _report_month() -> str:
    from tipwh.pipeline import report_month_for

    context = get_current_context()
    return report_month_for(context["logical_date"] or context["dag_run"].run_after)


@dag(
    dag_id="tip_monthly_pipeline",
    schedule="0 6 1 * *",
    start_date=pendulum.datetime(2025, 1, 1, tz="Europe/London"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["tip", "monthly", "duckdb-writer"],
    doc_md=__doc__,
)
def tip_monthly_pipeline():
    @task(outlets=[RAW_LAYER])
    def load_landing() -> dict:
        from dataclasses import asdict

        from tipwh import pipeline
        from tipwh.config import load_settings

        month = _report_month()
        return asdict(pipeline.load(load_settings(), pipeline.as_of_for(month)))

    @task(outlets=[WAREHOUSE_BUILD])
    def dbt_build() -> None:
        from tipwh import pipeline
        from tipwh.config import load_settings

        pipeline.build(load_settings())

    @task(outlets=[PUBLISHED_WAREHOUSE])
    def publish_warehouse() -> str:
        from tipwh import pipeline
        from tipwh.config import load_settings

        return str(pipeline.publish(load_settings()))

    @task(outlets=[MONTHLY_REPORTS])
    def write_reports() -> list[str]:
        from tipwh import pipeline
        from tipwh.config import load_settings

        return [str(p) for p in pipeline.report(load_settings(), _report_month())]

    load_landing() >> dbt_build() >> publish_warehouse() >> write_reports()


tip_monthly_pipeline()
