"""Parse one cell's text into a typed value; ``None`` for a null token, ``ValueError`` if bad.

Dates: ISO ``2024-03-07``, UK ``07/03/2024``, ``7 Mar 2024`` and, from XLSX only, Excel
serial numbers. Numbers may carry thousands separators. ``N/A``, ``-`` and blank are null.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

NULL_TOKENS = {"", "n/a", "-", "na", "null"}
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, allowing for its 1900 leap-year bug
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TEXT_MONTH = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def is_null(text: str) -> bool:
    return text.strip().lower() in NULL_TOKENS


def parse_date(text: str, *, allow_serial: bool = False) -> date | None:
    try:
        return _parse_date(text, allow_serial)
    except ValueError as exc:
        message = str(exc)
        raise ValueError(message if message.startswith("not a date") else
                         f"not a date: {text.strip()!r} ({message})") from exc


def _parse_date(text: str, allow_serial: bool) -> date | None:
    s = text.strip()
    if s.lower() in NULL_TOKENS:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", s):
        return datetime.fromisoformat(s[:10]).date() if len(s) == 10 else datetime.fromisoformat(s).date()
    if m := _UK.match(s):
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _TEXT_MONTH.match(s):
        month = _MONTHS.get(m.group(2)[:3].lower())
        if month is None:
            raise ValueError(f"unknown month name {m.group(2)!r}")
        return date(int(m.group(3)), month, int(m.group(1)))
    if allow_serial and re.match(r"^\d{4,5}(\.0+)?$", s):
        return EXCEL_EPOCH + timedelta(days=int(float(s)))
    raise ValueError(f"not a date: {s!r}")


def parse_decimal(text: str) -> float | None:
    s = text.strip()
    if s.lower() in NULL_TOKENS:
        return None
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    value = float(s)  # raises ValueError on junk
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def parse_int(text: str) -> int | None:
    value = parse_decimal(text)
    if value is None:
        return None
    if not float(value).is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def parse_yes_no(text: str) -> bool | None:
    s = text.strip().lower()
    if s in NULL_TOKENS:
        return None
    if s in {"y", "yes", "true", "1"}:
        return True
    if s in {"n", "no", "false", "0"}:
        return False
    raise ValueError(f"not Y/N: {text!r}")


def clean_text(text: str) -> str | None:
    s = text.strip()
    return None if s.lower() in NULL_TOKENS else s
