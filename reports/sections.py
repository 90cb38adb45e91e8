"""The figures behind report sections 3-7, for one area (a region or the nation) and month.

Every figure comes from a publish table (disclosure control applied); each section carries
the table it came from so the page can name its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from reports.data import NATION, fetch, instrument_directions

CORE_VALUES = ["SAFETY", "TRUST", "CHOICE", "COLLABORATION", "EMPOWERMENT", "INCLUSIVITY"]
SPLITS = {"all": "All respondents", "bti_trained": "BTI trained", "not_bti_trained": "Not BTI trained",
          "supervised": "Supervised (last 3 months)", "not_supervised": "Not supervised"}


@dataclass
class Section:
    source: str
    rows: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def wave_for(month: date) -> str:
    """The latest survey wave finished by the end of ``month``."""
    quarter = month.month // 3
    if quarter == 0:
        return f"{month.year - 1}-Q4"
    return f"{month.year}-Q{quarter}"


def area_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Area code -> name, from the published coverage table's latest names."""
    return {code: name for code, name in con.execute(
        "select area_code, any_value(area_name order by month_start desc) "
        "from publish.pub_training_coverage group by area_code").fetchall()}


def _named(rows: list[dict], names: dict[str, str]) -> list[dict]:
    for row in rows:
        row.setdefault("area_name", names.get(row.get("area_code"), row.get("area_code")))
    return rows


def _level(code: str) -> str:
    return "nation" if code == NATION else "region"


def specialists(con: duckdb.DuckDBPyConnection, month: date, code: str) -> Section:
    area = fetch(con, "pub_specialists_supervision",
                 {"month_start": month, "area_level": _level(code), "area_code": code}, "area_code")
    children = fetch(con, "pub_specialists_supervision",
                     {"month_start": month, "area_level": "region" if code == NATION else "org_unit",
                      **({} if code == NATION else {"region_code": code})}, "area_code")
    names = area_names(con)
    return Section("pub_specialists_supervision", _named(children, names),
                   {"area": area[0] if area else None})


def programme(con: duckdb.DuckDBPyConnection, month: date, code: str) -> Section:
    delivery = fetch(con, "pub_programme_delivery",
                     {"month_start": month, "area_level": _level(code), "area_code": code},
                     "programme_code")
    units = fetch(con, "pub_programme_delivery",
                  {"month_start": month, "area_level": "region" if code == NATION else "org_unit",
                   **({} if code == NATION else {"region_code": code})}, "area_code")
    outcomes = fetch(con, "pub_programme_outcomes",
                     {"month_start": month, "area_level": _level(code), "area_code": code},
                     "programme_code, instrument_code")
    names = instrument_directions(con)
    for row in outcomes:
        name, worse, top = names.get(row["instrument_code"], (row["instrument_code"], True, 100))
        row["instrument_name"] = name
        row["higher_is_worse"] = worse
        row["total_max"] = top
    return Section("pub_programme_delivery, pub_programme_outcomes", _named(units, area_names(con)),
                   {"delivery": delivery, "outcomes": outcomes})


def wellbeing(con: duckdb.DuckDBPyConnection, month: date, code: str) -> Section:
    wave = wave_for(month)
    rows = fetch(con, "pub_staff_wellbeing",
                 {"wave": wave, "area_level": _level(code), "area_code": code}, "split")
    rows.sort(key=lambda r: list(SPLITS).index(r["split"]))
    for row in rows:
        row["split_label"] = SPLITS[row["split"]]
    return Section("pub_staff_wellbeing", rows, {"wave": wave})


def lived_experience(con: duckdb.DuckDBPyConnection, month: date, code: str) -> Section:
    wave = wave_for(month)
    rows = fetch(con, "pub_lived_experience",
                 {"wave": wave, "area_level": _level(code), "area_code": code}, "core_value")
    rows.sort(key=lambda r: CORE_VALUES.index(r["core_value"]))
    return Section("pub_lived_experience", rows, {"wave": wave})


def scorecard(con: duckdb.DuckDBPyConnection, month: date, code: str) -> Section:
    where: dict[str, object] = {"month_start": month}
    if code != NATION:
        where["region_code"] = code
    return Section("pub_enablers_scorecard",
                   fetch(con, "pub_enablers_scorecard", where, "region_code, enabler_number"))


def freshness(con: duckdb.DuckDBPyConnection, month: date) -> Section:
    return Section("pub_data_freshness",
                   fetch(con, "pub_data_freshness", {"month_start": month}, "feed_name"))
