"""Load every new file in the landing area into the raw layer, through the GX gate.

For each feed, in dependency order: skip files already loaded (same SHA-256); parse the
rest (file-level problems reject the file whole); validate all of the feed's new rows with
its GX suite in one batch; then, per file and in one transaction, replace earlier rows by
the feed's key, insert the good rows, quarantine the bad ones with their failed rules and
write the ledger row. A file whose bad-row share exceeds the limit is rejected whole and
moved to quarantine with a machine-readable reason beside it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from expectations import RowFailure, ValidationOutcome, rules, validate
from ingest import ledger
from ingest.errors import FileRejected
from ingest.feeds import FEEDS, LOAD_ORDER, output_columns
from ingest.lookups import add_lookup_flags
from ingest.parse import ParsedFile, detect_feed, parse_table
from ingest.pseudonymise import Pseudonymiser
from ingest.readers import read_bytes

SKIP_NAMES = {"_manifest.json"}


@dataclass
class LandingFile:
    path: Path
    feed: str | None
    sha256: str
    size: int
    received_at: datetime


@dataclass
class LoadSummary:
    entries: list[ledger.LedgerEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def loaded_feeds(self) -> set[str]:
        return {e.feed for e in self.entries if e.rows_loaded > 0}

    @property
    def rejected(self) -> list[ledger.LedgerEntry]:
        return [e for e in self.entries if e.outcome == "rejected"]


def discover(landing: Path, feeds: list[str] | None = None) -> list[LandingFile]:
    """Every file under the landing area; the folder name says the feed when it is one.

    With ``feeds``, only their folders and files outside any feed's folder (whose header says
    the feed) are read: a per-feed load does not hash every other feed's files.
    """
    files = []
    for path in sorted(p for p in landing.rglob("*") if p.is_file()):
        if path.name in SKIP_NAMES or path.name.startswith("."):
            continue
        if feeds is not None and path.parent.name in FEEDS and path.parent.name not in feeds:
            continue
        data = path.read_bytes()
        folder = path.parent.name
        files.append(LandingFile(
            path=path,
            feed=folder if folder in FEEDS else None,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            received_at=datetime.fromtimestamp(int(path.stat().st_mtime)),
        ))
    return files


def _parse(file: LandingFile, pseudo: Pseudonymiser) -> tuple[str, ParsedFile]:
    raw = read_bytes(file.path.read_bytes())
    feed = file.feed or detect_feed(raw.header)
    if feed is None:
        raise FileRejected("feed_layout", "the header matches no known feed")
    parsed = parse_table(raw, FEEDS[feed], pseudo)
    if parsed.frame.empty:
        raise FileRejected("not_empty", "the file has a header but no data rows")
    return feed, parsed


def quarantine_file(file: LandingFile, quarantine: Path, feed: str, rule: str, detail: str,
                    rows_read: int, as_of: datetime) -> Path:
    """Move a rejected file whole to quarantine/<feed>/ with <name>.reason.json beside it.

    The reason names the load that rejected it (``rejected_by_load``: its ``as_of``), so the
    night's check can list its rejections without opening DuckDB while other feeds load.
    """
    target_dir = quarantine / feed
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / file.path.name
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() != file.sha256:
        target = target_dir / f"{file.sha256[:12]}_{file.path.name}"
    shutil.move(str(file.path), target)
    reason = {"file": file.path.name, "sha256": file.sha256, "feed": feed, "rule": rule,
              "detail": detail, "rows_read": rows_read, "landing_path": str(file.path),
              "rejected_by_load": as_of.isoformat()}
    Path(f"{target}.reason.json").write_text(json.dumps(reason, indent=2) + "\n", encoding="utf-8")
    return target


def rejected_files(quarantine: Path, feed: str, as_of: datetime) -> list[tuple[str, str]]:
    """(file name, "rule: detail") of every file of ``feed`` the load keyed ``as_of`` rejected."""
    found = []
    for path in sorted((quarantine / feed).glob("*.reason.json")):
        reason = json.loads(path.read_text(encoding="utf-8"))
        if reason.get("rejected_by_load") == as_of.isoformat():
            found.append((reason["file"], f"{reason['rule']}: {reason['detail']}"))
    return found


def _insert(con: duckdb.DuckDBPyConnection, feed_name: str, good: pd.DataFrame,
            file: LandingFile, loaded_at: datetime) -> None:
    feed = FEEDS[feed_name]
    columns = [name for name, _ in output_columns(feed)]
    batch = good[columns + ["_row_number"]].copy()
    batch["_file_sha256"] = file.sha256
    batch["_file_name"] = file.path.name
    batch["_loaded_at"] = loaded_at
    con.register("batch", batch)
    # identifiers below come from the feed specs in ingest.feeds, never from file contents
    try:
        key_match = " and ".join(f"t.{k} = b.{k}" for k in feed.replace_key)
        con.execute(f"delete from raw.{feed_name} as t where exists "  # noqa: S608
                    f"(select 1 from batch as b where {key_match})")
        names = ", ".join([*columns, "_file_sha256", "_file_name", "_row_number", "_loaded_at"])
        con.execute(f"insert into raw.{feed_name} ({names}) select {names} from batch")  # noqa: S608
    finally:
        con.unregister("batch")


def _quarantine_rows(con: duckdb.DuckDBPyConnection, feed_name: str, bad: pd.DataFrame,
                     failures: dict[int, list[RowFailure]], file: LandingFile,
                     loaded_at: datetime) -> None:
    value_columns = [c for c in bad.columns if not c.endswith("__invalid") and not c.startswith("_")]
    records = []
    for row_dict in bad.to_dict("records"):
        checks = failures[int(row_dict["_idx"])]
        raw_values = {c: (None if pd.isna(row_dict[c]) else str(row_dict[c])) for c in value_columns}
        records.append((file.sha256, feed_name, file.path.name, int(row_dict["_row_number"]),
                        json.dumps([{"rule": f.rule, "detail": f.detail} for f in checks]),
                        json.dumps(raw_values, ensure_ascii=False), loaded_at))
    con.executemany(
        "insert or replace into raw.quarantine values (?, ?, ?, ?, ?, ?, ?)", records)


def _date_columns_to_timestamps(feed_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    for name, typ in output_columns(FEEDS[feed_name]):
        if typ == "date":
            # nanoseconds: GX compares datetime64[ns] columns vectorised, any other unit
            # (pandas 3 infers seconds or microseconds) one Python call per row
            frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
    return frame


def validate_batch(con: duckdb.DuckDBPyConnection, feed_name: str,
                   parsed: list[tuple[LandingFile, ParsedFile]], as_of: datetime,
                   results_dir: Path | None = None) -> tuple[pd.DataFrame, ValidationOutcome]:
    """Concatenate a feed's parsed files (``_file``, ``_idx``), add lookups, run its GX suite."""
    frames = []
    for number, (_, table) in enumerate(parsed):
        frame = table.frame.copy()
        frame["_file"] = number
        frames.append(frame)
    batch = pd.concat(frames, ignore_index=True)
    batch["_idx"] = range(len(batch))
    batch = _date_columns_to_timestamps(feed_name, batch)
    batch = add_lookup_flags(con, feed_name, batch, as_of.date())
    batch_key = ",".join(file.sha256 for file, _ in parsed)
    return batch, validate(feed_name, batch, as_of.date(), batch_key, results_dir)


