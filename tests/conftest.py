"""Shared fixtures. Airflow is pointed at a throwaway home before anything imports it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="tipwh-airflow-home-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(ROOT / "dags")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
TEST_KEY = "test-key-0123456789abcdef-not-a-secret"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings for an empty TIPWH_HOME under tmp_path, with a fixed test key."""
    from tipwh.config import load_settings

    monkeypatch.setenv("TIPWH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TIPWH_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.delenv("TIPWH_DEMO", raising=False)
    return load_settings()


@pytest.fixture
def pseudo():
    from ingest.pseudonymise import Pseudonymiser

    return Pseudonymiser(TEST_KEY.encode())


@pytest.fixture(scope="session")
def small_world():
    """Three months at a small scale, in memory: the generator's truth for consistency checks."""
    from tipwh.generate.run import simulate

    return simulate("2026-10", seed=7, scale=0.03, history_months=2)
