"""Cross-reference flags the GX suites check: does an org unit exist (on a date)?

The org-unit reference is whatever the raw layer holds plus the rows of the batch being
loaded, so a brand-new unit and its first training records can arrive in the same night.
"""

from __future__ import annotations

import duckdb
import pandas as pd


def add_org_unit_flags(con: duckdb.DuckDBPyConnection, feed_name: str,
                       frame: pd.DataFrame) -> pd.DataFrame:
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
    elif feed_name in {"headcount", "survey_staff_wellbeing", "survey_lived_experience"}:
        known = {r[0] for r in con.execute("select distinct org_unit_code from raw.org_units").fetchall()}
        frame["org_unit_known"] = frame["org_unit_code"].isin(known)
    return frame
