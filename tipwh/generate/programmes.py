"""Feed 2 (programme registers) and the participant outcome survey of Feed 3.

Healing Trauma runs in 8 of the 12 women's prisons: six peer-led sessions, twice a week.
Each month's register is the facilitators' sheet as at month end, so a group still running
shows blank sessions and ``In progress`` and is corrected in the next month's sheet.
Completers improve on average (Cohen's d about 0.4-0.5) but not all do.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tipwh.generate.tables import FeedFile
from tipwh.generate.world import Participant, new_participant
from tipwh.months import month_end, month_label
from tipwh.reference import Instrument, instruments

DELIVERING = ["SDI", "BZI", "DWI", "EWI", "FHI", "LNI", "NHI", "STI"]
XLSX_SITES = {"SDI", "DWI", "FHI", "NHI"}
SESSION_OFFSETS = [0, 3, 7, 10, 14, 17]  # twice weekly
REGISTER_HEADER = ["Prison Number", "Name", "Date of Birth", "Prison Code", "Programme Code",
                   "Group ID", "Group Start Date", "Session 1", "Session 2", "Session 3",
                   "Session 4", "Session 5", "Session 6", "Status", "Exit Reason",
                   "Facilitator Type", "Research Consent"]
EXIT_TEXT = {
    "Withdrawn": ["Said it was too much right now", "Chose to stop - health reasons",
                  "Clash with education course", "did not want to continue"],
    "Transferred": ["Transferred to another prison", "moved to HMP open estate"],
    "Released": ["Released on licence", "released early (HDC)"],
}


@dataclass
class Enrolment:
    participant: Participant
    prison: str
    group_id: str
    start: date
    attended: list[bool]  # per session, for sessions held
    outcome: str  # Completed / Withdrawn / Transferred / Released
    left_after: int  # sessions the woman was still enrolled for
    exit_reason: str
    facilitator: str
    consent: bool
    responses: list[tuple[str, date, dict[str, int | None]]] = field(default_factory=list)

    def session_dates(self) -> list[date]:
        return [self.start + timedelta(days=d) for d in SESSION_OFFSETS]


def _items(inst: Instrument, latent: float, rng: random.Random) -> dict[str, int | None]:
    """Item answers from a latent severity (higher = worse), with reversed items honoured."""
    answers: dict[str, int | None] = {}
    span = inst.item_max - inst.item_min
    for i, col in enumerate(inst.columns(), start=1):
        p = 1 / (1 + math.exp(-(1.3 * latent + rng.gauss(0, 0.9))))
        worse = inst.item_min + min(span, max(0, round(p * span + rng.gauss(0, 0.4))))
        good_item = (not inst.higher_is_worse) != (i in inst.reversed_items)
        answers[col] = inst.item_min + inst.item_max - worse if good_item else worse
    roll = rng.random()
    if roll < 0.04:  # one item skipped: pro-rated
        answers[rng.choice(inst.columns())] = None
    elif roll < 0.05:  # half the items skipped: invalid score, kept and flagged
        for col in rng.sample(inst.columns(), k=max(2, inst.n_items // 2)):
            answers[col] = None
    return answers


def _survey(latent: float, rng: random.Random) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for inst in instruments():
        answers.update(_items(inst, latent + rng.gauss(0, 0.25), rng))
    return answers


def simulate(months: list[date], rng: random.Random, scale: float) -> list[Enrolment]:
    """Every enrolment starting in the window, with its attendance and survey responses."""
    used: set[str] = set()
    enrolments: list[Enrolment] = []
    groups_per_month = max(1, round(scale))
    for first in months:
        for prison in DELIVERING:
            for seq in range(1, groups_per_month + 1):
                start = first + timedelta(days=rng.randrange(0, 24))
                group_id = f"{prison}-{start:%Y%m%d}-{seq:02d}"
                for _ in range(rng.randint(6, 12)):
                    enrolments.append(_enrol(rng, used, prison, group_id, start))
    return enrolments


def _enrol(rng: random.Random, used: set[str], prison: str, group_id: str,
           start: date) -> Enrolment:
    woman = new_participant(rng, used, start)
    outcome = rng.choices(["Completed", "Withdrawn", "Transferred", "Released"],
                          weights=[78, 11, 4, 7])[0]
    left_after = 6 if outcome == "Completed" else rng.randint(1, 5)
    attended = [i < left_after and rng.random() < woman.engagement for i in range(6)]
    enrolment = Enrolment(
        participant=woman, prison=prison, group_id=group_id, start=start, attended=attended,
        outcome=outcome, left_after=left_after,
        exit_reason=rng.choice(EXIT_TEXT[outcome]) if outcome in EXIT_TEXT else "",
        facilitator="peer" if rng.random() < 0.85 else "staff",
        consent=rng.random() < 0.8,
    )
    dates = enrolment.session_dates()
    if rng.random() < 0.95:
        enrolment.responses.append(("PRE", start - timedelta(days=rng.randrange(0, 4)),
                                    _survey(woman.severity, rng)))
    completed = outcome == "Completed" and sum(attended) >= 5
    if rng.random() < (0.9 if completed else 0.3):
        gain = rng.gauss(0.5, 1.0) if completed else rng.gauss(0.1, 1.0)
        post_latent = woman.severity - gain
        end = dates[5] if completed else dates[max(0, left_after - 1)]
        # at least a day after her last session, so always after the PRE (on or before start)
        enrolment.responses.append(("POST", end + timedelta(days=rng.randrange(1, 5)),
                                    _survey(post_latent, rng)))
        if completed and rng.random() < 0.5:
            enrolment.responses.append(("FOLLOWUP_3M", end + timedelta(days=rng.randrange(85, 100)),
                                        _survey(post_latent + rng.gauss(0.1, 0.4), rng)))
    return enrolment


def _yn(flag: bool) -> str:
    return "Y" if flag else "N"


def register_files(enrolments: list[Enrolment], months: list[date]) -> list[FeedFile]:
    """One register per delivering prison per month, as at that month's end."""
    files: list[FeedFile] = []
    for first in months:
        last = month_end(first)
        for prison in DELIVERING:
            rows = []
            for e in enrolments:
                dates = e.session_dates()
                if e.prison != prison or e.start > last or dates[5] < first:
                    continue
                held = [d <= last for d in dates]
                sessions = [("" if not h else _yn(a)) for h, a in zip(held, e.attended, strict=True)]
                finished = all(held) or (e.outcome != "Completed" and held[e.left_after - 1])
                status = e.outcome if finished else "In progress"
                rows.append([
                    e.participant.prison_number, e.participant.name,
                    e.participant.date_of_birth.isoformat(), prison, "HEALING_TRAUMA",
                    e.group_id, e.start.isoformat(), *sessions, status,
                    e.exit_reason if finished else "", e.facilitator, _yn(e.consent),
                ])
            if rows:
                fmt = "xlsx" if prison in XLSX_SITES else "csv"
                files.append(FeedFile("programme_completions",
                                      f"programme_{prison}_{month_label(first)}.{fmt}",
                                      REGISTER_HEADER, rows, fmt))
    return files


def survey_files(enrolments: list[Enrolment], months: list[date]) -> list[FeedFile]:
    """One participant outcome survey export per month, responses administered in it."""
    item_cols = [c for inst in instruments() for c in inst.columns()]
    header = ["Prison Number", "Timepoint", "Administered Date", "Programme Code",
              "Group ID", *item_cols]
    by_month: dict[str, list[list[str]]] = {month_label(m): [] for m in months}
    window_end = month_end(months[-1])
    for e in enrolments:
        for timepoint, day, answers in e.responses:
            key = month_label(day.replace(day=1))
            if day > window_end or key not in by_month:
                continue
            by_month[key].append([
                e.participant.prison_number, timepoint, day.isoformat(), "HEALING_TRAUMA",
                e.group_id, *("" if answers[c] is None else str(answers[c]) for c in item_cols),
            ])
    return [
        FeedFile("survey_participant_outcomes", f"participant_survey_{label}.csv", header,
                 sorted(rows, key=lambda r: (r[2], r[0], r[1])))
        for label, rows in by_month.items() if rows
    ]
