"""The GX expectation suites for each feed, built for a run's ``as_of`` date.

Every parsed column has a ``<column>__invalid`` companion (why its text could not be
parsed), gathered per row into ``_cells__invalid``; every row suite expects that to be
null, expects required columns to be present, then checks allowed values, ranges and keys.
``_file`` keeps keys unique per file.

Survey answers are checked in a second, long suite over one row per answer (``item``,
``scale``, ``value``): one range rule per answer scale instead of one per question column.
GX's cost is per expectation, whatever the rows (~10 ms each to plan), so 95 questionnaire
columns checked one by one cost more than the rest of the feed's load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from expectations import rules
from ingest.feeds import FEEDS


def _between(gx, column: str, low, high):
    return gx.expectations.ExpectColumnValuesToBeBetween(column=column, min_value=low,
                                                         max_value=high)


def _in_set(gx, column: str, allowed: list):
    return gx.expectations.ExpectColumnValuesToBeInSet(column=column, value_set=list(allowed))


def _unique(gx, *columns: str):
    return gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["_file", *columns])


def _day(value: date) -> pd.Timestamp:
    return pd.Timestamp(value)


def _value_rules(gx, feed_name: str, as_of: date) -> list:
    e = gx.expectations
    if feed_name == "org_units":
        return [
            _in_set(gx, "type", rules.ORG_UNIT_TYPES),
            _in_set(gx, "region_code", rules.region_codes()),
            e.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="valid_to", column_B="valid_from", or_equal=True,
                ignore_row_if="either_value_is_missing"),
            _unique(gx, "org_unit_code", "valid_from"),
        ]
    if feed_name == "headcount":
        return [
            e.ExpectColumnValuesToMatchRegex(column="snapshot_month", regex=rules.MONTH_PATTERN),
            _in_set(gx, "role_group", rules.ROLE_GROUPS),
            _in_set(gx, "grade_band", rules.GRADE_BANDS),
            _between(gx, "headcount", 0, 100_000),
            _between(gx, "fte", 0, 100_000),
            _in_set(gx, "org_unit_known", [True]),
            _unique(gx, "snapshot_month", "org_unit_code", "role_group", "grade_band"),
        ]
    if feed_name == "regional_commitments":
        return [
            _in_set(gx, "region_code", rules.region_codes()),
            _between(gx, "enabler", 1, 8),
            _in_set(gx, "status", rules.COMMITMENT_STATUSES),
            _unique(gx, "region_code", "enabler"),
        ]
    if feed_name == "training_logs":
        return [
            _in_set(gx, "role_group", rules.ROLE_GROUPS),
            _in_set(gx, "grade_band", rules.GRADE_BANDS),
            _in_set(gx, "course_code", rules.COURSES),
            _in_set(gx, "status", rules.TRAINING_STATUSES),
            _between(gx, "hours", 0.5, 16),
            _between(gx, "session_date", _day(rules.TRAINING_START), _day(as_of)),
            _in_set(gx, "org_unit_valid_on_date", [True]),
            _unique(gx, "record_id"),
        ]
    if feed_name == "programme_completions":
        return [
            _in_set(gx, "prison_code", rules.womens_prisons()),
            _in_set(gx, "programme_code", rules.PROGRAMMES),
            _in_set(gx, "status", rules.PROGRAMME_STATUSES),
            _in_set(gx, "facilitator_type", rules.FACILITATORS),
            _between(gx, "group_start_date", _day(rules.PROGRAMME_START), _day(as_of)),
            _unique(gx, "participant_key", "group_id"),
        ]
    if feed_name == "survey_participant_outcomes":
        return [
            _in_set(gx, "timepoint", rules.TIMEPOINTS),
            _in_set(gx, "programme_code", rules.PROGRAMMES),
            _between(gx, "administered_date", _day(rules.PROGRAMME_START), _day(as_of)),
            _in_set(gx, "timepoints_in_order", [True]),
            _unique(gx, "participant_key", "group_id", "timepoint"),
        ]
    if feed_name == "survey_staff_wellbeing":
        return [
            _in_set(gx, "role_group", rules.ROLE_GROUPS),
            e.ExpectColumnValuesToMatchRegex(column="wave", regex=rules.WAVE_PATTERN),
            _in_set(gx, "org_unit_known", [True]),
        ]
    if feed_name == "survey_lived_experience":
        return [
            e.ExpectColumnValuesToMatchRegex(column="wave", regex=rules.WAVE_PATTERN),
            _in_set(gx, "org_unit_known", [True]),
        ]
    raise KeyError(f"no suite for feed {feed_name!r}")


CELLS_INVALID = "_cells__invalid"


@dataclass(frozen=True)
class AnswerScale:
    """Questions answered on one scale (an instrument's items, ProQOL, ...)."""

    code: str
    items: tuple[str, ...]
    low: int
    high: int


def answer_scales(feed_name: str) -> list[AnswerScale]:
    """The answer scales of a survey feed's questions; none for other feeds."""
    items = FEEDS[feed_name].item_columns()
    if feed_name == "survey_participant_outcomes":
        from tipwh.reference import instruments

        return [AnswerScale(inst.code.lower(), tuple(c.lower() for c in inst.columns()),
                            inst.item_min, inst.item_max) for inst in instruments()]
    if items:  # ProQOL and the lived-experience survey: every question 1-5
        return [AnswerScale(feed_name.removeprefix("survey_"), tuple(items), 1, 5)]
    return []


def answer_expectations_for(gx, feed_name: str) -> list:
    """One range rule per answer scale, over the long frame of a survey feed's answers."""
    from great_expectations.expectations.row_conditions import Column

    return [gx.expectations.ExpectColumnValuesToBeBetween(
        column="value", min_value=scale.low, max_value=scale.high,
        row_condition=Column("scale") == scale.code) for scale in answer_scales(feed_name)]


def expectations_for(gx, feed_name: str, as_of: date) -> list:
    """Parse, presence and value expectations for one feed."""
    feed = FEEDS[feed_name]
    nullable = {c.name for c in feed.columns if c.nullable}
    renamed = {"staff_number": "staff_key", "prison_number": "participant_key"}
    out: list = [gx.expectations.ExpectColumnValuesToBeNull(column="_row__invalid"),
                 gx.expectations.ExpectColumnValuesToBeNull(column=CELLS_INVALID)]
    required = [renamed.get(c.name, c.name) for c in feed.columns
                if c.kind not in {"drop", "dob", "exit_text"} and c.name not in nullable]
    out += [gx.expectations.ExpectColumnValuesToNotBeNull(column=name) for name in required]
    return out + _value_rules(gx, feed_name, as_of)
