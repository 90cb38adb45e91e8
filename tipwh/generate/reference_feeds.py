"""The monthly reference feeds: org units (slowly changing), headcount, regional commitments."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from tipwh import reference
from tipwh.generate.tables import FeedFile
from tipwh.generate.world import World
from tipwh.months import month_end, month_label

ENABLER_COMMITMENTS = {
    1: "Roll out Becoming Trauma Informed training to all staff, including senior leaders",
    2: "Appoint a TIP specialist in every Probation Delivery Unit",
    3: "Establish TIP leads at regional and senior levels to coordinate strategy",
    4: "Join the local Violence Reduction Network and whole-system initiatives",
    5: "Embed a trauma perspective in risk assessment and sentence management",
    6: "Build partnerships with trauma specialist services",
    7: "Make clinical supervision available and accessible to all frontline staff",
    8: "Commission trauma-specific interventions for women, veterans and care leavers",
}


def org_unit_files(world: World, months: list[date]) -> list[FeedFile]:
    header = ["Org Unit Code", "Name", "Type", "Region Code", "Female Estate", "Valid From",
              "Valid To"]
    rows = [[u.code, u.name, u.type, u.region_code, "Y" if u.female_estate else "N",
             u.valid_from.isoformat(), u.valid_to.isoformat() if u.valid_to else ""]
            for u in world.units]
    return [FeedFile("org_units", f"org_units_{month_label(m)}.csv", header, rows) for m in months]


def headcount_files(world: World, months: list[date], rng: random.Random) -> list[FeedFile]:
    header = ["Snapshot Month", "Org Unit Code", "Role Group", "Grade Band", "Headcount", "FTE"]
    files = []
    for first in months:
        last = month_end(first)
        cells = Counter(
            (unit, s.role_group, s.grade_band)
            for s in world.staff if (unit := s.unit_on(last)) is not None
        )
        rows = [[month_label(first), unit, role, grade, str(n), f"{n * rng.uniform(0.85, 1):.1f}"]
                for (unit, role, grade), n in sorted(cells.items())]
        files.append(FeedFile("headcount", f"headcount_{month_label(first)}.csv", header, rows))
    return files


def commitment_files(months: list[date], rng: random.Random) -> list[FeedFile]:
    header = ["Region Code", "Enabler", "Commitment", "Status", "Start Date", "Review Date"]
    start = date(2021, 8, 1)
    rows = []
    for code in reference.regions():
        for enabler, text in ENABLER_COMMITMENTS.items():
            status = rng.choices(["Not started", "In progress", "Achieved"], weights=[2, 6, 2])[0]
            review = months[-1] + timedelta(days=rng.randrange(30, 200))
            rows.append([code, str(enabler), text, status, start.isoformat(), review.isoformat()])
    return [FeedFile("regional_commitments", f"regional_commitments_{month_label(months[0])}.csv",
                     header, rows)]
