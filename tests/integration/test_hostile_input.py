"""Hostile strings (the Big List of Naughty Strings) in every text field of every feed:
no crash, a clear outcome for every file, every row accounted for."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from ingest.feeds import FEEDS
from ingest.load import load_landing
from tipwh.generate.run import simulate
from tipwh.generate.writers import write

BLNS = Path(__file__).resolve().parents[1] / "fixtures" / "blns" / "blns.txt"
# feeds whose free text reaches outputs: give each copied row its own natural key
UNIQUE_KEY = {"training_logs": (0, lambda i: f"LMSB{i:08d}"),
              "org_units": (0, lambda i: f"X{i:05d}")}
NOT_TEXT = ("Date", "Hours", "Headcount", "FTE", "Enabler", "Session ", "ProQOL", "Valid ")


def naughty_strings() -> list[str]:
    lines = BLNS.read_text(encoding="utf-8", errors="replace").splitlines()
    return [s for s in lines if s and not s.startswith("#")]


def test_blns_in_every_text_field_of_every_feed(settings, pseudo):
    strings = naughty_strings()
    assert len(strings) > 400
    world = simulate("2026-09", seed=9, scale=0.02, history_months=0)
    samples = {}
    for f in world.files:
        if f.feed not in samples and f.rows:
            samples[f.feed] = f
    assert set(samples) == set(FEEDS)
    written = 0
    for feed, sample in samples.items():
        for col, header in enumerate(sample.header):
            if any(header.startswith(p) or p in header for p in NOT_TEXT) or header[:4] in {
                    "PHQ9", "GAD7", "CORE", "PCL5", "TSC4", "SCS_", "Safe", "Trus", "Choi",
                    "Coll", "Empo", "Incl"}:
                continue
            bad = type(sample)(feed, f"blns_{col:02d}.csv", sample.header,
                               [list(sample.rows[i % len(sample.rows)])
                                for i in range(len(strings))])
            key = UNIQUE_KEY.get(feed)
            for i, row in enumerate(bad.rows):
                row[col] = strings[i]
                if key is not None and key[0] != col:  # copies must not collide on the key
                    row[key[0]] = key[1](i)
            write(bad, settings.landing)
            written += 1
    org = samples["org_units"]
    write(org, settings.landing)  # the reference the other feeds check against
    summary = load_landing(settings.work_db, settings.landing, settings.quarantine, pseudo,
                           datetime(2026, 11, 1), settings.max_bad_row_share)
    outcomes = {(e.feed, e.file_name): e for e in summary.entries}
    assert len([n for _, n in outcomes if n.startswith("blns_")]) == written > 30
    for entry in outcomes.values():
        assert entry.outcome in {"loaded", "partially loaded", "rejected"}
        assert entry.rows_read == entry.rows_loaded + entry.rows_quarantined
        if entry.outcome == "rejected":
            assert entry.reason
    con = duckdb.connect(str(settings.work_db), read_only=True)
    providers = {r[0] for r in con.execute("select provider from raw.training_logs").fetchall()}
    names = {r[0] for r in con.execute("select name from raw.org_units").fetchall()}
    con.close()
    for stored in (providers, names):
        kept = [s for s in strings if "<script>" in s and s.strip() in stored]
        assert kept, "free-text fields keep hostile strings as data (outputs must escape them)"
