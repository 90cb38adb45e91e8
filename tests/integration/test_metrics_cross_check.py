"""Independent cross-check: recompute key metrics in Python (scipy) from the generator's own
records, not from the marts, and compare with the marts to 1e-9."""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pytest
from scipy import stats

from tipwh import pipeline
from tipwh.generate import generate
from tipwh.months import month_end, parse_month
from tipwh.reference import instruments

MONTH = "2026-10"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tipwh.config import load_settings

    home = tmp_path_factory.mktemp("crosscheck")
    settings = load_settings({"TIPWH_HOME": str(home), "TIPWH_PSEUDONYM_KEY": "x" * 32})
    result = generate(MONTH, settings.landing, seed=21, scale=0.3, history_months=11)
    loaded = pipeline.load(settings, pipeline.as_of_for(MONTH))
    assert loaded.files_rejected == 0 and loaded.rows_quarantined == 0
    pipeline.build(settings)
    con = duckdb.connect(str(settings.work_db), read_only=True)
    yield result, con
    con.close()


def _score(inst, answers: dict) -> float | None:
    """DOMAIN.md scoring: reverse reversed items, pro-rate within the missing allowance."""
    max_missing = {"PHQ9": 1, "GAD7": 1, "CORE10": 1, "PCL5": 2, "TSC40": 4, "SCS": 0}[inst.code]
    given = []
    for i, col in enumerate(inst.columns(), start=1):
        value = answers[col]
        if value is not None:
            given.append(inst.item_min + inst.item_max - value if i in inst.reversed_items else value)
    if not given or inst.n_items - len(given) > max_missing:
        return None
    return sum(given) * inst.n_items / len(given)


def test_national_training_coverage_matches(built):
    result, con = built
    end = month_end(parse_month(MONTH))
    start = end.replace(year=end.year - 3)
    trained = set()
    for f in result.files:
        if f.feed == "training_logs":
            for row in f.rows:
                day = date.fromisoformat(row[8])
                if row[7] in {"BTI_FULL", "BTI_HEADLINES"} and row[10] == "Completed" and start < day <= end:
                    trained.add(row[1])
    headcount = sum(1 for s in result.world.staff if s.unit_on(end) is not None)
    expected = 100.0 * len(trained) / headcount
    got = con.execute("select headcount, trained_staff, coverage_pct from marts.fct_training_coverage "
                      "where area_level = 'nation' and month_start = ?", [parse_month(MONTH)]).fetchone()
    assert got[0] == headcount and got[1] == len(trained)
    assert got[2] == pytest.approx(expected, abs=1e-9)


def test_national_completion_rate_matches(built):
    result, con = built
    window_end = month_end(parse_month(MONTH))
    for first in [parse_month("2026-09"), parse_month(MONTH)]:
        finished = completed = 0
        for e in result.enrolments:
            if e.start.replace(day=1) != first:
                continue
            dates = e.session_dates()
            is_finished = dates[5] <= window_end or (
                e.outcome != "Completed" and dates[e.left_after - 1] <= window_end)
            held = [d <= window_end for d in dates]
            attended = sum(a for a, h in zip(e.attended, held, strict=True) if h)
            finished += is_finished
            completed += is_finished and e.outcome == "Completed" and attended >= 5
        got = con.execute("select participants_finished, participants_completed, completion_rate_pct "
                          "from marts.fct_programme_delivery where area_level = 'nation' "
                          "and month_start = ?", [first]).fetchone()
        assert got[:2] == (finished, completed)
        assert got[2] == pytest.approx(100.0 * completed / finished, abs=1e-9)


def test_paired_outcomes_match_scipy_for_every_instrument(built):
    result, con = built
    months = {parse_month(MONTH).replace(month=m) for m in range(1, 11)} | {
        date(2025, 11, 1), date(2025, 12, 1)}
    window_end = month_end(parse_month(MONTH))
    for inst in instruments():
        changes = []
        for e in result.enrolments:
            if not e.consent:
                continue
            by_tp = {tp: (day, answers) for tp, day, answers in e.responses
                     if day.replace(day=1) in months and day <= window_end}
            if "PRE" in by_tp and "POST" in by_tp:
                pre, post = _score(inst, by_tp["PRE"][1]), _score(inst, by_tp["POST"][1])
                if pre is not None and post is not None:
                    changes.append(post - pre)
        n = len(changes)
        mean = sum(changes) / n
        sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
        low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / math.sqrt(n))
        got = con.execute(
            "select n_pairs, mean_change, mean_change_ci_lower, mean_change_ci_upper, cohens_d_z "
            "from marts.fct_programme_outcomes where area_level = 'nation' and month_start = ? "
            "and instrument_code = ?", [parse_month(MONTH), inst.code]).fetchone()
        assert got[0] == n > 50, inst.code
        assert got[1] == pytest.approx(mean, abs=1e-9), inst.code
        assert got[2] == pytest.approx(low, abs=1e-9), inst.code
        assert got[3] == pytest.approx(high, abs=1e-9), inst.code
        assert got[4] == pytest.approx(mean / sd, abs=1e-9), inst.code
