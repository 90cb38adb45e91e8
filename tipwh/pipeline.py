"""The pipeline's steps as plain functions: what the CLI and every DAG task call.

Each step is idempotent and keyed on its inputs (file hashes, the month, the logical date),
never on the wall clock: re-running a step with the same inputs changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tipwh import transform, warehouse
from tipwh.config import Settings
from tipwh.months import add_months, month_label, parse_month


@dataclass(frozen=True)
class LoadResult:
    files_loaded: int
    files_partially_loaded: int
    files_rejected: int
    files_skipped: int
    rows_loaded: int
    rows_quarantined: int
    loaded_feeds: tuple[str, ...]
    rejections: tuple[str, ...]


def load(settings: Settings, as_of: datetime, feeds: list[str] | None = None) -> LoadResult:
    """Validate and load every new landing file into the build copy's raw layer."""
    from ingest.load import load_landing
    from ingest.pseudonymise import Pseudonymiser

    summary = load_landing(settings.work_db, settings.landing, settings.quarantine,
                           Pseudonymiser(settings.pseudonym_key()), as_of,
                           settings.max_bad_row_share, feeds, settings.gx_docs_dir)
    entries = summary.entries
    return LoadResult(
        files_loaded=sum(e.outcome == "loaded" for e in entries),
        files_partially_loaded=sum(e.outcome == "partially loaded" for e in entries),
        files_rejected=sum(e.outcome == "rejected" for e in entries),
        files_skipped=len(summary.skipped),
        rows_loaded=sum(e.rows_loaded for e in entries),
        rows_quarantined=sum(e.rows_quarantined for e in entries),
        loaded_feeds=tuple(sorted(summary.loaded_feeds)),
        rejections=tuple(f"{e.file_name}: {e.reason}" for e in summary.rejected),
    )


def build(settings: Settings, full_refresh: bool = False) -> str:
    return transform.build(settings, full_refresh)


def publish(settings: Settings) -> Path:
    return warehouse.publish(settings.work_db, settings.published_db)


def rollback(settings: Settings) -> Path:
    return warehouse.rollback(settings.published_db)


def report(settings: Settings, month: str, region: str | None = None) -> list[Path]:
    from reports import write_reports

    written = write_reports(settings.published_db, month, settings.reports_dir, region)
    folder = settings.reports_dir / month_label(parse_month(month))
    return [folder / r.file for r in written]


def report_month_for(logical_date: datetime | date) -> str:
    """The month a run on ``logical_date`` reports on: the last complete month before it."""
    first = date(logical_date.year, logical_date.month, 1)
    return month_label(add_months(first, -1))


def as_of_for(month: str) -> datetime:
    """The logical time a month's run is keyed on: midnight on the 1st of the next month."""
    nxt = add_months(parse_month(month), 1)
    return datetime(nxt.year, nxt.month, nxt.day)


def deliver(settings: Settings, month: str, dry_run: bool = False, smtp=None):
    """Email the month's reports, each to its own region's list only.

    ``smtp`` (a ``reports.delivery.SmtpSettings``) overrides the TIPWH_SMTP_* settings: the
    DAG passes its Airflow SMTP connection this way.
    """
    from reports.delivery import SmtpSettings, load_distribution
    from reports.delivery import deliver as send_all

    smtp = smtp or SmtpSettings(settings.smtp_host, settings.smtp_port, settings.smtp_sender,
                                settings.smtp_user, settings.smtp_password, settings.smtp_starttls)
    folder = settings.reports_dir / month_label(parse_month(month))
    return send_all(month, folder, load_distribution(settings.distribution_file), smtp, dry_run)
