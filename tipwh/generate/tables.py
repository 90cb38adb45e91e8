"""A feed file before it is written: header texts and rows of strings.

Generators build these; writers turn them into CSV or XLSX; the fault injector (tests and
``--faults``) edits them in between, so every quirk is applied the same way to every feed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FeedFile:
    feed: str
    name: str  # file name inside the feed's landing folder
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    fmt: str = "csv"  # csv or xlsx

    @property
    def path(self) -> str:
        return f"{self.feed}/{self.name}"
