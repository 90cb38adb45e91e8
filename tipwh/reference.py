"""Reference data (regions, PDUs, women's prisons) from the dbt seeds: one copy in the project.

The generator and the tests read these; the warehouse reads the same files as dbt seeds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tipwh.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"


@dataclass(frozen=True)
class OrgUnit:
    """One version of an org unit (prison, PDU or regional HQ), valid for a date range."""

    code: str
    name: str
    type: str
    region_code: str
    female_estate: bool
    valid_from: date
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _rows(name: str, seeds: Path = SEEDS) -> list[dict[str, str]]:
    with (seeds / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def regions() -> dict[str, str]:
    """Region code -> region name, the 12 probation regions."""
    return {r["region_code"]: r["region_name"] for r in _rows("ref_probation_regions.csv")}


@cache
def org_units() -> tuple[OrgUnit, ...]:
    """Every org unit version: 12 women's prisons, the PDUs (with the 2025 split), one HQ each."""
    units: list[OrgUnit] = []
    opened = date(2015, 9, 1)
    for r in _rows("ref_womens_prisons.csv"):
        units.append(
            OrgUnit(r["prison_code"], r["prison_name"], "PRISON",
                    r["nearest_probation_region_code"], True, opened, None)
        )
    for r in _rows("ref_probation_delivery_units.csv"):
        units.append(
            OrgUnit(r["pdu_code"], r["pdu_name"], "PDU", r["region_code"], False,
                    date.fromisoformat(r["valid_from"]),
                    date.fromisoformat(r["valid_to"]) if r["valid_to"] else None)
        )
    for code, name in regions().items():
        units.append(OrgUnit(f"{code}HQ", f"{name} regional HQ", "HQ", code, False, opened, None))
    return tuple(units)


def successors(unit: OrgUnit) -> list[OrgUnit]:
    """The units that took over a closed unit's area: same region and type, opened the next day."""
    if unit.valid_to is None:
        return []
    return [
        u for u in org_units()
        if u.region_code == unit.region_code and u.type == unit.type
        and (u.valid_from - unit.valid_to).days == 1
    ]


@dataclass(frozen=True)
class Instrument:
    """An outcome instrument's shape, from the ``ref_instruments`` seed."""

    code: str
    n_items: int
    item_min: int
    item_max: int
    higher_is_worse: bool
    reversed_items: frozenset[int]

    def columns(self) -> list[str]:
        return [f"{self.code}_{i}" for i in range(1, self.n_items + 1)]


@cache
def instruments() -> tuple[Instrument, ...]:
    return tuple(
        Instrument(
            code=r["instrument_code"],
            n_items=int(r["n_items"]),
            item_min=int(r["item_min"]),
            item_max=int(r["item_max"]),
            higher_is_worse=r["higher_is_worse"] == "true",
            reversed_items=frozenset(int(i) for i in r["reversed_items"].split("|") if i),
        )
        for r in _rows("ref_instruments.csv")
    )
