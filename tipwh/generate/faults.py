"""Inject every quirk and bad-input kind of FEEDS.md into generated files, and say where.

Three categories, each with the outcome the ingest gate must give it:

- ``quirk`` (the file must still load): encodings, BOM, delimiters, CRLF, header drift,
  date formats, Excel serials, null tokens, thousands separators, blank trailing rows,
  quoted newlines, formula-injection and hostile text, answer labels, question-text headers;
- ``row`` (the row must be quarantined, the rest of the file loads, unless the file's bad
  share then exceeds the limit and the whole file is rejected);
- ``file`` (an extra, corrupted file that must be rejected whole).

Every requested kind is injected at least once; row faults then hit further rows at
``rate``. The returned manifest lists each fault with its file, file row and expected outcome.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tipwh.generate.tables import FeedFile, InjectedFault

FORMULAS = ['=HYPERLINK("http://example.invalid","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
            "-2+3"]
HOSTILE = ["<script>alert('x')</script>", "' OR '1'='1'; --", "Ω≈ç√∫˜µ≤≥÷", "‪‪test‪",
           "\u202eRTL override", "👾 🙇 💁", "𝐓𝐡𝐞 𝐪𝐮𝐢𝐜𝐤", "<img src=x onerror=alert(1)>",
           "${jndi:ldap://x}", "Null\u200bwidth", "%s%s%n"]
QUIRK_KINDS = ["bom", "cp1252", "semicolon", "crlf", "header_drift", "uk_dates",
               "text_month_dates", "excel_serial", "null_tokens", "thousands",
               "blank_trailing_rows", "quoted_newline", "formula_text", "hostile_text",
               "answer_labels", "question_headers"]
ROW_KINDS = ["bad_date", "future_date", "out_of_range", "unknown_code", "bad_identifier",
             "missing_required", "duplicate_key", "unknown_org_unit", "extra_field"]
FILE_KINDS = ["empty_file", "header_only", "missing_column", "duplicate_header", "wrong_layout",
              "undecodable"]
ALL_KINDS = QUIRK_KINDS + ROW_KINDS + FILE_KINDS
MAX_BAD_SHARE = 0.05

# feed -> row fault kind -> (column header, bad value); None value = special handling
ROW_TARGETS: dict[str, dict[str, tuple[str, str | None]]] = {
    "training_logs": {
        "bad_date": ("Session Date", "31/31/2026"), "future_date": ("Session Date", "2099-01-01"),
        "out_of_range": ("Hours", "99"), "unknown_code": ("Course Code", "BTI_UNKNOWN"),
        "bad_identifier": ("Staff Number", "SN12"), "missing_required": ("Record ID", ""),
        "unknown_org_unit": ("Org Unit Code", "ZZZ"), "duplicate_key": ("Record ID", None),
        "extra_field": ("", None),
    },
    "programme_completions": {
        "bad_date": ("Group Start Date", "2026-02-30"), "future_date": ("Group Start Date", "2099-01-01"),
        "out_of_range": ("Group Start Date", "2010-01-01"), "unknown_code": ("Status", "Finished"),
        "bad_identifier": ("Prison Number", "12345"), "missing_required": ("Group ID", ""),
        "duplicate_key": ("Prison Number", None), "extra_field": ("", None),
    },
    "survey_participant_outcomes": {
        "bad_date": ("Administered Date", "yesterday"),
        "future_date": ("Administered Date", "2099-01-01"), "out_of_range": ("PHQ9_1", "9"),
        "unknown_code": ("Timepoint", "MIDWAY"), "bad_identifier": ("Prison Number", "A12"),
        "missing_required": ("Group ID", ""), "duplicate_key": ("Prison Number", None),
        "extra_field": ("", None),
    },
    "headcount": {
        "out_of_range": ("Headcount", "-5"), "unknown_code": ("Role Group", "astronaut"),
        "missing_required": ("Org Unit Code", ""), "unknown_org_unit": ("Org Unit Code", "ZZZ"),
        "duplicate_key": ("Org Unit Code", None), "extra_field": ("", None),
    },
    "survey_staff_wellbeing": {
        "out_of_range": ("ProQOL 1", "7"), "unknown_code": ("Role Group", "astronaut"),
        "bad_identifier": ("Staff Number", "12-34"), "unknown_org_unit": ("Org Unit Code", "ZZZ"),
        "missing_required": ("Wave", ""), "extra_field": ("", None),
    },
    "survey_lived_experience": {
        "out_of_range": ("Safety 1", "0"), "unknown_code": ("Wave", "2025-Q9"),
        "unknown_org_unit": ("Org Unit Code", "ZZZ"), "extra_field": ("", None),
    },
}
TEXT_TARGETS = {"training_logs": "Provider", "regional_commitments": "Commitment",
                "org_units": "Name"}


@dataclass
class FaultPlan:
    rate: float
    kinds: list[str]

    def __post_init__(self) -> None:
        unknown = sorted(set(self.kinds) - set(ALL_KINDS))
        if unknown:
            raise ValueError(f"unknown fault kind(s): {', '.join(unknown)}; known: {', '.join(ALL_KINDS)}")
        if not 0 <= self.rate <= 1:
            raise ValueError("fault rate must be between 0 and 1")


def _col(f: FeedFile, header: str) -> int:
    return f.column(header)


def _dates(f: FeedFile) -> list[int]:
    headers = f.base_header or f.header
    return [i for i, h in enumerate(headers) if "Date" in h or h in {"Valid From", "Valid To"}]


def _convert_dates(f: FeedFile, fmt: Callable[[date], str]) -> None:
    for row in f.rows:
        for i in _dates(f):
            if row[i][:4].isdigit() and len(row[i]) == 10:
                row[i] = fmt(date.fromisoformat(row[i]))


def _cp1252_safe(f: FeedFile) -> bool:
    try:
        "".join(f.header + [c for r in f.rows for c in r]).encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _apply_quirk(kind: str, f: FeedFile, rng: random.Random) -> bool:
    """Apply a quirk that must not change what loads; False if it does not fit this file."""
    csv_file = f.fmt == "csv"
    if kind == "bom" and csv_file and f.csv.encoding == "utf-8":
        f.csv.bom = True
    elif kind == "cp1252" and csv_file and _cp1252_safe(f) and not f.csv.bom:
        f.csv.encoding = "cp1252"
    elif kind == "semicolon" and csv_file:
        f.csv.delimiter = ";"
    elif kind == "crlf" and csv_file:
        f.csv.line_terminator = "\r\n"
    elif kind == "blank_trailing_rows" and csv_file:
        f.csv.blank_trailing_rows = 3
    elif kind == "header_drift":
        i = rng.randrange(len(f.header))
        f.header[i] = f"  {f.header[i].upper()} (see guidance)"
        j = (i + 1) % len(f.header)
        f.header[j] = f.header[j].lower() + "  "
    elif kind == "uk_dates" and _dates(f):
        _convert_dates(f, lambda d: d.strftime("%d/%m/%Y"))
    elif kind == "text_month_dates" and _dates(f):
        _convert_dates(f, lambda d: f"{d.day} {d.strftime('%b %Y')}")
    elif kind == "excel_serial" and f.fmt == "xlsx":
        f.serial_date_columns = tuple(_dates(f))
    elif kind == "null_tokens" and f.feed == "programme_completions":
        for row in f.rows:
            for i in range(_col(f, "Session 1"), _col(f, "Session 6") + 1):
                if row[i] == "":
                    row[i] = rng.choice(["N/A", "-"])
            if row[_col(f, "Exit Reason")] == "":
                row[_col(f, "Exit Reason")] = "N/A"
    elif kind == "null_tokens" and f.feed == "survey_staff_wellbeing":
        for row in f.rows:
            if row[0] == "":
                row[0] = rng.choice(["N/A", "-"])
    elif kind == "thousands" and f.feed == "headcount" and f.rows:
        row = f.rows[0]
        row[_col(f, "Headcount")] = "1,234"
        row[_col(f, "FTE")] = "1,180.5"
    elif kind in {"quoted_newline", "formula_text", "hostile_text"} and f.feed in TEXT_TARGETS:
        i = _col(f, TEXT_TARGETS[f.feed])
        values = {"quoted_newline": ['Line one, "quoted"\nline two'], "formula_text": FORMULAS,
                  "hostile_text": HOSTILE}[kind]
        for n, row in enumerate(f.rows[: len(values)]):
            row[i] = values[n]
        if f.csv.encoding == "cp1252" and not _cp1252_safe(f):
            f.csv.encoding = "utf-8"
    elif kind == "answer_labels" and f.feed == "survey_participant_outcomes":
        labels = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
        for row in f.rows:
            for i, h in enumerate(f.base_header or f.header):
                if h.startswith(("PHQ9_", "GAD7_")) and row[i].isdigit():
                    row[i] = labels[int(row[i])]
    elif kind == "question_headers" and f.feed == "survey_participant_outcomes":
        from ingest.survey_mapping import MAPPINGS

        doc = json.loads((MAPPINGS / "participant_survey_v2.json").read_text(encoding="utf-8"))
        by_item = {item: text for text, item in doc["headers"].items()}
        f.header = [by_item.get(base.lower(), h) for base, h in zip(f.base_header, f.header, strict=True)]
    else:
        return False
    return True


def _apply_row_fault(kind: str, f: FeedFile, index: int) -> list[InjectedFault]:
    column, value = ROW_TARGETS[f.feed][kind]
    row = f.rows[index]
    if kind == "extra_field":
        row.append("unexpected extra value")
        return [InjectedFault(kind, "row", index)]
    if kind == "duplicate_key":
        f.rows.insert(index + 1, list(row))
        for earlier in f.faults:  # rows after the copy moved down one
            if earlier.row_index is not None and earlier.row_index > index:
                earlier.row_index += 1
        return [InjectedFault(kind, "row", index, column), InjectedFault(kind, "row", index + 1, column)]
    row[_col(f, column)] = value or ""
    return [InjectedFault(kind, "row", index, column)]


def _corrupt_file(kind: str, template: FeedFile, other: FeedFile) -> FeedFile:
    bad = copy.deepcopy(template)
    bad.name = f"{Path(template.name).stem}_FAULT_{kind}.csv"
    bad.fmt, bad.faults = "csv", [InjectedFault(kind, "file")]
    bad.rows = bad.rows[:20]
    if kind == "empty_file":
        bad.raw = b""
    elif kind == "header_only":
        bad.rows = []
    elif kind == "missing_column":
        bad.header, bad.rows = bad.header[1:], [r[1:] for r in bad.rows]
    elif kind == "duplicate_header":
        bad.header = [bad.header[0], *bad.header[1:-1], bad.header[0]]
    elif kind == "wrong_layout":
        bad.header, bad.rows = list(other.header), [list(r) for r in other.rows[:20]]
    elif kind == "undecodable":
        from tipwh.generate.writers import csv_bytes

        bad.raw = csv_bytes(bad.header, bad.rows) + b"\x81\x8d\x8f\x90\x9d\n"
    return bad


def inject(files: list[FeedFile], plan: FaultPlan, rng: random.Random) -> list[FeedFile]:
    """Mutate ``files`` in place with the plan's faults; append corrupt extra files."""
    for f in files:
        f.base_header = list(f.header)
    eligible = [f for f in files if f.rows]
    for kind in (k for k in plan.kinds if k in QUIRK_KINDS):
        candidates = eligible[:]
        rng.shuffle(candidates)
        applied = 0
        for f in candidates:
            if (applied == 0 or rng.random() < plan.rate) and _apply_quirk(kind, f, rng):
                f.faults.append(InjectedFault(kind, "quirk"))
                applied += 1
    row_kinds = [k for k in plan.kinds if k in ROW_KINDS]
    for kind in row_kinds:
        targets = [f for f in eligible if kind in ROW_TARGETS.get(f.feed, {}) and len(f.rows) >= 40]
        if targets:
            f = rng.choice(targets)
            f.faults += _apply_row_fault(kind, f, rng.randrange(len(f.rows)))
    for f in eligible:
        kinds = [k for k in row_kinds if k in ROW_TARGETS.get(f.feed, {})]
        if not kinds:
            continue
        for index in reversed(range(len(f.rows))):
            if rng.random() < plan.rate and not any(x.row_index == index for x in f.faults):
                f.faults += _apply_row_fault(rng.choice(kinds), f, index)
    training = next((f for f in files if f.feed == "training_logs" and len(f.rows) > 20), None)
    org = next((f for f in files if f.feed == "org_units"), None)
    if training and org:
        files += [_corrupt_file(k, training, org) for k in plan.kinds if k in FILE_KINDS]
    return files


def expected_outcomes(files: list[FeedFile]) -> list[dict]:
    """The manifest entries: each fault with its file, file row and the outcome it must get."""
    entries = []
    for f in files:
        if not f.faults:
            continue
        lines = f.line_numbers()
        bad_rows = {x.row_index for x in f.faults if x.category == "row"}
        over = bool(f.rows) and len(bad_rows) / len(f.rows) > MAX_BAD_SHARE
        for x in f.faults:
            expect = {"quirk": "load", "row": "quarantine", "file": "reject"}[x.category]
            if over and x.category != "file":
                expect = "reject"
            entries.append({
                "kind": x.kind, "category": x.category, "feed": f.feed, "file": f.name,
                "row": lines[x.row_index] if x.row_index is not None else None,
                "column": x.column, "expect": expect,
            })
    return entries
