"""A feed file before it is written: header texts and rows of strings.

Generators build these; writers turn them into CSV or XLSX; the fault injector (tests and
``--faults``) edits them in between, so every quirk is applied the same way to every feed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CsvOptions:
    delimiter: str = ","
    encoding: str = "utf-8"
    line_terminator: str = "\n"
    bom: bool = False
    blank_trailing_rows: int = 0


@dataclass
class InjectedFault:
    kind: str
    category: str  # quirk (must load), row (must be quarantined), file (must be rejected)
    row_index: int | None = None  # index into rows, for row faults
    column: str | None = None


@dataclass
class FeedFile:
    feed: str
    name: str  # file name inside the feed's landing folder
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    fmt: str = "csv"  # csv or xlsx
    csv: CsvOptions = field(default_factory=CsvOptions)
    raw: bytes | None = None  # exact bytes to write instead (corrupt-file faults)
    serial_date_columns: tuple[int, ...] = ()  # XLSX: write these columns as Excel serials
    faults: list[InjectedFault] = field(default_factory=list)
    base_header: list[str] = field(default_factory=list)  # header before any drift

    def column(self, name: str) -> int:
        """Index of a column by its original header text, however the header drifted since."""
        return (self.base_header or self.header).index(name)

    def __post_init__(self) -> None:
        # own copies: files built from shared constants must not change each other when edited
        self.header = list(self.header)
        self.rows = [list(row) for row in self.rows]

    @property
    def path(self) -> str:
        return f"{self.feed}/{self.name}"

    def line_numbers(self) -> list[int]:
        """The file line (CSV) or sheet row (XLSX) each data row starts on."""
        if self.fmt == "xlsx":
            return [i + 2 for i in range(len(self.rows))]
        numbers, line = [], 2 + sum(h.count("\n") for h in self.header)
        for row in self.rows:
            numbers.append(line)
            line += 1 + sum(cell.count("\n") for cell in row)
        return numbers
