"""Every injected quirk loads, every bad row is quarantined at its file row, every bad file is
rejected with the right rule, and nothing else is: checked against the generator's manifest."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

import duckdb
import pytest

from ingest.load import load_landing
from tipwh.generate import generate
from tipwh.generate.faults import ALL_KINDS, FaultPlan

FILE_RULES = {"empty_file": "not_empty", "header_only": "not_empty",
              "missing_column": "required_columns", "duplicate_header": "unique_headers",
              "wrong_layout": "feed_layout", "undecodable": "decodable"}


@pytest.mark.parametrize("seed", [1, 2])
def test_every_injected_fault_gets_its_outcome(settings, pseudo, seed):
    result = generate("2026-10", settings.landing, seed=seed, scale=0.05, history_months=2,
                      faults=FaultPlan(0.02, ALL_KINDS))
    manifest = result.manifest["faults"]
    assert {f["kind"] for f in manifest} == set(ALL_KINDS)
    summary = load_landing(settings.work_db, settings.landing, settings.quarantine, pseudo,
                           datetime(2026, 11, 1), settings.max_bad_row_share)
    ledger = {e.file_name: e for e in summary.entries}
    con = duckdb.connect(str(settings.work_db), read_only=True)
    quarantined = defaultdict(set)
    for name, row in con.execute("select file_name, row_number from raw.quarantine").fetchall():
        quarantined[name].add(row)
    con.close()

    by_file = defaultdict(list)
    for fault in manifest:
        by_file[fault["file"]].append(fault)
    for name, faults in by_file.items():
        entry = ledger.get(name)
        if entry is None:  # the same bytes as a file already loaded: skipped by hash
            assert any(p.endswith("/" + name) for p in summary.skipped), name
            continue
        if any(f["expect"] == "reject" for f in faults):
            assert entry.outcome == "rejected", (name, entry.reason)
            for f in faults:
                if f["category"] == "file":
                    assert entry.reason.startswith(FILE_RULES[f["kind"]]), (name, entry.reason)
            continue
        expected_rows = {f["row"] for f in faults if f["expect"] == "quarantine"}
        assert quarantined[name] == expected_rows, (name, [f["kind"] for f in faults])
        assert entry.rows_quarantined == len(expected_rows)
    for name, entry in ledger.items():
        if name not in by_file:
            assert entry.outcome == "loaded", (name, entry.reason)
    clean_rows = sum(len(f.rows) for f in result.files if not f.faults)
    loaded_clean = sum(e.rows_loaded for e in summary.entries if e.file_name not in by_file)
    skipped_clean = sum(len(f.rows) for f in result.files if not f.faults
                        and f.name not in ledger)
    assert loaded_clean == clean_rows - skipped_clean


def test_rejected_files_keep_a_machine_readable_reason(settings, pseudo):
    generate("2026-10", settings.landing, seed=3, scale=0.03, history_months=0,
             faults=FaultPlan(0.0, ["undecodable", "wrong_layout"]))
    load_landing(settings.work_db, settings.landing, settings.quarantine, pseudo,
                 datetime(2026, 11, 1))
    reasons = sorted(settings.quarantine.rglob("*.reason.json"))
    assert len(reasons) == 2
    rules = {json.loads(p.read_text())["rule"] for p in reasons}
    assert rules == {"decodable", "feed_layout"}
    for reason in reasons:
        assert reason.with_suffix("").with_suffix("").exists() or \
            reason.parent.joinpath(json.loads(reason.read_text())["file"]).exists()
