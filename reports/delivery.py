"""Email each region's monthly report to that region's distribution list, and only that list.

Recipients come from a YAML file (region code or ``national`` -> addresses). Each message
carries its report as an attachment and is sent over SMTP; a failed send is retried with
exponential backoff and, if it still fails, logged as failed and reported, never skipped
silently. Every attempt's outcome goes to ``delivery_log.jsonl`` in the month's folder.
Never imports Airflow: the DAG passes SMTP settings from its connection.
"""

from __future__ import annotations

import hashlib
import json
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    sender: str = "tip-reports@example.invalid"
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30.0


@dataclass
class Delivery:
    report: str
    recipients: list[str]
    attachment_sha256: str
    status: str = "pending"  # sent, already sent, failed, dry-run
    attempts: int = 0
    error: str | None = None


@dataclass
class DeliveryResult:
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.status == "failed"]


def _sent_before(log: Path) -> set[tuple[str, str, tuple[str, ...]]]:
    if not log.exists():
        return set()
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    return {(e["report"], e["attachment_sha256"], tuple(e["recipients"]))
            for e in entries if e["status"] == "sent"}


def load_distribution(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lists: dict[str, list[str]] = {}
    for key, value in data.items():
        addresses = [value] if isinstance(value, str) else list(value or [])
        if not all(isinstance(a, str) and "@" in a for a in addresses):
            raise ValueError(f"{path}: list {key!r} holds something that is not an address")
        lists[str(key)] = addresses
    return lists


def _message(month: str, report: Path, recipients: list[str], sender: str) -> EmailMessage:
    msg = EmailMessage()
    name = "National overview" if report.stem == "national" else f"Region {report.stem}"
    msg["Subject"] = f"Trauma-informed practice report {month}: {name}"
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg.set_content(
        f"The {month} trauma-informed practice report ({name}) is attached as a PDF and "
        "as a self-contained HTML page that opens in any browser.\n\n"
        "Figures follow the disclosure control rule: [c] marks a suppressed value.\n")
    pdf = report.with_suffix(".pdf")
    if pdf.exists():
        msg.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                           filename=f"tip-report-{month}-{report.stem}.pdf")
    msg.add_attachment(report.read_bytes(), maintype="text", subtype="html",
                       filename=f"tip-report-{month}-{report.stem}.html")
    return msg


def _send(smtp: SmtpSettings, msg: EmailMessage) -> None:
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
        if smtp.starttls:
            client.starttls()
        if smtp.user:
            client.login(smtp.user, smtp.password or "")
        client.send_message(msg)


def deliver(month: str, month_dir: Path, distribution: dict[str, list[str]],
            smtp: SmtpSettings, dry_run: bool = False, retries: int = 3,
            backoff_seconds: float = 2.0,
            sleep: Callable[[float], None] = time.sleep) -> DeliveryResult:
    """Send every report in ``month_dir`` that has a distribution list; log each outcome."""
    result = DeliveryResult()
    log = month_dir / "delivery_log.jsonl"
    already_sent = _sent_before(log)
    for report in sorted(month_dir.glob("*.html")):
        if report.name == "index.html":
            continue
        recipients = distribution.get(report.stem)
        if not recipients:
            delivery = Delivery(report.name, [], "", status="failed",
                                error=f"no distribution list for {report.stem!r}")
            result.deliveries.append(delivery)
            continue
        delivery = Delivery(report.name, list(recipients),
                            hashlib.sha256(report.read_bytes()).hexdigest())
        result.deliveries.append(delivery)
        if dry_run:
            delivery.status = "dry-run"
            continue
        if (report.name, delivery.attachment_sha256, tuple(recipients)) in already_sent:
            delivery.status = "already sent"  # a rerun or retry never emails a region twice
            continue
        message = _message(month, report, recipients, smtp.sender)
        for attempt in range(1, retries + 1):
            delivery.attempts = attempt
            try:
                _send(smtp, message)
                delivery.status, delivery.error = "sent", None
                break
            except (OSError, smtplib.SMTPException) as exc:
                delivery.status, delivery.error = "failed", f"{type(exc).__name__}: {exc}"
                if attempt < retries:
                    sleep(backoff_seconds * 2 ** (attempt - 1))
    if not dry_run:
        with log.open("a", encoding="utf-8") as fh:
            for d in result.deliveries:
                fh.write(json.dumps({"month": month, **d.__dict__}) + "\n")
    return result
