"""Calendar-month arithmetic on ``YYYY-MM`` strings, the pipeline's unit of work."""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str) -> date:
    """``2025-03`` -> first day of that month; a clear error for anything else."""
    m = _MONTH.match(text.strip())
    if not m:
        raise ValueError(f"month must look like YYYY-MM, got {text!r}")
    return date(int(m.group(1)), int(m.group(2)), 1)


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_label(first: date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def month_range(last: date, count: int) -> list[date]:
    """The ``count`` months ending with ``last``, oldest first."""
    return [add_months(last, -i) for i in reversed(range(count))]
