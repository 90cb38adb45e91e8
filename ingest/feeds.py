"""How each feed's columns are parsed and which are personal data.

Types and personal-data handling live here; value rules (allowed sets, ranges, keys) live in
the GX suites in ``expectations/``. ``replace_key`` says which rows a later file replaces: a
corrected file for the same period or record supersedes the earlier rows, never adds to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tipwh.reference import instruments


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text, date, decimal, int, yn, staff_id, prisoner_id, drop, dob, exit_text
    required: bool = True  # must be present in the header
    nullable: bool = False  # may be blank in a row


@dataclass(frozen=True)
class Feed:
    name: str
    columns: tuple[Column, ...]
    replace_key: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)
    item_pattern: str | None = None  # extra score columns (surveys), matched by regex
    item_range: tuple[int, int] = (0, 6)
    event_date: str | None = None  # the date an age band is computed at

    @property
    def canonical(self) -> list[str]:
        return [c.name for c in self.columns]

    def is_item(self, name: str) -> bool:
        return bool(self.item_pattern and re.fullmatch(self.item_pattern, name))

    def item_columns(self) -> list[str]:
        if self.name == "survey_participant_outcomes":
            return [c.lower() for inst in instruments() for c in inst.columns()]
        if self.name == "survey_staff_wellbeing":
            return [f"proqol_{i}" for i in range(1, 31)]
        if self.name == "survey_lived_experience":
            return ["safety_1", "safety_2", "trust_1", "trust_2", "choice_1",
                    "collaboration_1", "empowerment_1", "inclusivity_1"]
        return []


C = Column
FEEDS: dict[str, Feed] = {
    feed.name: feed
    for feed in [
        Feed("org_units", (
            C("org_unit_code"), C("name"), C("type"), C("region_code"),
            C("female_estate", "yn"), C("valid_from", "date"),
            C("valid_to", "date", nullable=True),
        ), replace_key=("org_unit_code", "valid_from")),
        Feed("headcount", (
            C("snapshot_month"), C("org_unit_code"), C("role_group"), C("grade_band"),
            C("headcount", "int"), C("fte", "decimal"),
        ), replace_key=("snapshot_month",)),
        Feed("regional_commitments", (
            C("region_code"), C("enabler", "int"), C("commitment"), C("status"),
            C("start_date", "date"), C("review_date", "date", nullable=True),
        ), replace_key=("region_code", "enabler")),
        Feed("training_logs", (
            C("record_id"), C("staff_number", "staff_id"), C("staff_name", "drop", required=False),
            C("email", "drop", required=False), C("org_unit_code"), C("role_group"),
            C("grade_band"), C("course_code"), C("session_date", "date"),
            C("hours", "decimal"), C("status"), C("provider", nullable=True),
        ), replace_key=("record_id",)),
        Feed("programme_completions", (
            C("prison_number", "prisoner_id"), C("name", "drop", required=False),
            C("date_of_birth", "dob", required=False, nullable=True), C("prison_code"),
            C("programme_code"), C("group_id"), C("group_start_date", "date"),
            *(C(f"session_{i}", "yn", nullable=True) for i in range(1, 7)),
            C("status"), C("exit_reason", "exit_text", required=False, nullable=True),
            C("facilitator_type"), C("research_consent", "yn"),
        ), replace_key=("participant_key", "group_id"), event_date="group_start_date"),
        Feed("survey_participant_outcomes", (
            C("prison_number", "prisoner_id"), C("timepoint"), C("administered_date", "date"),
            C("programme_code"), C("group_id"),
        ), replace_key=("participant_key", "group_id", "timepoint"),
            item_pattern=r"(phq9|gad7|core10|pcl5|tsc40|scs)_\d{1,2}"),
        Feed("survey_staff_wellbeing", (
            C("staff_number", "staff_id", nullable=True), C("org_unit_code"), C("role_group"),
            C("wave"), C("has_bti_training", "yn"), C("clinical_supervision_access", "yn"),
            C("supervision_last_3_months", "yn"),
        ), replace_key=("wave",), item_pattern=r"proqol_\d{1,2}",
            aliases={"has_had_bti_training": "has_bti_training",
                     "access_to_clinical_supervision": "clinical_supervision_access",
                     "supervision_in_last_3_months": "supervision_last_3_months"}),
        Feed("survey_lived_experience", (
            C("org_unit_code"), C("wave"),
        ), replace_key=("wave",), item_pattern=r"[a-z]+_\d"),
    ]
}

LOAD_ORDER = ["org_units", "headcount", "regional_commitments", "training_logs",
              "programme_completions", "survey_participant_outcomes", "survey_staff_wellbeing",
              "survey_lived_experience"]


def output_columns(feed: Feed) -> list[tuple[str, str]]:
    """The raw table's business columns (name, DuckDB type) after pseudonymisation."""
    types = {"text": "varchar", "date": "date", "decimal": "double", "int": "integer",
             "yn": "boolean"}
    out: list[tuple[str, str]] = []
    for col in feed.columns:
        if col.kind == "staff_id":
            out.append(("staff_key", "varchar"))
        elif col.kind == "prisoner_id":
            out.append(("participant_key", "varchar"))
        elif col.kind == "dob":
            out.append(("age_band", "varchar"))
        elif col.kind == "exit_text":
            out.append(("exit_code", "varchar"))
        elif col.kind != "drop":
            out.append((col.name, types[col.kind]))
    out += [(name, "integer") for name in feed.item_columns()]
    return out
