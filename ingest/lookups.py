"""Cross-reference flags the GX suites check: does an org unit exist (on a date)? are a
woman's survey timepoints in order?

The org-unit reference is whatever the raw layer holds plus the rows of the batch being
loaded, so a brand-new unit and its first training records can arrive in the same night.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from expectations.rules import PROGRAMME_START


def add_lookup_flags(con: duckdb.DuckDBPyConnection, feed_name: str, frame: pd.DataFrame,
                     as_of: date) -> pd.DataFrame:
    if feed_name == "training_logs":
        flags = con.execute(
            """
            select f._idx, count(u.org_unit_code) > 0 as ok
            from frame as f
            left join raw.org_units as u
                on u.org_unit_code = f.org_unit_code
                and u.valid_from <= cast(f.session_date as date)
                and (u.valid_to is null or cast(f.session_date as date) <= u.valid_to)
            group by f._idx
            """
        ).df().set_index("_idx")["ok"]
        frame["org_unit_valid_on_date"] = frame["_idx"].map(flags).fillna(False).astype(bool)
    elif feed_name == "survey_participant_outcomes":
        frame["timepoints_in_order"] = _timepoints_in_order(con, frame, as_of)
    elif feed_name in {"headcount", "survey_staff_wellbeing", "survey_lived_experience"}:
        known = {r[0] for r in con.execute("select distinct org_unit_code from raw.org_units").fetchall()}
        frame["org_unit_known"] = frame["org_unit_code"].isin(known)
    return frame


def _timepoints_in_order(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame,
                         as_of: date) -> pd.Series:
    """PRE before POST before FOLLOWUP_3M for the same woman and group, against the batch and
    what is already loaded. A row with no partner to compare with is in order; a partner
    whose own date is implausible (fails its range rule) cannot testify against it."""
    flags = con.execute(
        """
        with candidates as (
            select participant_key, group_id, timepoint, cast(administered_date as date) as day
            from frame
            union all
            select participant_key, group_id, timepoint, administered_date
            from raw.survey_participant_outcomes
        ),
        ranked as (
            select *, case timepoint when 'PRE' then 0 when 'POST' then 1
                when 'FOLLOWUP_3M' then 2 end as step
            from candidates
        )
        select f._idx, count(c.day) = 0 as ok
        from frame as f
        left join ranked as c
            on c.participant_key = f.participant_key
            and c.day between ? and ?
            and c.group_id = f.group_id
            and c.step is not null
            and (
                (c.step < (case f.timepoint when 'PRE' then 0 when 'POST' then 1
                    when 'FOLLOWUP_3M' then 2 end) and c.day >= cast(f.administered_date as date))
                or (c.step > (case f.timepoint when 'PRE' then 0 when 'POST' then 1
                    when 'FOLLOWUP_3M' then 2 end) and c.day <= cast(f.administered_date as date))
            )
        group by f._idx
        """, [PROGRAMME_START, as_of]
    ).df().set_index("_idx")["ok"]
    return frame["_idx"].map(flags).fillna(True).astype(bool)
