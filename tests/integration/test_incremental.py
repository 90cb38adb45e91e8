"""A nightly incremental build gives exactly what a full refresh gives."""

from __future__ import annotations

import shutil

import pytest

from tipwh import pipeline, transform
from tipwh.generate import generate
from tipwh.warehouse import table_fingerprints

pytestmark = pytest.mark.slow


def test_incremental_build_equals_full_refresh(settings, tmp_path):
    staged = tmp_path / "staged"
    generate("2026-10", staged, seed=41, scale=0.03, history_months=2)
    late = [p for p in staged.rglob("*") if p.is_file() and "2026-10" in p.name]
    for path in staged.rglob("*"):
        if path.is_file() and path not in late and path.name != "_manifest.json":
            target = settings.landing / path.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    pipeline.load(settings, pipeline.as_of_for("2026-09"))
    pipeline.build(settings)
    for path in late:
        target = settings.landing / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    assert pipeline.load(settings, pipeline.as_of_for("2026-10")).files_loaded > 0
    log = pipeline.build(settings)
    assert "incremental model marts.fct_training_attendance" in log
    incremental = table_fingerprints(settings.work_db)
    transform.build(settings, full_refresh=True)
    assert table_fingerprints(settings.work_db) == incremental
