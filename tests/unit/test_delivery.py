"""Report delivery against a real local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
import json

import pytest
from aiosmtpd.controller import Controller

from reports.delivery import SmtpSettings, deliver, load_distribution
from tipwh.up import free_port

LISTS = {"N03": ["wales@example.invalid"], "N57": ["kss-a@example.invalid", "kss-b@example.invalid"],
         "national": ["national@example.invalid"]}


class Inbox:
    def __init__(self, fail_times: int = 0):
        self.messages: list[tuple[list[str], email.message.Message]] = []
        self.fail_times = fail_times

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        if self.fail_times > 0:
            self.fail_times -= 1
            return "451 Try again later"
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def month_dir(tmp_path):
    folder = tmp_path / "2026-10"
    folder.mkdir()
    for stem in ["N03", "N57", "national", "index"]:
        (folder / f"{stem}.html").write_text(f"<html lang='en'><body>{stem} report</body></html>")
        (folder / f"{stem}.pdf").write_bytes(f"%PDF-1.4 {stem}".encode())
    return folder


def _serve(handler: Inbox) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


def test_each_region_gets_only_its_own_report(month_dir):
    inbox = Inbox()
    server = _serve(inbox)
    try:
        result = deliver("2026-10", month_dir, LISTS, SmtpSettings("127.0.0.1", server.port))
    finally:
        server.stop()
    assert [d.status for d in result.deliveries] == ["sent", "sent", "sent"]
    assert len(inbox.messages) == 3
    for recipients, message in inbox.messages:
        files = {p.get_filename(): p.get_payload(decode=True) for p in message.walk()
                 if p.get_filename()}
        html_name = next(n for n in files if n.endswith(".html"))
        stem = html_name.removeprefix("tip-report-2026-10-").removesuffix(".html")
        assert recipients == LISTS[stem]
        assert f"{stem} report" in files[html_name].decode()
        assert files[f"tip-report-2026-10-{stem}.pdf"] == f"%PDF-1.4 {stem}".encode()
    log = [json.loads(line) for line in (month_dir / "delivery_log.jsonl").read_text().splitlines()]
    assert {entry["report"]: entry["status"] for entry in log} == {
        "N03.html": "sent", "N57.html": "sent", "national.html": "sent"}


def test_a_failing_server_is_retried_then_reported_not_skipped(month_dir):
    waits: list[float] = []
    inbox = Inbox(fail_times=100)
    server = _serve(inbox)
    try:
        result = deliver("2026-10", month_dir, LISTS, SmtpSettings("127.0.0.1", server.port),
                         retries=3, backoff_seconds=1.0, sleep=waits.append)
    finally:
        server.stop()
    assert [d.status for d in result.deliveries] == ["failed"] * 3
    assert all(d.attempts == 3 and "451" in d.error for d in result.deliveries)
    assert waits == [1.0, 2.0] * 3
    assert len(result.failed) == 3
    log = (month_dir / "delivery_log.jsonl").read_text()
    assert log.count('"status": "failed"') == 3


def test_a_transient_failure_recovers_on_retry(month_dir):
    inbox = Inbox(fail_times=1)
    server = _serve(inbox)
    try:
        result = deliver("2026-10", month_dir, {"N03": LISTS["N03"]},
                         SmtpSettings("127.0.0.1", server.port), sleep=lambda _: None)
    finally:
        server.stop()
    n03 = next(d for d in result.deliveries if d.report == "N03.html")
    assert n03.status == "sent" and n03.attempts == 2
    assert [d.status for d in result.deliveries if d.report != "N03.html"] == ["failed", "failed"]


def test_dry_run_sends_nothing_and_names_who_would_get_what(month_dir):
    result = deliver("2026-10", month_dir, LISTS, SmtpSettings("127.0.0.1", free_port()),
                     dry_run=True)
    assert {d.report: d.recipients for d in result.deliveries} == {
        "N03.html": LISTS["N03"], "N57.html": LISTS["N57"], "national.html": LISTS["national"]}
    assert all(d.status == "dry-run" for d in result.deliveries)
    assert not (month_dir / "delivery_log.jsonl").exists()


def test_the_example_distribution_file_has_a_list_for_every_region_and_the_nation():
    from tipwh.config import PROJECT_ROOT
    from tipwh.reference import regions

    lists = load_distribution(PROJECT_ROOT / "config" / "distribution.example.yml")
    assert set(lists) == set(regions()) | {"national"}
    assert len({tuple(v) for v in lists.values()}) == len(lists), "no two regions share a list"


def test_a_rerun_never_emails_a_region_twice(month_dir):
    inbox = Inbox()
    server = _serve(inbox)
    try:
        first = deliver("2026-10", month_dir, LISTS, SmtpSettings("127.0.0.1", server.port))
        again = deliver("2026-10", month_dir, LISTS, SmtpSettings("127.0.0.1", server.port))
        (month_dir / "N03.html").write_text("<html lang='en'><body>N03 corrected</body></html>")
        corrected = deliver("2026-10", month_dir, LISTS, SmtpSettings("127.0.0.1", server.port))
    finally:
        server.stop()
    assert [d.status for d in first.deliveries] == ["sent"] * 3
    assert [d.status for d in again.deliveries] == ["already sent"] * 3
    assert [d.status for d in corrected.deliveries] == ["sent", "already sent", "already sent"]
    assert len(inbox.messages) == 4
