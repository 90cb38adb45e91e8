"""The pipeline's steps as plain functions: what the CLI and every DAG task call.

Each step is idempotent and keyed on its inputs (file hashes, the month, the logical date),
never on the wall clock: re-running a step with the same inputs changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tipwh import transform, warehouse
from tipwh.config import Settings
from tipwh.errors import DataRejected, FeedOverdue
from tipwh.months import add_months, month_label, parse_month

LOCAL_TZ = ZoneInfo("Europe/London")


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


def load(settings: Settings, as_of: datetime, feeds: list[str] | None = None,
         quarantine_unknown: bool | None = None) -> LoadResult:
    """Validate and load every new landing file (or only ``feeds``') into the raw layer."""
    from ingest.load import load_landing
    from ingest.pseudonymise import Pseudonymiser

    summary = load_landing(settings.work_db, settings.landing, settings.quarantine,
                           Pseudonymiser(settings.pseudonym_key()), as_of,
                           settings.max_bad_row_share, feeds, settings.gx_results_dir,
                           quarantine_unknown)
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


def triage(settings: Settings, as_of: datetime) -> LoadResult:
    """Quarantine landing files no feed can claim (loads nothing): the nightly run's first step."""
    return load(settings, as_of, feeds=[], quarantine_unknown=True)


def data_docs(settings: Settings, as_of: datetime) -> int:
    """Render the GX Data Docs of the loads keyed ``as_of`` (once a night, after every feed)."""
    from expectations.docs import render

    return render(settings.gx_results_dir, settings.gx_docs_dir, as_of.date())


def _ledger(settings: Settings):
    import duckdb

    from ingest import ledger

    settings.work_db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.work_db))
    ledger.ensure_schema(con)
    return con


def check_rejections(settings: Settings, feed: str, as_of: datetime) -> None:
    """Raise ``DataRejected`` naming each file of ``feed`` the load keyed ``as_of`` rejected.

    Read from the quarantined files' reasons, not the ledger: no DuckDB, so the check runs
    beside the next feed's load instead of waiting for the writer's slot.
    """
    from ingest.load import rejected_files

    rejected = rejected_files(settings.quarantine, feed, as_of)
    if rejected:
        raise DataRejected(f"feed {feed}: {len(rejected)} file(s) rejected and moved to "
                           f"{settings.quarantine / feed}:\n" + "\n".join(
                               f"file {name}: {reason}" for name, reason in rejected))


def feeds_loaded(settings: Settings, as_of: datetime) -> list[str]:
    """The feeds that gained rows in the load keyed ``as_of``."""
    con = _ledger(settings)
    try:
        return [r[0] for r in con.execute(
            "select distinct feed from raw.load_ledger where loaded_at = ? and rows_loaded > 0 "
            "order by feed", [as_of]).fetchall()]
    finally:
        con.close()


def arrived_file_names(settings: Settings) -> dict[str, set[str]]:
    """Every file name seen per feed: in the ledger, waiting in landing, or in quarantine."""
    con = _ledger(settings)
    try:
        names: dict[str, set[str]] = {}
        for feed, name in con.execute("select distinct feed, file_name from raw.load_ledger").fetchall():
            names.setdefault(feed, set()).add(name)
    finally:
        con.close()
    for root in (settings.landing, settings.quarantine):
        for path in root.glob("*/*") if root.exists() else []:
            names.setdefault(path.parent.name, set()).add(path.name)
    return names


def check_arrivals(settings: Settings, on: date) -> list[str]:
    """Raise ``FeedOverdue`` listing every feed whose latest due file is missing on ``on``."""
    from ingest.arrivals import ARRIVALS, overdue_feeds

    late = overdue_feeds(arrived_file_names(settings), on)
    if late:
        raise FeedOverdue("\n".join(o.message() for o in late))
    return sorted(ARRIVALS)


def build(settings: Settings, full_refresh: bool = False) -> str:
    """``dbt build`` on the build copy; when it passes, snapshot it for the next publish."""
    output = transform.build(settings, full_refresh)
    warehouse.snapshot(settings.work_db, settings.ready_db)
    return output


def publish(settings: Settings) -> Path | None:
    """Publish the last passing build; ``None`` when there is nothing new since the last publish."""
    return warehouse.publish(settings.ready_db, settings.published_db)


def rollback(settings: Settings) -> Path:
    return warehouse.rollback(settings.published_db)


def report_areas(settings: Settings) -> list[str]:
    from reports import areas

    return areas(settings.published_db)


def report_area(settings: Settings, month: str, area: str) -> Path:
    """One region's report (or ``national``), HTML and PDF."""
    from reports import write_report

    return write_report(settings.published_db, month, settings.reports_dir, area)


def report_index(settings: Settings, month: str) -> list[str]:
    from reports import write_month_index

    return [r.file for r in write_month_index(settings.published_db, month, settings.reports_dir)]


def report(settings: Settings, month: str, region: str | None = None) -> list[Path]:
    from reports import write_reports

    written = write_reports(settings.published_db, month, settings.reports_dir, region)
    folder = settings.reports_dir / month_label(parse_month(month))
    return [folder / r.file for r in written]


def report_month_for(logical_date: datetime | date) -> str:
    """The month a run on ``logical_date`` reports on: the last complete month before it."""
    first = date(logical_date.year, logical_date.month, 1)
    return month_label(add_months(first, -1))


def as_of_for_logical(logical_date: datetime) -> datetime:
    """A run's logical date as the naive Europe/London time the ledger records loads at."""
    if logical_date.tzinfo is not None:
        logical_date = logical_date.astimezone(LOCAL_TZ).replace(tzinfo=None)
    return logical_date.replace(microsecond=0)


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
