"""Turn a landing file's bytes into a header and rows of strings, whatever the export's quirks.

Handles UTF-8 with or without BOM and Windows-1252, comma or semicolon delimiters, CRLF, quoted
fields holding delimiters, quotes and newlines, blank trailing rows, and XLSX (dates come
back as ISO text; numbers as text, so Excel serial dates reach the date parser intact;
formulas as their own text, never evaluated, so ``=HYPERLINK(...)`` is data the rules see).
Each row keeps its line (CSV) or sheet row (XLSX) number so errors can point at it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ingest.errors import FileRejected

CSV_FIELD_LIMIT = 1_000_000
csv.field_size_limit(CSV_FIELD_LIMIT)


@dataclass
class RawTable:
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    source_format: str  # csv or xlsx
    encoding: str = ""


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> text and the encoding used; undecodable bytes reject the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FileRejected("decodable", f"BOM says UTF-8 but byte {exc.start + 3} is not") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise FileRejected("decodable", f"UTF-16 text is malformed at byte {exc.start}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileRejected(
            "decodable", f"byte {exc.start} (0x{data[exc.start]:02x}) is neither UTF-8 nor Windows-1252"
        ) from exc


def sniff_delimiter(text: str) -> str:
    """Comma or semicolon, whichever splits the header line into more fields."""
    first = next(iter(csv.reader(io.StringIO(text, newline=""))), [])
    commas = len(first)
    semis = len(next(iter(csv.reader(io.StringIO(text, newline=""), delimiter=";")), []))
    return ";" if semis > commas else ","


def read_csv_text(text: str) -> tuple[list[str], list[list[str]], list[int]]:
    if "\x00" in text:
        raise FileRejected("decodable", "the file contains NUL bytes: not a text export")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    start = 1
    try:
        for record in reader:
            if header is None:
                header = record
            elif "".join(record).strip():  # skip rows of blank cells
                rows.append(record)
                numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileRejected("parsable", f"CSV syntax error near line {reader.line_num}: {exc}") from exc
    if header is None or not any(h.strip() for h in header):
        raise FileRejected("not_empty", "the file has no header row")
    return header, rows, numbers


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes) -> tuple[list[str], list[list[str]], list[int]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a corrupt workbook
        raise FileRejected("readable", f"not a readable XLSX workbook: {exc}") from exc
    try:
        ws = wb.worksheets[0]
        header: list[str] | None = None
        rows: list[list[str]] = []
        numbers: list[int] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if header is None:
                if any(c.strip() for c in cells):
                    header = cells
                continue
            if any(c.strip() for c in cells):
                rows.append(cells)
                numbers.append(number)
    finally:
        wb.close()
    if header is None:
        raise FileRejected("not_empty", "the workbook's first sheet is empty")
    while header and not header[-1].strip():
        header.pop()
    return header, rows, numbers


def read_bytes(data: bytes) -> RawTable:
    if not data.strip():
        raise FileRejected("not_empty", "the file is empty")
    if data[:4] == b"PK\x03\x04":
        header, rows, numbers = read_xlsx(data)
        return RawTable(header, rows, numbers, "xlsx")
    text, encoding = decode(data)
    header, rows, numbers = read_csv_text(text)
    return RawTable(header, rows, numbers, "csv", encoding)


def read_file(path: Path) -> RawTable:
    return read_bytes(path.read_bytes())