def load_feed(con: duckdb.DuckDBPyConnection, feed_name: str, files: list[LandingFile],
              pseudo: Pseudonymiser, quarantine: Path, as_of: datetime,
              max_bad_share: float, results_dir: Path | None = None) -> list[ledger.LedgerEntry]:
    entries: list[ledger.LedgerEntry] = []
    parsed: list[tuple[LandingFile, ParsedFile]] = []

    def reject(file: LandingFile, rule: str, detail: str, rows_read: int,
               result_id: str | None = None) -> None:
        quarantine_file(file, quarantine, feed_name, rule, detail, rows_read, as_of)
        entry = ledger.LedgerEntry(feed_name, file.path.name, file.sha256, file.size,
                                   file.received_at, as_of, rows_read, 0, rows_read,
                                   "rejected", result_id, f"{rule}: {detail}")
        ledger.record(con, entry)
        entries.append(entry)

    history = ledger.recent_row_counts(con, feed_name, rules.ROW_COUNT_HISTORY)
    for file in files:
        try:
            _, table = _parse(file, pseudo)
        except FileRejected as exc:
            reject(file, exc.rule, exc.detail, 0)
            continue
        problem = rules.row_count_problem(len(table.frame), history)
        if problem:
            reject(file, "row_count", problem, len(table.frame))
        else:
            parsed.append((file, table))
    if not parsed:
        return entries

    batch, outcome = validate_batch(con, feed_name, parsed, as_of, results_dir)

    for number, (file, _) in enumerate(parsed):
        rows = batch[batch["_file"] == number]
        is_bad = rows["_idx"].isin(outcome.rows.keys())
        bad, good = rows[is_bad], rows[~is_bad]
        share = len(bad) / len(rows)
        if share > max_bad_share:
            counts: dict[str, int] = {}
            for idx in bad["_idx"]:
                for failure in outcome.rows[int(idx)]:
                    counts[failure.rule] = counts.get(failure.rule, 0) + 1
            detail = (f"{len(bad)} of {len(rows)} rows ({share:.1%}) fail row checks, over the "
                      f"{max_bad_share:.0%} limit; " + "; ".join(
                          f"{rule}: {n} rows" for rule, n in sorted(counts.items())))
            reject(file, "bad_row_share", detail, len(rows), outcome.result_id)
            continue
        con.execute("begin transaction")
        try:
            _insert(con, feed_name, good, file, as_of)
            if len(bad):
                _quarantine_rows(con, feed_name, bad, outcome.rows, file, as_of)
            entry = ledger.LedgerEntry(
                feed_name, file.path.name, file.sha256, file.size, file.received_at, as_of,
                len(rows), len(good), len(bad), "partially loaded" if len(bad) else "loaded",
                outcome.result_id, None if not len(bad) else f"{len(bad)} rows quarantined")
            ledger.record(con, entry)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        entries.append(entry)
    return entries


