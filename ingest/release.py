"""``tipwh release FILE``: move a rejected file from quarantine back to its landing folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def release(quarantined: Path, landing: Path) -> Path:
    if not quarantined.is_file():
        raise FileNotFoundError(f"no such quarantined file: {quarantined}")
    reason_file = Path(f"{quarantined}.reason.json")
    if not reason_file.exists():
        raise ValueError(f"{quarantined} has no .reason.json beside it: not a rejected file")
    reason = json.loads(reason_file.read_text(encoding="utf-8"))
    feed = reason.get("feed", "_unknown")
    target_dir = landing if feed == "_unknown" else landing / feed
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / reason.get("file", quarantined.name)
    shutil.move(str(quarantined), target)
    reason_file.unlink()
    return target
