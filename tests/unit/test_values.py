"""Cell parsing: dates in every format FEEDS.md lists, nulls, thousands separators."""

from __future__ import annotations

from datetime import date

import pytest

from ingest import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-07", date(2024, 3, 7)),
        ("2024-03-07 00:00:00", date(2024, 3, 7)),
        ("07/03/2024", date(2024, 3, 7)),
        ("7/3/2024", date(2024, 3, 7)),
        ("7 Mar 2024", date(2024, 3, 7)),
        ("07 March 2024", date(2024, 3, 7)),
        ("7-Mar-2024", date(2024, 3, 7)),
        (" 2024-03-07 ", date(2024, 3, 7)),
        ("N/A", None),
        ("-", None),
        ("", None),
    ],
)
def test_dates(text: str, expected: date | None):
    assert values.parse_date(text) == expected


def test_excel_serial_dates_only_when_allowed():
    assert values.parse_date("45358", allow_serial=True) == date(2024, 3, 7)
    with pytest.raises(ValueError, match="not a date"):
        values.parse_date("45358")


@pytest.mark.parametrize("bad", ["31/31/2024", "2024-02-30", "7 Foo 2024", "yesterday", "=NOW()"])
def test_bad_dates_say_not_a_date(bad: str):
    with pytest.raises(ValueError, match="not a date"):
        values.parse_date(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234", 1234.0), ("1,234,567.5", 1234567.5), ("6.5", 6.5), (" 16 ", 16.0), ("n/a", None)],
)
def test_decimals_with_thousands_separators(text: str, expected: float | None):
    assert values.parse_decimal(text) == expected


@pytest.mark.parametrize("bad", ["1,23", "abc", "nan", "inf", "1.2.3"])
def test_bad_numbers_raise(bad: str):
    with pytest.raises(ValueError):
        values.parse_decimal(bad)


def test_whole_numbers_and_yes_no():
    assert values.parse_int("12") == 12
    with pytest.raises(ValueError):
        values.parse_int("1.5")
    assert values.parse_yes_no("Y") is True
    assert values.parse_yes_no("no") is False
    assert values.parse_yes_no("") is None
    with pytest.raises(ValueError):
        values.parse_yes_no("maybe")
