"""Property: for any training file, rows read = rows loaded + rows quarantined, and loading the
same file again changes nothing."""

from __future__ import annotations

from datetime import datetime

import duckdb
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ingest.load import load_landing
from ingest.pseudonymise import Pseudonymiser
from tipwh.generate import training
from tipwh.generate.writers import csv_bytes

ORG = (b"Org Unit Code,Name,Type,Region Code,Female Estate,Valid From,Valid To\n"
       b"SDI,HMP Send,PRISON,N57,Y,2015-09-01,\n")
junk = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
               max_size=12)
row = st.fixed_dictionaries({
    "id": st.one_of(st.integers(1, 60).map(lambda n: f"LMS{n:09d}"), junk),
    "staff": st.one_of(st.integers(100000, 100050).map(lambda n: f"SN{n}"), junk),
    "unit": st.sampled_from(["SDI", "ZZZ", ""]),
    "course": st.sampled_from(["BTI_FULL", "BTI_HEADLINES", "MHFA", "NOPE"]),
    "date": st.one_of(st.sampled_from(["2026-10-05", "05/10/2026", "5 Oct 2026", "2099-01-01"]), junk),
    "hours": st.one_of(st.sampled_from(["1", "6.5", "16", "99", "1,000"]), junk),
    "status": st.sampled_from(["Completed", "No-show", "Done"]),
})


# each example is a real load (GX included, ~1 s): no shrinking, so a failure reports fast
@hsettings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(row, min_size=1, max_size=30), share=st.sampled_from([0.05, 1.0]))
def test_conservation_and_idempotent_reload(tmp_path_factory, rows, share):
    home = tmp_path_factory.mktemp("prop")
    (home / "landing" / "org_units").mkdir(parents=True)
    (home / "landing" / "org_units" / "o.csv").write_bytes(ORG)
    (home / "landing" / "training_logs").mkdir(parents=True)
    body = [[r["id"], r["staff"], "Name", "e@x", r["unit"], "prison officer", "band 3",
             r["course"], r["date"], r["hours"], r["status"], "HMPPS"] for r in rows]
    (home / "landing" / "training_logs" / "t.csv").write_bytes(csv_bytes(training.HEADER, body))
    pseudo = Pseudonymiser(b"property-test-key-0123456789")
    args = (home / "wh.duckdb", home / "landing", home / "quarantine", pseudo,
            datetime(2026, 11, 1), share)
    summary = load_landing(*args)
    entry = next(e for e in summary.entries if e.file_name == "t.csv")
    con = duckdb.connect(str(home / "wh.duckdb"), read_only=True)
    state = con.execute(
        "select (select count(*) from raw.training_logs), (select count(*) from raw.quarantine),"
        " (select count(*) from raw.load_ledger)").fetchone()
    con.close()
    assert entry.rows_read == entry.rows_loaded + entry.rows_quarantined
    if entry.outcome != "rejected":
        assert entry.rows_read == len(rows)
        assert state[1] == entry.rows_quarantined
        assert state[0] == entry.rows_loaded  # a repeated key in one file is quarantined, not doubled
    again = load_landing(*args)
    assert again.entries == [] or all(e.outcome == "rejected" for e in again.entries)
    con = duckdb.connect(str(home / "wh.duckdb"), read_only=True)
    after = con.execute(
        "select (select count(*) from raw.training_logs), (select count(*) from raw.quarantine)"
    ).fetchone()
    con.close()
    assert after == state[:2]
