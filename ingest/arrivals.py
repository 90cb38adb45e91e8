"""When each feed's file for a period is due, and which are overdue on a given date.

Sources name their exports by period (``training_logs_2026-10.csv``,
``staff_wellbeing_2026-Q3.csv``). A feed is *overdue* on a date when no file naming its
latest due period has arrived: not in the ledger (loaded or rejected), not waiting in the
landing area, not in quarantine. The check depends only on the date it is asked about and
the files present, never on the wall clock, so a rerun of the same night gives the same
answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tipwh.months import add_months


@dataclass(frozen=True)
class Due:
    """A feed's cadence and how many days after a period ends its file is due."""

    cadence: str  # "monthly" or "quarterly"
    days_after: int


# The agreed delivery times. Regional commitments change when a plan does: no fixed cadence.
ARRIVALS: dict[str, Due] = {
    "org_units": Due("monthly", 5),
    "headcount": Due("monthly", 5),
    "training_logs": Due("monthly", 3),
    "programme_completions": Due("monthly", 7),
    "survey_participant_outcomes": Due("monthly", 7),
    "survey_staff_wellbeing": Due("quarterly", 21),
    "survey_lived_experience": Due("quarterly", 21),
}


@dataclass(frozen=True)
class Overdue:
    feed: str
    period: str
    due: date

    def message(self) -> str:
        return (f"feed {self.feed}: no file for {self.period} has arrived; it was due by "
                f"{self.due.isoformat()}")


def _period_label(start: date, cadence: str) -> str:
    if cadence == "quarterly":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def latest_due_period(due: Due, on: date) -> tuple[str, date]:
    """The most recent period whose file was due on or before ``on``, and its due date."""
    step = 3 if due.cadence == "quarterly" else 1
    start = date(on.year, on.month, 1)
    if step == 3:
        start = date(on.year, (on.month - 1) // 3 * 3 + 1, 1)
    while True:
        start = add_months(start, -step)
        due_date = add_months(start, step) + timedelta(days=due.days_after - 1)
        if due_date <= on:
            return _period_label(start, due.cadence), due_date


def overdue_feeds(file_names: dict[str, set[str]], on: date,
                  arrivals: dict[str, Due] | None = None) -> list[Overdue]:
    """Feeds whose latest due period has no file among ``file_names[feed]`` on ``on``."""
    late = []
    for feed, due in (ARRIVALS if arrivals is None else arrivals).items():
        period, due_date = latest_due_period(due, on)
        if not any(period in name for name in file_names.get(feed, set())):
            late.append(Overdue(feed, period, due_date))
    return late
