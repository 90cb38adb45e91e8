"""Entry point: simulate the window, then write every feed's files and a manifest."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from tipwh.generate import programmes, reference_feeds, staff_surveys, training, writers
from tipwh.generate.faults import FaultPlan, expected_outcomes, inject
from tipwh.generate.programmes import Enrolment
from tipwh.generate.tables import FeedFile
from tipwh.generate.world import World, build_world
from tipwh.months import month_label, month_range, parse_month


@dataclass
class GenerationResult:
    """What was generated: the files as tables (for tests), the truth behind them, a manifest."""

    month: str
    seed: int
    scale: float
    files: list[FeedFile]
    world: World
    enrolments: list[Enrolment]
    manifest: dict = field(default_factory=dict)


def simulate(month: str, seed: int = 42, scale: float = 1.0, history_months: int = 11,
             faults: FaultPlan | None = None) -> GenerationResult:
    """Build every feed file for ``month`` and the ``history_months`` before it, in memory."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    months = month_range(parse_month(month), history_months + 1)
    rng = random.Random(seed)
    world = build_world(rng, scale, months[0])
    files: list[FeedFile] = []
    files += reference_feeds.org_unit_files(world, months)
    files += reference_feeds.headcount_files(world, months, rng)
    files += reference_feeds.commitment_files(months, rng)
    training_files, trained, supervised = training.simulate(world, months, rng)
    files += training_files
    enrolments = programmes.simulate(months, rng, scale)
    files += programmes.register_files(enrolments, months)
    files += programmes.survey_files(enrolments, months)
    files += staff_surveys.wellbeing_files(world, months, trained, supervised, rng)
    files += staff_surveys.lived_experience_files(world, months, scale, rng)
    if faults is not None and faults.kinds:
        # a separate stream, so the clean data is the same with or without faults
        files = inject(files, faults, random.Random(f"{seed}-faults"))
    return GenerationResult(month, seed, scale, files, world, enrolments)


def generate(month: str, out_dir: Path, seed: int = 42, scale: float = 1.0,
             history_months: int = 11, faults: FaultPlan | None = None) -> GenerationResult:
    """Write the generated files under ``out_dir/<feed>/`` and ``out_dir/_manifest.json``."""
    result = simulate(month, seed, scale, history_months, faults)
    entries = []
    for feed_file in result.files:
        path = writers.write(feed_file, out_dir)
        entries.append({
            "feed": feed_file.feed,
            "path": feed_file.path,
            "rows": len(feed_file.rows),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        })
    result.manifest = {
        "month": month,
        "first_month": month_label(parse_month(month).replace(day=1)) if history_months == 0
        else month_label(month_range(parse_month(month), history_months + 1)[0]),
        "seed": seed,
        "scale": scale,
        "files": entries,
        "fault_rate": faults.rate if faults else 0.0,
        "faults": expected_outcomes(result.files),
    }
    (out_dir / "_manifest.json").write_text(json.dumps(result.manifest, indent=2) + "\n")
    return result
