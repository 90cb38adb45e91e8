"""Map an export's header texts to canonical column names.

Header text drifts: stray spaces, case changes, trailing notes (``Session Date (dd/mm/yyyy)``).
A header is normalised to snake case, then matched exactly, then by the longest canonical
name it starts with. Duplicate canonical names reject the file.
"""

from __future__ import annotations

import re

from ingest.errors import FileRejected


def snake(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def match_header(text: str, canonical: list[str], aliases: dict[str, str]) -> str | None:
    key = snake(text)
    if key in aliases:
        return aliases[key]
    if key in canonical:
        return key
    candidates = [c for c in canonical if key.startswith(c + "_")]
    candidates += [aliases[a] for a in aliases if key.startswith(a + "_")]
    return max(candidates, key=len) if candidates else None


def map_header(header: list[str], canonical: list[str],
               aliases: dict[str, str]) -> tuple[dict[int, str], list[str]]:
    """Column index -> canonical name for known headers, plus the headers not recognised."""
    seen_raw: set[str] = set()
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        if not text.strip():
            continue
        raw_key = snake(text)
        if raw_key in seen_raw:
            raise FileRejected("unique_headers", f"header {text.strip()!r} appears more than once")
        seen_raw.add(raw_key)
        name = match_header(text, canonical, aliases)
        if name is None:
            unknown.append(text.strip())
            continue
        if name in mapping.values():
            raise FileRejected("unique_headers",
                               f"headers map to the same column {name!r} more than once")
        mapping[index] = name
    return mapping, unknown
