"""Write a ``FeedFile`` as the source system would: CSV (csv module) or XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from tipwh.generate.tables import FeedFile

# openpyxl stamps the current time into docProps; a fixed time keeps files reproducible
FIXED_XLSX_TIME = datetime(2020, 1, 1)
EXCEL_EPOCH = date(1899, 12, 30)


def csv_bytes(header: list[str], rows: list[list[str]], *, delimiter: str = ",",
              encoding: str = "utf-8", line_terminator: str = "\n", bom: bool = False) -> bytes:
    buf = io.StringIO()
    # csv quotes a field only for characters of its own line terminator: a bare CR inside a
    # field under "\n" endings would be written unquoted and read back as a line break
    bare_cr = "\r" not in line_terminator and any("\r" in c for r in rows for c in r)
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=line_terminator,
                        quoting=csv.QUOTE_ALL if bare_cr else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(header: list[str], rows: list[list[object]],
               serial_date_columns: tuple[int, ...] = ()) -> bytes:
    """A one-sheet workbook; ISO dates in ``serial_date_columns`` become Excel serial numbers."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.created = FIXED_XLSX_TIME
    wb.properties.modified = FIXED_XLSX_TIME
    ws = wb.create_sheet("Register")
    ws.append(header)
    for row in rows:
        cells = list(row)
        for i in serial_date_columns:
            try:
                cells[i] = (date.fromisoformat(cells[i]) - EXCEL_EPOCH).days
            except ValueError:  # blank, or a deliberately bad date: stays as text
                pass
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the XLSX zip with fixed member timestamps so the same rows give the same bytes.

    openpyxl stamps ``dcterms:modified`` with the wall clock at save time, whatever the
    workbook properties say, so that field is pinned here too.
    """
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2020-01-01T00:00:00Z\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def file_bytes(feed_file: FeedFile) -> bytes:
    if feed_file.raw is not None:
        return feed_file.raw
    if feed_file.fmt == "xlsx":
        return xlsx_bytes(feed_file.header, feed_file.rows, feed_file.serial_date_columns)
    opts = feed_file.csv
    rows = feed_file.rows + [[""] * len(feed_file.header)] * opts.blank_trailing_rows
    return csv_bytes(feed_file.header, rows, delimiter=opts.delimiter, encoding=opts.encoding,
                     line_terminator=opts.line_terminator, bom=opts.bom)


def write(feed_file: FeedFile, root: Path) -> Path:
    target = root / feed_file.feed / feed_file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(file_bytes(feed_file))
    return target
