"""Feed 1: staff training logs, one row per staff member per session.

An initial full export carries training before the window (so three-year validity and
coverage have history); then one nightly-delta file per month.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from tipwh.generate.tables import FeedFile
from tipwh.generate.world import World
from tipwh.months import month_end, month_label

HEADER = ["Record ID", "Staff Number", "Staff Name", "Email", "Org Unit Code", "Role Group",
          "Grade Band", "Course Code", "Session Date", "Hours", "Status", "Provider"]
HOURS = {"BTI_FULL": "6.5", "BTI_HEADLINES": "3.5", "BTI_TRAINER": "7", "BTI_FOLLOWUP": "3",
         "TIP_CORE": "3", "TIP_SPECIALIST": "14", "MHFA": "14", "RESILIENCE": "3.5",
         "CLINICAL_SUPERVISION": "1.5"}
EARLIEST = date(2015, 9, 1)


def _provider(course: str, unit_type: str, rng: random.Random) -> str:
    if course.startswith("BTI_"):
        return "One Small Thing"
    if unit_type == "PDU" and rng.random() < 0.2:
        return "Ingeus"
    return "HMPPS"


def _status(rng: random.Random) -> str:
    return rng.choices(["Completed", "Attended-partial", "No-show", "Cancelled"],
                       weights=[85, 5, 7, 3])[0]


def simulate(world: World, months: list[date],
             rng: random.Random) -> tuple[list[FeedFile], dict[str, date], set[str]]:
    """All training rows for the window, as one initial export plus one file per month.

    Also returns each staff member's first completed BTI date and who has supervision access,
    so the staff survey can answer consistently with the training logs.
    """
    unit_type = {u.code: u.type for u in world.units}
    counter = iter(range(1, 10**9))
    window_start = months[0]

    def row(staff, course, day, status=None):
        unit = staff.unit_on(day)
        return [f"LMS{next(counter):09d}", staff.staff_number, staff.name, staff.email, unit,
                staff.role_group, staff.grade_band, course, day.isoformat(), HOURS[course],
                status or _status(rng), _provider(course, unit_type[unit], rng)]

    initial: list[list[str]] = []
    trained: dict[str, date] = {}
    specialists: set[str] = set()
    supervised = {s.staff_number for s in world.staff if s.frontline and rng.random() < 0.6}
    pdus_with_specialist: set[str] = set()
    for staff in world.staff:
        if staff.trained_before and staff.trained_before >= EARLIEST:
            course = "BTI_FULL" if rng.random() < 0.7 else "BTI_HEADLINES"
            if staff.unit_on(staff.trained_before):
                initial.append(row(staff, course, staff.trained_before, "Completed"))
                trained[staff.staff_number] = staff.trained_before
        unit = staff.unit_on(window_start)
        if (unit and unit_type[unit] == "PDU" and unit not in pdus_with_specialist
                and staff.role_group == "probation officer" and rng.random() < 0.8):
            day = window_start - timedelta(days=rng.randrange(30, 700))
            if staff.unit_on(day):
                initial.append(row(staff, "TIP_SPECIALIST", day, "Completed"))
                specialists.add(staff.staff_number)
                pdus_with_specialist.add(unit)
    files = [FeedFile("training_logs",
                      f"training_logs_initial_to_{(window_start - timedelta(days=1)).isoformat()}.csv",
                      HEADER, initial)]

    for first in months:
        last = month_end(first)
        rows: list[list[str]] = []
        for staff in world.staff:
            if staff.unit_on(last) is None:
                continue

            def day(first: date = first, last: date = last) -> date:
                return first + timedelta(days=rng.randrange((last - first).days + 1))

            if staff.staff_number not in trained and rng.random() < 0.035:
                r = row(staff, "BTI_FULL" if rng.random() < 0.7 else "BTI_HEADLINES", day())
                rows.append(r)
                if r[10] == "Completed":
                    trained[staff.staff_number] = date.fromisoformat(r[8])
            elif staff.staff_number in trained and rng.random() < 0.01:
                rows.append(row(staff, "BTI_FOLLOWUP", day()))
            if staff.staff_number in supervised and rng.random() < 0.7:
                rows.append(row(staff, "CLINICAL_SUPERVISION", day(), "Completed"))
            if rng.random() < 0.005:
                rows.append(row(staff, rng.choice(["MHFA", "RESILIENCE", "TIP_CORE"]), day()))
            if (staff.role_group == "probation officer" and staff.staff_number not in specialists
                    and rng.random() < 0.002):
                rows.append(row(staff, "TIP_SPECIALIST", day(), "Completed"))
                specialists.add(staff.staff_number)
        rows.sort(key=lambda r: (r[8], r[0]))
        files.append(FeedFile("training_logs", f"training_logs_{month_label(first)}.csv",
                              HEADER, rows))
    return files, trained, supervised
