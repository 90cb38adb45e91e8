"""Allowed values and ranges for every feed: the value rules, in one place.

Reference lists (regions, women's prisons) come from the dbt seeds via ``tipwh.reference``.
"""

from __future__ import annotations

from datetime import date

from tipwh import reference

SUITE_VERSION = "v2"  # v2: parse checks gathered per row, survey answers checked long
ROLE_GROUPS = ["prison officer", "OSG", "probation officer", "PSO", "senior leader", "healthcare",
               "support/admin", "reception", "other"]
GRADE_BANDS = [f"band {i}" for i in range(2, 12)] + ["SCS"]
COURSES = ["BTI_FULL", "BTI_HEADLINES", "BTI_TRAINER", "BTI_FOLLOWUP", "TIP_CORE",
           "TIP_SPECIALIST", "MHFA", "RESILIENCE", "CLINICAL_SUPERVISION"]
TRAINING_STATUSES = ["Completed", "Attended-partial", "No-show", "Cancelled"]
PROGRAMMES = ["HEALING_TRAUMA", "EXPLORING_TRAUMA"]
PROGRAMME_STATUSES = ["Completed", "In progress", "Withdrawn", "Transferred", "Released"]
FACILITATORS = ["peer", "staff"]
TIMEPOINTS = ["PRE", "POST", "FOLLOWUP_3M"]
ORG_UNIT_TYPES = ["PRISON", "PDU", "WOMENS_CENTRE", "HQ"]
COMMITMENT_STATUSES = ["Not started", "In progress", "Achieved", "Paused"]
TRAINING_START = date(2015, 9, 1)  # BTI delivery in England began September 2015
PROGRAMME_START = date(2017, 2, 1)  # Healing Trauma first delivered at HMP Send, February 2017
WAVE_PATTERN = r"^\d{4}-Q[1-4]$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def region_codes() -> list[str]:
    return sorted(reference.regions())


def womens_prisons() -> list[str]:
    return sorted(u.code for u in reference.org_units() if u.type == "PRISON" and u.female_estate)

# row-count sanity: a file this many times smaller or larger than the median of the feed's
# recent loads is rejected (a truncated export, or a full dump where a delta was expected)
ROW_COUNT_RATIO = 20
ROW_COUNT_MIN_HISTORY = 3
ROW_COUNT_HISTORY = 12


def row_count_problem(rows: int, history: list[int]) -> str | None:
    """Why ``rows`` is implausible against the feed's recent row counts, or None."""
    if len(history) < ROW_COUNT_MIN_HISTORY:
        return None
    median = sorted(history)[len(history) // 2]
    if rows * ROW_COUNT_RATIO < median or rows > median * ROW_COUNT_RATIO:
        return (f"{rows} rows against a median of {median} over the feed's last "
                f"{len(history)} loads (allowed: within {ROW_COUNT_RATIO}x)")
    return None
