"""Feed 3's staff wellbeing (ProQOL 5) and lived-experience (six core values) surveys.

Both run in quarterly waves; a wave's export lands in the quarter's last month. Trained and
supervised staff report a little less burnout: an effect the wellbeing mart should surface.
"""

from __future__ import annotations

import random
from datetime import date

from tipwh.generate.tables import FeedFile
from tipwh.generate.world import World
from tipwh.months import month_end

PROQOL_CS = {3, 6, 12, 16, 18, 20, 22, 24, 27, 30}
PROQOL_BO = {1, 4, 8, 10, 15, 17, 19, 21, 26, 29}
PROQOL_BO_REVERSED = {1, 4, 15, 17, 29}
CORE_VALUES = ["SAFETY", "TRUST", "CHOICE", "COLLABORATION", "EMPOWERMENT", "INCLUSIVITY"]
VALUE_ITEMS = ["SAFETY_1", "SAFETY_2", "TRUST_1", "TRUST_2", "CHOICE_1", "COLLABORATION_1",
               "EMPOWERMENT_1", "INCLUSIVITY_1"]


def wave_of(first: date) -> str | None:
    """``2025-Q1`` when ``first`` is a quarter's last month, else None."""
    return f"{first.year}-Q{first.month // 3}" if first.month % 3 == 0 else None


def waves(months: list[date]) -> list[tuple[str, date]]:
    """(wave, its last day) for each quarter's last month in ``months``."""
    return [(wave, month_end(first)) for first in months if (wave := wave_of(first))]


def _likert(latent: float, rng: random.Random) -> int:
    return min(5, max(1, round(3 + 0.9 * latent + rng.gauss(0, 0.8))))


def wellbeing_files(world: World, months: list[date], trained: dict[str, date], supervised: set[str],
                    rng: random.Random) -> list[FeedFile]:
    header = ["Staff Number", "Org Unit Code", "Role Group", "Wave", "Has had BTI training",
              "Access to clinical supervision", "Supervision in last 3 months",
              *[f"ProQOL {i}" for i in range(1, 31)]]
    files = []
    for wave, day in waves(months):
        rows = []
        for staff in world.staff:
            unit = staff.unit_on(day)
            if unit is None or rng.random() > 0.3:
                continue
            is_trained = trained.get(staff.staff_number, date.max) <= day
            is_supervised = staff.staff_number in supervised
            burnout = rng.gauss(0.3, 1) - 0.3 * is_trained - 0.3 * is_supervised
            sts = rng.gauss(0.0, 1) - 0.2 * is_supervised
            cs = rng.gauss(0.6, 1) + 0.2 * is_trained
            items = []
            for i in range(1, 31):
                if i in PROQOL_CS:
                    items.append(_likert(cs, rng))
                elif i in PROQOL_BO:
                    score = _likert(burnout, rng)
                    items.append(6 - score if i in PROQOL_BO_REVERSED else score)
                else:
                    items.append(_likert(sts, rng))
            rows.append([
                staff.staff_number if rng.random() < 0.6 else "", unit, staff.role_group, wave,
                "Y" if is_trained else "N", "Y" if is_supervised else "N",
                "Y" if is_supervised and rng.random() < 0.85 else "N", *map(str, items),
            ])
        files.append(FeedFile("survey_staff_wellbeing", f"staff_wellbeing_{wave}.csv", header, rows))
    return files


def lived_experience_files(world: World, months: list[date], scale: float,
                           rng: random.Random) -> list[FeedFile]:
    header = ["Org Unit Code", "Wave", *[c.replace("_", " ").title() for c in VALUE_ITEMS]]
    files = []
    for wave, day in waves(months):
        rows = []
        for unit in world.units:
            if unit.type == "HQ" or not unit.valid_on(day):
                continue
            climate = rng.gauss(0.2, 0.4)
            for _ in range(max(3, round(rng.uniform(10, 25) * scale))):
                person = climate + rng.gauss(0, 0.7)
                rows.append([unit.code, wave, *(str(_likert(person, rng)) for _ in VALUE_ITEMS)])
        files.append(FeedFile("survey_lived_experience", f"lived_experience_{wave}.csv", header, rows))
    return files
