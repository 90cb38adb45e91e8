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
4. **write_reports**: the 12 regional reports, the national overview (HTML and PDF) and the
   month index in `TIPWH_HOME/reports/YYYY-MM/`.
5. **deliver_reports**: email each region's report to its own list over the `smtp_default`
   connection; skipped, visibly, when no such connection exists (as in `make demo`). A
   report already sent (same checksum, same list) is never sent again on a retry or rerun.

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

    @task
    def deliver_reports() -> list[str]:
        from airflow.sdk import Connection
        from airflow.sdk.exceptions import AirflowNotFoundException, AirflowSkipException

        from reports.delivery import SmtpSettings
        from tipwh import pipeline
        from tipwh.config import load_settings

        try:
            conn = Connection.get("smtp_default")
        except AirflowNotFoundException as exc:
            raise AirflowSkipException("no smtp_default connection: reports written, not emailed") from exc
        extra = conn.extra_dejson
        smtp = SmtpSettings(conn.host or "localhost", conn.port or 25,
                            extra.get("from_email", "tip-reports@example.invalid"),
                            conn.login, conn.password, not extra.get("disable_tls", True))
        result = pipeline.deliver(load_settings(), _report_month(), smtp=smtp)
        if result.failed:
            raise RuntimeError("not delivered: " + "; ".join(
                f"{d.report} ({d.error})" for d in result.failed))
        return [f"{d.report}: {d.status}" for d in result.deliveries]

    load_landing() >> dbt_build() >> publish_warehouse() >> write_reports() >> deliver_reports()


tip_monthly_pipeline()
