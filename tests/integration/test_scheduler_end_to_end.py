"""A real scheduler runs a month end to end, triggered through Airflow's REST API.

Airflow's api-server, scheduler, DAG processor and triggerer run as processes (what
``make up`` starts) on SQLite metadata, with a local SMTP server for the alert and report
emails. The test triggers the nightly ingest (with one broken file landed) through
``POST /api/v2/dags/.../dagRuns``; the Assets chain transform and publish; then it triggers
the monthly reports. It then clears and reruns every run, and backfills two months of
reports with ``airflow backfill create``: the marts and the reports stay identical.
"""

from __future__ import annotations

import email
import hashlib
import json
import time

import pytest
from aiosmtpd.controller import Controller

from tipwh import airflow_local, up
from tipwh.airflow_rest import AirflowRest
from tipwh.generate import generate
from tipwh.generate.writers import csv_bytes
from tipwh.warehouse import table_fingerprints

pytestmark = pytest.mark.slow
DAGS = ["tip_nightly_ingest", "tip_transform", "tip_publish", "tip_monthly_reports"]
NIGHT, MORNING = "2026-11-01T02:00:00Z", "2026-11-01T06:00:00Z"
ALERTS_TO = "tip-data-engineers@example.invalid"


class Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        message = email.message_from_bytes(envelope.content)
        text = [f"Subject: {message['Subject']}"]
        for part in message.walk():
            if part.get_content_type() in {"text/html", "text/plain"}:
                text.append(part.get_payload(decode=True).decode("utf-8", "replace"))
        self.messages.append((list(envelope.rcpt_tos), "\n".join(text)))
        return "250 OK"

    def to(self, address: str) -> list[str]:
        return [body for rcpts, body in self.messages if address in rcpts]


def _reports(settings, month: str) -> dict[str, str]:
    folder = settings.reports_dir / month
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.suffix in {".html", ".pdf"}}  # the reports and index, not the delivery log


def _wait_for(predicate, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


@pytest.fixture
def airflow_services(settings, monkeypatch):
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=up.free_port())
    smtp.start()
    monkeypatch.setenv("AIRFLOW_CONN_SMTP_DEFAULT", json.dumps({
        "conn_type": "smtp", "host": "127.0.0.1", "port": smtp.port,
        "extra": {"disable_tls": True, "disable_ssl": True,
                  "from_email": "tip-airflow@example.invalid"}}))
    monkeypatch.setenv("AIRFLOW_VAR_TIP_ALERT_EMAILS", ALERTS_TO)
    port = up.free_port()
    procs = up.start(settings, port)
    try:
        assert up.wait_healthy(port), "Airflow did not become healthy"
        api = AirflowRest(f"http://127.0.0.1:{port}")
        api.wait_for_dags(DAGS)
        for dag_id in DAGS:
            api.unpause(dag_id)
        yield api, inbox
    finally:
        up.stop(procs)
        smtp.stop()


def test_scheduler_runs_the_month_reruns_and_backfills_identically(settings, airflow_services):
    api, inbox = airflow_services
    generate("2026-10", settings.landing, seed=9, scale=0.03, history_months=2)
    broken = settings.landing / "training_logs" / "training_logs_2026-10_resend.csv"
    broken.write_bytes(csv_bytes(["Record ID", "Staff Number"], [["LMS1", "SN100001"]]))

    # the night: every feed loads; the broken file fails its feed's check, alone, at once
    night = api.trigger("tip_nightly_ingest", NIGHT)
    assert api.wait_for_run("tip_nightly_ingest", night) == "failed"
    tis = api.task_instances("tip_nightly_ingest", night)
    failed = {k for k, t in tis.items() if t["state"] == "failed"}
    assert failed == {"training_logs.check_rejections"}
    assert tis["training_logs.check_rejections"]["try_number"] == 1  # a verdict: not retried
    assert all(tis[f"{feed}.load"]["state"] == "success" for feed in
               ("org_units", "headcount", "training_logs", "programme_completions"))
    assert tis["ingest_done"]["state"] == "success"
    _wait_for(lambda: inbox.to(ALERTS_TO))
    alert = inbox.to(ALERTS_TO)[0]
    assert "training_logs.check_rejections" in alert
    assert "training_logs_2026-10_resend.csv" in alert and "required_columns" in alert

    # the Assets chain one transform and one publish for the whole night
    [transform] = api.wait_for_new_runs("tip_transform", 0)
    assert transform["state"] == "success" and transform["run_type"] == "asset_triggered"
    [publish] = api.wait_for_new_runs("tip_publish", 0)
    assert publish["state"] == "success"

    reports = api.trigger("tip_monthly_reports", MORNING)
    assert api.wait_for_run("tip_monthly_reports", reports) == "success"
    states = api.task_states("tip_monthly_reports", reports)
    assert len([k for k in states if k.startswith("write_report[")]) == 13
    assert set(states.values()) == {"success"}, states
    first_marts = table_fingerprints(settings.published_db)
    first_reports = _reports(settings, "2026-10")
    assert {"N52.html", "N52.pdf", "national.pdf", "index.html"} <= set(first_reports)
    reports_sent = len(inbox.messages) - len(inbox.to(ALERTS_TO))
    assert reports_sent == 13
    assert len(inbox.to("west-midlands-rrp@example.invalid")) == 1

    # clear and rerun every run of the month: same warehouse, same reports, nobody re-emailed
    api.clear("tip_nightly_ingest", night)
    assert api.wait_for_run("tip_nightly_ingest", night) == "failed"  # the same verdict
    api.clear("tip_transform", transform["dag_run_id"])
    assert api.wait_for_run("tip_transform", transform["dag_run_id"]) == "success"
    [republish] = api.wait_for_new_runs("tip_publish", 1)
    assert republish["state"] == "success"
    api.clear("tip_monthly_reports", reports)
    assert api.wait_for_run("tip_monthly_reports", reports) == "success"
    assert table_fingerprints(settings.published_db) == first_marts
    assert _reports(settings, "2026-10") == first_reports
    # the rerun night alerts again (its callback may land after the run's state does);
    # no region is sent its report twice
    _wait_for(lambda: len(inbox.to(ALERTS_TO)) == 2)
    assert len(inbox.messages) - len(inbox.to(ALERTS_TO)) == reports_sent
    assert len(api.runs("tip_transform")) == 1  # the rerun night loaded nothing new

    # backfill two months of reports through the scheduler (the run that exists is reused)
    backfill = airflow_local.airflow(
        settings, "backfill", "create", "--dag-id", "tip_monthly_reports",
        "--from-date", "2026-10-01", "--to-date", "2026-11-01T12:00:00",
        "--reprocess-behavior", "completed", capture=True, check=False)
    assert backfill.returncode == 0, backfill.stderr[-2000:]

    def backfilled() -> list[tuple[str, str]]:
        runs = [r for r in api.runs("tip_monthly_reports") if r["run_type"] == "backfill"]
        return sorted((r["logical_date"][:10], r["state"]) for r in runs)

    _wait_for(lambda: len(backfilled()) == 2 and all(s in {"success", "failed"}
                                                     for _, s in backfilled()), timeout=600)
    assert backfilled() == [("2026-10-01", "success"), ("2026-11-01", "success")]
    assert _reports(settings, "2026-10") == first_reports
    assert {"N52.html", "N52.pdf", "national.html", "index.html"} <= set(_reports(settings, "2026-09"))
    assert table_fingerprints(settings.published_db) == first_marts
    assert len(inbox.to("west-midlands-rrp@example.invalid")) == 2  # September's, once
