"""
### TIP monthly reports

On the 1st of each month at 06:00 (Europe/London), for the month just ended, from the
published warehouse (read-only, so it never waits for or blocks a load):

1. **plan_reports**: the areas to write: the 12 regions, then the national overview.
2. **write_report**: one mapped task per area, HTML and PDF into
   `TIPWH_HOME/reports/YYYY-MM/`.
3. **write_index**: the month's `index.html` with every report's checksum.
4. **deliver_reports**: email each region's report to its own list over the `smtp_default`
   connection; skipped, visibly, without one. A report already sent (same checksum, same
   list) is never sent again, so clearing or backfilling a month emails nobody twice.

Keyed on the logical date: the report month is the month before it, and the reports depend
only on the published warehouse and that month, so a rerun or
`airflow backfill create --dag-id tip_monthly_reports ...` writes the same bytes.
"""

from __future__ import annotations

from airflow.sdk import dag, task
from tip_assets import MONTHLY_REPORTS, PUBLISHED_WAREHOUSE
from tip_common import DEFAULT_ARGS, london_cron, run_logical_date


def _report_month() -> str:
    from tipwh.pipeline import report_month_for

    return report_month_for(run_logical_date())


@dag(
    dag_id="tip_monthly_reports",
    schedule=london_cron("0 6 1 * *"),
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["tip", "reports", "monthly"],
    doc_md=__doc__,
)
def tip_monthly_reports():
    @task(inlets=[PUBLISHED_WAREHOUSE])
    def plan_reports() -> list[str]:
        from tipwh import pipeline
        from tipwh.config import load_settings

        return pipeline.report_areas(load_settings())

    @task(map_index_template="{{ area }}")
    def write_report(area: str) -> str:
        from tipwh import pipeline
        from tipwh.config import load_settings

        return pipeline.report_area(load_settings(), _report_month(), area).name

    @task(outlets=[MONTHLY_REPORTS])
    def write_index(written: list[str]) -> list[str]:
        from tipwh import pipeline
        from tipwh.config import load_settings

        return pipeline.report_index(load_settings(), _report_month())

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

    written = write_report.expand(area=plan_reports())
    write_index(written) >> deliver_reports()


tip_monthly_reports()
