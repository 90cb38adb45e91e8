"""``tipwh validate FILE``: what loading a file would do, per rule, without writing anything."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ingest import ledger
from ingest.errors import FileRejected
from ingest.feeds import FEEDS
from ingest.load import LandingFile, _parse, validate_batch
from ingest.pseudonymise import Pseudonymiser

SHOW_ROWS = 20


@dataclass
class DryRunReport:
    file: Path
    feed: str | None
    rows_read: int = 0
    rows_ok: int = 0
    rejected: bool = False
    rejection: str = ""
    rules: dict[str, list[int]] = field(default_factory=dict)  # rule -> row numbers
    examples: dict[str, str] = field(default_factory=dict)  # rule -> first failing value
    max_share: float = 0.05

    def text(self) -> str:
        lines = [f"file: {self.file}", f"feed: {self.feed or 'unknown'}"]
        if self.rejected and not self.rows_read:
            lines.append(f"outcome: REJECTED (file-level) - {self.rejection}")
            return "\n".join(lines)
        bad = self.rows_read - self.rows_ok
        lines.append(f"rows read: {self.rows_read}; would load {self.rows_ok}; "
                     f"would quarantine {bad}")
        for rule, rows in sorted(self.rules.items()):
            shown = ", ".join(map(str, rows[:SHOW_ROWS])) + (" ..." if len(rows) > SHOW_ROWS else "")
            example = f"; e.g. {self.examples[rule]}" if self.examples.get(rule) else ""
            lines.append(f"  rule {rule}: {len(rows)} rows failed (file rows {shown}){example}")
        if self.rejected:
            lines.append(f"outcome: REJECTED - {self.rejection}")
        else:
            lines.append("outcome: " + ("would load partially" if bad else "would load"))
        return "\n".join(lines)


def dry_run(path: Path, feed: str | None, settings, as_of: datetime) -> DryRunReport:
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    if feed is not None and feed not in FEEDS:
        raise ValueError(f"unknown feed {feed!r}; feeds are {', '.join(FEEDS)}")
    data = path.read_bytes()
    folder_feed = path.parent.name if path.parent.name in FEEDS else None
    file = LandingFile(path, feed or folder_feed, hashlib.sha256(data).hexdigest(), len(data),
                       datetime.fromtimestamp(int(path.stat().st_mtime)))
    report = DryRunReport(path, file.feed, max_share=settings.max_bad_row_share)
    pseudo = Pseudonymiser(settings.pseudonym_key())
    try:
        feed_name, parsed = _parse(file, pseudo)
    except FileRejected as exc:
        report.rejected, report.rejection = True, f"{exc.rule}: {exc.detail}"
        return report
    report.feed = feed_name
    con = _reference_connection(settings.work_db)
    try:
        batch, outcome = validate_batch(con, feed_name, [(file, parsed)], as_of)
    finally:
        con.close()
    report.rows_read = len(batch)
    for idx, failures in outcome.rows.items():
        row_number = int(batch.loc[idx, "_row_number"])
        for failure in failures:
            report.rules.setdefault(failure.rule, []).append(row_number)
            report.examples.setdefault(failure.rule, failure.detail)
    for rows in report.rules.values():
        rows.sort()
    report.rows_ok = report.rows_read - len(outcome.rows)
    share = len(outcome.rows) / report.rows_read
    if share > settings.max_bad_row_share:
        report.rejected = True
        report.rejection = (f"bad_row_share: {share:.1%} of rows fail row checks, over the "
                            f"{settings.max_bad_row_share:.0%} limit")
    report.examples = {rule: report.examples[rule] for rule in report.rules}
    return report


def _reference_connection(work_db: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse's org units for cross-reference rules, or an empty raw layer."""
    if work_db.exists():
        con = duckdb.connect(":memory:")
        con.execute(f"attach '{work_db}' as wh (read_only)")
        con.execute("create schema raw")
        con.execute("create view raw.org_units as select * from wh.raw.org_units")
        return con
    con = duckdb.connect(":memory:")
    ledger.ensure_schema(con)
    return con
