"""Readers: every encoding, delimiter and layout quirk of FEEDS.md, and the csv-spectrum corpus."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from ingest.errors import FileRejected
from ingest.readers import read_bytes

SPECTRUM = Path(__file__).resolve().parents[1] / "fixtures" / "csv_spectrum"
# Upstream's expected JSON for this file is a bare object whose phone number differs from the
# CSV's (an upstream error); the CSV's own value is the truth we check against.
UPSTREAM_ERRATA = {"location_coordinates": {"Contact Phone Number": "2095257564"}}


def _expected(stem: str) -> list[dict[str, str]]:
    expected = json.loads((SPECTRUM / "expected-json" / f"{stem}.json").read_text())
    if isinstance(expected, dict):
        expected = [expected]
    for record in expected:
        record.update(UPSTREAM_ERRATA.get(stem, {}))
    return expected


@pytest.mark.parametrize("csv_file", sorted(SPECTRUM.glob("*.csv")), ids=lambda p: p.stem)
def test_csv_spectrum_parses_to_expected_records(csv_file: Path):
    expected = _expected(csv_file.stem)
    table = read_bytes(csv_file.read_bytes())
    records = [dict(zip(table.header, row, strict=True)) for row in table.rows]
    assert records == expected


def test_utf8_bom_is_stripped_from_the_first_header():
    table = read_bytes("\ufeffRecord ID,Name\r\n1,Zoë\r\n".encode())
    assert table.header == ["Record ID", "Name"]
    assert table.rows == [["1", "Zoë"]]
    assert table.encoding == "utf-8-sig"


def test_windows_1252_is_decoded_when_utf8_fails():
    table = read_bytes("id,name\n1,Café – O’Brien\n".encode("cp1252"))
    assert table.rows == [["1", "Café – O’Brien"]]
    assert table.encoding == "cp1252"


def test_semicolon_delimiter_is_detected():
    table = read_bytes(b"a;b;c\n1;2,5;3\n")
    assert table.header == ["a", "b", "c"]
    assert table.rows == [["1", "2,5", "3"]]


def test_blank_trailing_rows_are_not_data_and_row_numbers_point_at_lines():
    table = read_bytes(b'a,b\n1,"two\nlines"\n3,4\n,\n\n  \n')
    assert table.rows == [["1", "two\nlines"], ["3", "4"]]
    assert table.row_numbers == [2, 4]


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "not_empty"),
        (b"   \n\n", "not_empty"),
        (b"a,b\n1,\x81\x8d\n", "decodable"),
        (b"\xef\xbb\xbfa,b\n1,\xff\n", "decodable"),
        (b"a,b\x00\n1,2\n", "decodable"),
    ],
)
def test_unreadable_files_are_rejected_with_a_named_rule(data: bytes, rule: str):
    with pytest.raises(FileRejected) as err:
        read_bytes(data)
    assert err.value.rule == rule


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_dates_numbers_and_serials_come_back_as_text():
    data = _xlsx([["Group Start Date", "Serial", "Hours", "Name"],
                  [datetime(2024, 3, 7), 45358, 6.5, "=HYPERLINK(\"x\")"],
                  [date(2024, 3, 8), 45359.0, 3, None],
                  [None, None, None, None]])
    table = read_bytes(data)
    assert table.source_format == "xlsx"
    assert table.header == ["Group Start Date", "Serial", "Hours", "Name"]
    assert table.rows[0] == ["2024-03-07", "45358", "6.5", '=HYPERLINK("x")']
    assert table.rows[1] == ["2024-03-08", "45359", "3", ""]
    assert len(table.rows) == 2
    assert table.row_numbers == [2, 3]


def test_a_corrupt_workbook_is_rejected():
    with pytest.raises(FileRejected) as err:
        read_bytes(b"PK\x03\x04 not really a zip")
    assert err.value.rule == "readable"
