"""Personal identifiers become keyed hashes at the door; dates of birth become age bands.

HMAC-SHA256 with a secret key: without the key nobody can test a guessed staff or prison
number against the warehouse. Identifiers are normalised first (trimmed, upper case) so the
same person gets the same key across feeds, files and loads.
"""

from __future__ import annotations

import hmac
from datetime import date

AGE_BANDS = [(18, "18-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55+")]


class Pseudonymiser:
    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("pseudonymisation key must be at least 16 bytes")
        self._key = key

    def key_for(self, kind: str, identifier: str) -> str:
        """A stable 32-hex-digit key for ``identifier`` of type ``kind`` (staff, prisoner)."""
        message = f"{kind}:{identifier.strip().upper()}".encode()
        return hmac.digest(self._key, message, "sha256").hex()[:32]


def age_band(date_of_birth: date, on: date) -> str:
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    if age < 18:
        return "under 18"
    band = "under 18"
    for lower, label in AGE_BANDS:
        if age >= lower:
            band = label
    return band
