"""The synthetic world the feeds describe: org units, a staff roster, women in custody.

Staff keep one identity for the whole window; a staff member in a unit that closes (the 2025
Staffordshire split) moves to a successor unit the day it opens, so history stays attributed
to the unit of its time.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date

from tipwh import reference
from tipwh.reference import OrgUnit

FIRST_NAMES = ["Amira", "Beth", "Chloe", "Dawn", "Ellen", "Fatima", "Grace", "Hannah", "Imani",
               "Jade", "Kerry", "Lucy", "Maya", "Nia", "Olivia", "Priya", "Rosa", "Siobhan",
               "Tara", "Una", "Vicky", "Wendy", "Yasmin", "Zoe", "Adam", "Ben", "Carl", "Dev",
               "Emeka", "Finn", "Gareth", "Hugh", "Ian", "Jon", "Kwame", "Liam", "Mo", "Owen"]
LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes",
              "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "O'Brien", "Patel",
              "Quinn", "Roberts", "Smith", "Taylor", "Usman", "Vaughan", "Williams", "Young"]

# role group -> (share of a unit's staff, grade bands it is drawn from)
PRISON_ROLES = {
    "prison officer": (0.50, ["band 3", "band 4"]),
    "OSG": (0.14, ["band 2"]),
    "senior leader": (0.04, ["band 7", "band 8", "band 9", "band 10", "band 11"]),
    "healthcare": (0.08, ["band 5", "band 6"]),
    "support/admin": (0.10, ["band 2", "band 3"]),
    "reception": (0.05, ["band 3"]),
    "other": (0.09, ["band 3", "band 4", "band 5"]),
}
PDU_ROLES = {
    "probation officer": (0.36, ["band 4"]),
    "PSO": (0.40, ["band 3"]),
    "senior leader": (0.05, ["band 6", "band 7", "band 8"]),
    "support/admin": (0.14, ["band 2", "band 3"]),
    "other": (0.05, ["band 4", "band 5"]),
}
HQ_ROLES = {
    "senior leader": (0.5, ["band 9", "band 10", "band 11", "SCS"]),
    "support/admin": (0.5, ["band 3", "band 4"]),
}
# staff per unit at scale 1: ~16,700 probation, ~4,000 in the women's estate
BASE_STAFF = {"PRISON": 340, "PDU": 150, "HQ": 20}
FRONTLINE = {"prison officer", "OSG", "probation officer", "PSO", "healthcare", "reception"}


@dataclass
class Staff:
    staff_number: str
    name: str
    email: str
    role_group: str
    grade_band: str
    units: list[tuple[str, date, date | None]]  # (unit code, from, to) in date order
    trained_before: date | None = None  # a BTI course before the generated window

    def unit_on(self, day: date) -> str | None:
        for code, start, end in self.units:
            if start <= day and (end is None or day <= end):
                return code
        return None

    @property
    def frontline(self) -> bool:
        return self.role_group in FRONTLINE


@dataclass
class Participant:
    prison_number: str
    name: str
    date_of_birth: date
    severity: float  # latent distress, standard normal
    engagement: float  # probability of attending each session


@dataclass
class World:
    units: tuple[OrgUnit, ...]
    staff: list[Staff] = field(default_factory=list)


def _role_draw(rng: random.Random, roles: dict[str, tuple[float, list[str]]]) -> tuple[str, str]:
    names = list(roles)
    role = rng.choices(names, weights=[roles[n][0] for n in names])[0]
    return role, rng.choice(roles[role][1])


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


STAFF_NUMBER_SPACE = 900_000  # SN100000 .. SN999999
MAX_STAFF_NUMBER_USE = 0.5  # beyond this, drawing unused numbers at random gets slow


def build_world(rng: random.Random, scale: float, window_start: date) -> World:
    """Units from the reference data and a staff roster sized by ``scale``."""
    world = World(units=reference.org_units())
    # units opened by a split are staffed by the closed unit's people, not by new hires
    split_successors = {s.code for u in world.units for s in reference.successors(u)}
    staffed = [u for u in world.units if u.code not in split_successors]
    expected = sum(BASE_STAFF[u.type] for u in staffed) * scale
    if expected * 1.2 > STAFF_NUMBER_SPACE * MAX_STAFF_NUMBER_USE:
        raise ValueError(
            f"scale {scale:g} needs about {expected:,.0f} staff, but staff numbers are SN + 6 "
            f"digits ({STAFF_NUMBER_SPACE:,} in all): use a scale of at most "
            f"{STAFF_NUMBER_SPACE * MAX_STAFF_NUMBER_USE / 1.2 / (expected / scale):.0f}")
    used: set[int] = set()
    for unit in staffed:
        roles = {"PRISON": PRISON_ROLES, "PDU": PDU_ROLES, "HQ": HQ_ROLES}[unit.type]
        size = max(2, round(BASE_STAFF[unit.type] * scale * rng.uniform(0.8, 1.2)))
        for _ in range(size):
            num = rng.randrange(100000, 1000000)
            while num in used:
                num = rng.randrange(100000, 1000000)
            used.add(num)
            role, grade = _role_draw(rng, roles)
            name = _name(rng)
            units = [(unit.code, unit.valid_from, unit.valid_to)]
            nxt = reference.successors(unit)
            if nxt:
                successor = rng.choice(nxt)
                units.append((successor.code, successor.valid_from, successor.valid_to))
            trained = None
            if rng.random() < 0.5:
                years_back = rng.uniform(0.1, 4.5)
                trained = date.fromordinal(window_start.toordinal() - int(years_back * 365))
            world.staff.append(
                Staff(
                    staff_number=f"SN{num}",
                    name=name,
                    email=name.lower().replace(" ", ".").replace("'", "") + "@justice.gov.uk",
                    role_group=role,
                    grade_band=grade,
                    units=units,
                    trained_before=trained,
                )
            )
    return world


def new_participant(rng: random.Random, used: set[str], group_start: date) -> Participant:
    """A woman in custody with a unique prison number (letter, 4 digits, 2 letters)."""
    while True:
        number = (rng.choice(string.ascii_uppercase) + f"{rng.randrange(10000):04d}"
                  + rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase))
        if number not in used:
            used.add(number)
            break
    age_days = int(rng.uniform(19, 62) * 365.25)
    return Participant(
        prison_number=number,
        name=_name(rng),
        date_of_birth=date.fromordinal(group_start.toordinal() - age_days),
        severity=rng.gauss(0.0, 1.0),
        engagement=min(0.99, max(0.4, rng.gauss(0.85, 0.12))),
    )
