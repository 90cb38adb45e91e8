"""The GX expectation suite for each feed, built for a run's ``as_of`` date.

Every parsed column has a ``<column>__invalid`` companion (why its text could not be
parsed); every suite expects those to be null, expects required columns to be present,
then checks allowed values, ranges and keys. ``_file`` keeps keys unique per file.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from expectations import rules
from ingest.feeds import FEEDS, output_columns


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
        from tipwh.reference import instruments

        item_rules = [
            _between(gx, col.lower(), inst.item_min, inst.item_max)
            for inst in instruments() for col in inst.columns()
        ]
        return [
            _in_set(gx, "timepoint", rules.TIMEPOINTS),
            _in_set(gx, "programme_code", rules.PROGRAMMES),
            _between(gx, "administered_date", _day(rules.PROGRAMME_START), _day(as_of)),
            _in_set(gx, "timepoints_in_order", [True]),
            *item_rules,
            _unique(gx, "participant_key", "group_id", "timepoint"),
        ]
    if feed_name == "survey_staff_wellbeing":
        return [
            _in_set(gx, "role_group", rules.ROLE_GROUPS),
            e.ExpectColumnValuesToMatchRegex(column="wave", regex=rules.WAVE_PATTERN),
            _in_set(gx, "org_unit_known", [True]),
            *(_between(gx, f"proqol_{i}", 1, 5) for i in range(1, 31)),
        ]
    if feed_name == "survey_lived_experience":
        return [
            e.ExpectColumnValuesToMatchRegex(column="wave", regex=rules.WAVE_PATTERN),
            _in_set(gx, "org_unit_known", [True]),
            *(_between(gx, item, 1, 5) for item in FEEDS[feed_name].item_columns()),
        ]
    raise KeyError(f"no suite for feed {feed_name!r}")


def expectations_for(gx, feed_name: str, as_of: date) -> list:
    """Parse, presence and value expectations for one feed."""
    feed = FEEDS[feed_name]
    nullable = {c.name for c in feed.columns if c.nullable}
    renamed = {"staff_number": "staff_key", "prison_number": "participant_key"}
    parsed = [name for name, _ in output_columns(feed)
              if name not in {"age_band", "exit_code"}]
    out: list = [gx.expectations.ExpectColumnValuesToBeNull(column="_row__invalid")]
    if any(c.kind == "dob" for c in feed.columns):
        parsed.append("date_of_birth")  # the age band's source: a bad one must not vanish
    out += [gx.expectations.ExpectColumnValuesToBeNull(column=f"{name}__invalid") for name in parsed]
    required = [renamed.get(c.name, c.name) for c in feed.columns
                if c.kind not in {"drop", "dob", "exit_text"} and c.name not in nullable]
    out += [gx.expectations.ExpectColumnValuesToNotBeNull(column=name) for name in required]
    return out + _value_rules(gx, feed_name, as_of)