def load_landing(db_path: Path, landing: Path, quarantine: Path, pseudo: Pseudonymiser,
                 as_of: datetime, max_bad_share: float = 0.05,
                 feeds: list[str] | None = None, results_dir: Path | None = None,
                 quarantine_unknown: bool | None = None) -> LoadSummary:
    """Load all new landing files (optionally only some feeds) into ``db_path``'s raw layer.

    Files whose feed cannot be told are quarantined when loading every feed, or when
    ``quarantine_unknown`` says so (the nightly DAG's triage step, which loads no feed).
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    summary = LoadSummary()
    if quarantine_unknown is None:
        quarantine_unknown = feeds is None
    files = discover(landing, feeds)
    con = duckdb.connect(str(db_path))
    try:
        ledger.ensure_schema(con)
        done = ledger.loaded_hashes(con)
        by_feed: dict[str, list[LandingFile]] = {name: [] for name in LOAD_ORDER}
        unknown: list[LandingFile] = []
        for file in files:
            if file.sha256 in done:
                summary.skipped.append(str(file.path))
                continue
            feed = file.feed
            if feed is None:
                try:
                    feed = detect_feed(read_bytes(file.path.read_bytes()).header)
                except FileRejected:
                    feed = None
            if feed is None:
                unknown.append(file)
            elif feeds is None or feed in feeds:
                done.add(file.sha256)  # the same bytes twice in one run load once
                by_feed[feed].append(file)
        for file in unknown if quarantine_unknown else []:
            quarantine_file(file, quarantine, "_unknown", "feed_layout",
                            "the header matches no known feed", 0, as_of)
            entry = ledger.LedgerEntry("unknown", file.path.name, file.sha256, file.size,
                                       file.received_at, as_of, 0, 0, 0, "rejected", None,
                                       "feed_layout: the header matches no known feed")
            ledger.record(con, entry)
            summary.entries.append(entry)
        for feed_name in feeds or LOAD_ORDER:
            if by_feed[feed_name]:
                summary.entries += load_feed(con, feed_name, by_feed[feed_name], pseudo,
                                             quarantine, as_of, max_bad_share, results_dir)
        con.execute("checkpoint")
    finally:
        con.close()
    return summary
