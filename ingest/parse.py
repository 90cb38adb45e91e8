"""One landing file -> a typed, pseudonymised DataFrame ready for the feed's GX suite.

File-level problems (missing or duplicate headers, another feed's layout, unknown survey
headers) raise ``FileRejected``. Cell-level problems never raise: a value that cannot be
parsed becomes null and its ``<column>__invalid`` companion says why, so the GX suite can
quarantine the row with a named rule. Clear identifiers are hashed here, before GX or any
log sees them; names, emails and free text are dropped here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import pandas as pd

from ingest import survey_mapping, values
from ingest.errors import FileRejected
from ingest.feeds import FEEDS, Feed, output_columns
from ingest.headers import map_header, snake
from ingest.pseudonymise import Pseudonymiser, age_band
from ingest.readers import RawTable

STAFF_NUMBER = re.compile(r"^SN\d{6}$")
PRISON_NUMBER = re.compile(r"^[A-Z]\d{4}[A-Z]{2}$")
EXIT_CODES = [("releas", "RELEASED"), ("hdc", "RELEASED"), ("transfer", "TRANSFERRED"),
              ("moved", "TRANSFERRED"), ("health", "HEALTH"), ("clash", "CLASH"),
              ("too much", "CHOSE_TO_STOP"), ("not want", "CHOSE_TO_STOP"),
              ("chose", "CHOSE_TO_STOP")]


@dataclass
class ParsedFile:
    feed: Feed
    frame: pd.DataFrame  # output columns, <col>__invalid companions, _row_number
    ignored_headers: list[str]


def detect_feed(header: list[str]) -> str | None:
    """The feed whose required columns all appear in ``header`` (most specific wins)."""
    best: tuple[int, str] | None = None
    for feed in FEEDS.values():
        mapping, _ = map_header(header, feed.canonical, feed.aliases)
        found = set(mapping.values())
        required = {c.name for c in feed.columns if c.required}
        if required <= found and (best is None or len(required) > best[0]):
            best = (len(required), feed.name)
    return best[1] if best else None


def _exit_code(text: str | None) -> str | None:
    if not text:
        return None
    lowered = text.lower()
    return next((code for needle, code in EXIT_CODES if needle in lowered), "OTHER")


def _parse_column(cells: list[str], parse: Callable[[str], object],
                  message: str | Callable[[str], str]) -> tuple[list[object], list[str | None]]:
    """Parse each distinct cell text once: columns repeat their values (dates, codes, scores).

    ``pd.factorize`` finds the distinct texts and each cell's index into them in C; the
    results are spread back to every row by that index.
    """
    codes, distinct = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
    parsed = np.empty(len(distinct), dtype=object)
    invalid = np.empty(len(distinct), dtype=object)
    for i, cell in enumerate(distinct):
        try:
            parsed[i] = parse(cell)
        except (ValueError, OverflowError) as exc:
            invalid[i] = message(str(exc)) if callable(message) else message
    return parsed[codes].tolist(), invalid[codes].tolist()


def _identifier(pattern: re.Pattern[str], kind: str, label: str, pseudo: Pseudonymiser):
    def parse(cell: str) -> str | None:
        text = cell.strip().upper()
        if values.is_null(text):
            return None
        if not pattern.match(text):
            raise ValueError(label)
        return pseudo.key_for(kind, text)
    return parse


def _item_parser(item: str) -> Callable[[str], int | None]:
    """Scores as numbers, or as the answer labels the survey's mapping file defines."""
    labels = survey_mapping.answer_labels().get(item.split("_")[0], {})

    def parse(cell: str) -> int | None:
        label = cell.strip().lower()
        if label in labels:
            return labels[label]
        return values.parse_int(cell)
    return parse


def parse_table(raw: RawTable, feed: Feed, pseudo: Pseudonymiser) -> ParsedFile:
    aliases = feed.aliases
    if feed.name == "survey_participant_outcomes":
        aliases = {**survey_mapping.header_aliases(), **aliases}
    mapping, unknown = map_header(raw.header, feed.canonical + feed.item_columns(), aliases)
    present = set(mapping.values())
    missing = [c.name for c in feed.columns if c.required and c.name not in present]
    if missing:
        other = detect_feed(raw.header)
        if other and other != feed.name:
            raise FileRejected("feed_layout", f"the header is the {other} layout, not {feed.name}")
        raise FileRejected("required_columns", "missing required column(s): " + ", ".join(missing))
    if feed.item_pattern and unknown:
        raise FileRejected("known_headers", "unknown survey header(s): "
                           + ", ".join(repr(u) for u in unknown))
    width = len(raw.header)
    by_name = {name: index for index, name in mapping.items()}

    shortest = min((len(row) for row in raw.rows), default=0)

    def cells(name: str) -> list[str]:
        index = by_name.get(name)
        if index is None:
            return [""] * len(raw.rows)
        if index < shortest:
            return list(map(itemgetter(index), raw.rows))
        return [row[index] if index < len(row) else "" for row in raw.rows]

    data: dict[str, list[object]] = {"_row_number": list(raw.row_numbers)}
    data["_row__invalid"] = [
        None if len(row) == width else f"row has {len(row)} fields, header has {width}"
        for row in raw.rows
    ]
    allow_serial = raw.source_format == "xlsx"
    kinds: dict[str, tuple[Callable[[str], object], str | Callable[[str], str]]] = {
        "text": (values.clean_text, "not text"),
        "date": (lambda c: values.parse_date(c, allow_serial=allow_serial), lambda e: e),
        "decimal": (values.parse_decimal, "not a number"),
        "int": (values.parse_int, "not a whole number"),
        "yn": (values.parse_yes_no, "not Y/N"),
        "staff_id": (_identifier(STAFF_NUMBER, "staff", "not a staff number (SN + 6 digits)",
                                 pseudo), lambda e: e),
        "prisoner_id": (_identifier(PRISON_NUMBER, "prisoner",
                                    "not a prison number (A1234BC)", pseudo), lambda e: e),
    }
    out_names = dict(zip([c.name for c in feed.columns if c.kind != "drop"],
                         [n for n, _ in output_columns(feed)], strict=False))
    dob: list[object] | None = None
    for col in feed.columns:
        if col.kind == "drop":
            continue
        raw_cells = cells(col.name)
        if col.kind == "dob":
            dob, invalid = _parse_column(
                raw_cells, lambda c: values.parse_date(c, allow_serial=allow_serial),
                lambda e: f"date of birth: {e}")
            data["date_of_birth__invalid"] = invalid
            continue
        if col.kind == "exit_text":
            data["exit_code"] = [_exit_code(values.clean_text(c)) for c in raw_cells]
            continue
        parse, message = kinds[col.kind]
        parsed, invalid = _parse_column(raw_cells, parse, message)
        data[out_names[col.name]] = parsed
        data[f"{out_names[col.name]}__invalid"] = invalid
    if dob is not None:
        events = data[feed.event_date] if feed.event_date else [None] * len(dob)
        data["age_band"] = [age_band(b, e) if b and e else None
                            for b, e in zip(dob, events, strict=True)]
    for item in feed.item_columns():
        parsed, invalid = _parse_column(cells(item), _item_parser(item), "not a score")
        data[item] = parsed
        data[f"{item}__invalid"] = invalid
    frame = pd.DataFrame(data)
    ignored = [u for u in unknown if snake(u) not in by_name]
    return ParsedFile(feed, frame, ignored)
