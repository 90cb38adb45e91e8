"""Header drift maps to canonical names; identifiers hash stably; DOB becomes an age band."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.errors import FileRejected
from ingest.headers import map_header
from ingest.pseudonymise import Pseudonymiser, age_band

CANONICAL = ["record_id", "staff_number", "session_date", "hours"]


def test_header_drift_maps_to_canonical_names():
    mapping, unknown = map_header(
        ["  Record ID ", "STAFF NUMBER", "Session Date (dd/mm/yyyy)", "Hours *", "Notes"],
        CANONICAL, {})
    assert mapping == {0: "record_id", 1: "staff_number", 2: "session_date", 3: "hours"}
    assert unknown == ["Notes"]


def test_duplicate_headers_reject_the_file():
    with pytest.raises(FileRejected) as err:
        map_header(["Record ID", "record id", "Hours"], CANONICAL, {})
    assert err.value.rule == "unique_headers"


def test_same_identifier_same_key_whatever_its_case_or_spacing(pseudo):
    assert pseudo.key_for("staff", "SN123456") == pseudo.key_for("staff", " sn123456 ")
    assert pseudo.key_for("staff", "SN123456") != pseudo.key_for("prisoner", "SN123456")
    assert len(pseudo.key_for("staff", "SN123456")) == 32


def test_a_different_key_gives_different_pseudonyms(pseudo):
    other = Pseudonymiser(b"another-key-of-sufficient-length")
    assert pseudo.key_for("staff", "SN123456") != other.key_for("staff", "SN123456")


def test_short_keys_are_refused():
    with pytest.raises(ValueError):
        Pseudonymiser(b"short")


@pytest.mark.parametrize(
    ("dob", "on", "band"),
    [
        (date(2000, 3, 8), date(2025, 3, 7), "18-24"),
        (date(2000, 3, 7), date(2025, 3, 7), "25-34"),
        (date(1970, 1, 1), date(2025, 3, 7), "55+"),
        (date(2010, 1, 1), date(2025, 3, 7), "under 18"),
    ],
)
def test_age_band_at_event_date(dob: date, on: date, band: str):
    assert age_band(dob, on) == band
