"""The synthetic generator: deterministic for a seed, consistent across feeds, plausible."""

from __future__ import annotations

import hashlib
import statistics
from collections import defaultdict
from pathlib import Path

from tipwh import reference
from tipwh.generate import generate
from tipwh.generate.run import simulate


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path: Path):
    generate("2026-10", tmp_path / "a", seed=3, scale=0.02, history_months=2)
    generate("2026-10", tmp_path / "b", seed=3, scale=0.02, history_months=2)
    generate("2026-10", tmp_path / "c", seed=4, scale=0.02, history_months=2)
    a, b, c = _digest(tmp_path / "a"), _digest(tmp_path / "b"), _digest(tmp_path / "c")
    assert a == b
    assert any(a[k] != c.get(k) for k in a)
    assert any(k.endswith(".xlsx") for k in a)


def _table(world, feed: str):
    for f in world.files:
        if f.feed == feed:
            for row in f.rows:
                yield f, dict(zip(f.header, row, strict=True))


def test_every_feed_is_generated(small_world):
    feeds = {f.feed for f in small_world.files}
    assert feeds == {"training_logs", "programme_completions", "survey_participant_outcomes",
                     "survey_staff_wellbeing", "survey_lived_experience", "org_units",
                     "headcount", "regional_commitments"}


def test_staff_in_training_logs_exist_in_headcount(small_world):
    cells = {(r["Snapshot Month"], r["Org Unit Code"], r["Role Group"], r["Grade Band"])
             for _, r in _table(small_world, "headcount")}
    months = {m for m, *_ in cells}
    checked = 0
    for _, r in _table(small_world, "training_logs"):
        month = r["Session Date"][:7]
        if month in months:
            assert (month, r["Org Unit Code"], r["Role Group"], r["Grade Band"]) in cells, r
            checked += 1
    assert checked > 100


def test_org_units_prisons_and_regions_are_the_real_ones(small_world):
    regions = set(reference.regions())
    assert len(regions) == 12
    units = {r["Org Unit Code"]: r for _, r in _table(small_world, "org_units")}
    assert {r["Region Code"] for r in units.values()} == regions
    prisons = {u.code for u in reference.org_units() if u.type == "PRISON"}
    assert len(prisons) == 12
    assert {r["Prison Code"] for _, r in _table(small_world, "programme_completions")} <= prisons
    for _, r in _table(small_world, "training_logs"):
        assert r["Org Unit Code"] in units


def test_training_is_attributed_to_the_unit_valid_on_the_session_date(small_world):
    versions = defaultdict(list)
    for u in reference.org_units():
        versions[u.code].append(u)
    from datetime import date

    for _, r in _table(small_world, "training_logs"):
        day = date.fromisoformat(r["Session Date"])
        assert any(v.valid_on(day) for v in versions[r["Org Unit Code"]]), r


def test_survey_participants_exist_in_registers_and_pre_comes_before_post(small_world):
    enrolled = {(r["Prison Number"], r["Group ID"])
                for _, r in _table(small_world, "programme_completions")}
    dates = defaultdict(dict)
    for _, r in _table(small_world, "survey_participant_outcomes"):
        assert (r["Prison Number"], r["Group ID"]) in enrolled
        dates[(r["Prison Number"], r["Group ID"])][r["Timepoint"]] = r["Administered Date"]
    pairs = [d for d in dates.values() if "PRE" in d and "POST" in d]
    assert pairs
    assert all(d["PRE"] < d["POST"] for d in pairs)
    assert all(d["POST"] < d["FOLLOWUP_3M"] for d in dates.values()
               if "POST" in d and "FOLLOWUP_3M" in d)


def test_completers_improve_on_average_but_not_all_do():
    world = simulate("2026-10", seed=11, scale=1.0, history_months=11)
    changes = []
    for e in world.enrolments:
        by_tp = {tp: answers for tp, _, answers in e.responses}
        if e.outcome != "Completed" or sum(e.attended) < 5 or not {"PRE", "POST"} <= set(by_tp):
            continue
        pre = [v for k, v in by_tp["PRE"].items() if k.startswith("PHQ9_")]
        post = [v for k, v in by_tp["POST"].items() if k.startswith("PHQ9_")]
        if None in pre or None in post:
            continue
        changes.append(sum(pre) - sum(post))
    d_z = statistics.mean(changes) / statistics.stdev(changes)
    assert len(changes) > 200
    assert 0.25 < d_z < 0.8, d_z
    assert any(c < 0 for c in changes), "some women should deteriorate"
    outcomes = {e.outcome for e in world.enrolments}
    assert {"Withdrawn", "Released", "Transferred"} <= outcomes


def test_in_progress_groups_are_corrected_in_the_next_register(small_world):
    status = defaultdict(list)
    for f, r in _table(small_world, "programme_completions"):
        status[(r["Prison Number"], r["Group ID"])].append((f.name, r["Status"]))
    corrected = [v for v in status.values()
                 if len(v) > 1 and v[0][1] == "In progress" and v[-1][1] != "In progress"]
    assert corrected


def test_an_estate_too_big_for_staff_numbers_is_refused_not_looped_on():
    import random
    from datetime import date

    import pytest

    from tipwh.generate.world import build_world

    with pytest.raises(ValueError, match="SN \\+ 6 digits"):
        build_world(random.Random(1), 100, date(2026, 10, 1))
