"""Versioned mapping files for survey exports: header texts -> item codes, labels -> scores.

The survey tool exports either question codes (``PHQ9_1``) or question texts with a numeric
prefix (``1. Little interest or pleasure in doing things``), and answers as numbers or as
labels (``Several days``). Each survey version's mapping lives in ``ingest/mappings/``; a
new tool version is a new file, not a code change.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ingest.headers import snake

MAPPINGS = Path(__file__).with_name("mappings")


@cache
def _documents() -> tuple[dict, ...]:
    return tuple(json.loads(p.read_text(encoding="utf-8"))
                 for p in sorted(MAPPINGS.glob("participant_survey_v*.json")))


@cache
def header_aliases() -> dict[str, str]:
    """snake_case header text -> item column, across every mapping version."""
    aliases: dict[str, str] = {}
    for doc in _documents():
        for text, item in doc["headers"].items():
            key = snake(text)
            if aliases.get(key, item) != item:
                raise ValueError(f"mapping versions disagree on header {text!r}")
            aliases[key] = item
    return aliases


@cache
def answer_labels() -> dict[str, dict[str, int]]:
    """instrument prefix (``phq9``) -> lower-case answer label -> score."""
    labels: dict[str, dict[str, int]] = {}
    for doc in _documents():
        for instrument, mapping in doc["answer_labels"].items():
            labels.setdefault(instrument, {}).update({k.lower(): v for k, v in mapping.items()})
    return labels


def versions() -> list[str]:
    return [doc["version"] for doc in _documents()]
