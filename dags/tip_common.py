"""What every TIP DAG shares: owner, retry rules, the data engineers' alert, the writer pool.

Retries back off exponentially for transient errors (a DuckDB lock, a full disk, an SMTP
timeout); a ``tipwh.errors.DataRejected`` (a rejected file, a failed dbt test, an overdue
feed) fails at once, because retrying cannot change a verdict on the data. Every failure
emails the data engineers over the ``smtp_default`` connection.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import (
    CronTriggerTimetable,
    ExceptionRetryPolicy,
    RetryAction,
    RetryRule,
    get_current_context,
)

DUCKDB_WRITER_POOL = "tip_duckdb_writer"  # one slot: DuckDB takes one writing process per file

ALERT_TO = "{{ var.value.get('tip_alert_emails', 'tip-data-engineers@example.invalid') }}"
ALERT_SUBJECT = "[TIP warehouse] {{ ti.dag_id }}.{{ ti.task_id }} failed ({{ run_id }})"
ALERT_BODY = (
    "<p>Task <b>{{ ti.task_id }}</b> of <b>{{ ti.dag_id }}</b> failed on try "
    "{{ ti.try_number }}, run {{ run_id | e }}.</p>"
    "<pre>{{ exception | string | e }}</pre>"
    "<p>Rejected files are in the quarantine folder beside a .reason.json; after a fix, "
    "<code>tipwh release FILE</code> and clear the task.</p>"
)


def london_cron(expression: str) -> CronTriggerTimetable:
    """A cron schedule in London time that never runs a missed slot when first unpaused.

    Airflow's default (``run_immediately=False``) still runs the latest slot if it passed
    within a tenth of the gap between slots (2.4 h for a nightly DAG, 3 days for a monthly
    one): unpausing at 02:30 would load a night nobody asked for. ``timedelta(0)`` waits for
    the next slot. Once a DAG has runs, a slot missed while the scheduler was down still runs.
    """
    return CronTriggerTimetable(expression, timezone="Europe/London",
                                run_immediately=timedelta(0))


def notify_data_engineers(context) -> None:
    """Email the failed task, its run and the error (which names feed, file and reason)."""
    from airflow.providers.smtp.notifications.smtp import SmtpNotifier

    # a fresh notifier per failure: rendering overwrites its templated fields in place
    SmtpNotifier(to=ALERT_TO, subject=ALERT_SUBJECT, html_content=ALERT_BODY,
                 from_email="{{ var.value.get('tip_alert_from', 'tip-airflow@example.invalid') }}",
                 smtp_conn_id="smtp_default")(context)


DEFAULT_ARGS = {
    "owner": "tip-data-engineering",
    "retries": 3,
    "retry_delay": timedelta(minutes=1),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=30),
    "retry_policy": ExceptionRetryPolicy(rules=[
        RetryRule(exception="tipwh.errors.DataRejected", action=RetryAction.FAIL,
                  reason="a verdict on the data: retrying cannot change it"),
    ]),
    "on_failure_callback": notify_data_engineers,
}


def run_logical_date():
    """The run's logical date; a manual run without one is keyed on when it was due to run."""
    context = get_current_context()
    return context["logical_date"] or context["dag_run"].run_after
