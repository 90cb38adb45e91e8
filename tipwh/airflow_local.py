"""Run the project's DAGs through real Airflow on this machine: SQLite metadata under
TIPWH_HOME, the repo's ``dags/`` folder, no example DAGs.

This module never imports Airflow: it prepares the environment and runs Airflow's own CLI
in child processes, the way an operator would.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from tipwh.config import PROJECT_ROOT, Settings


def airflow_env(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    home = settings.home / "airflow"
    home.mkdir(parents=True, exist_ok=True)
    secret_file = home / "jwt_secret"
    if not secret_file.exists():  # local only; production reads it from the env file
        secret_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        secret_file.chmod(0o600)
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__CORE__DEFAULT_TIMEZONE": "Europe/London",
        "AIRFLOW__API_AUTH__JWT_SECRET": secret_file.read_text(encoding="utf-8").strip(),
        "TIPWH_HOME": str(settings.home),
    })
    env.setdefault("AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT", "60")
    return env


def airflow(settings: Settings, *args: str, check: bool = True,
            capture: bool = False) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("airflow")
    return subprocess.run([str(exe), *args], env=airflow_env(settings), check=check, text=True,
                          capture_output=capture)


DUCKDB_WRITER_POOL = ("tip_duckdb_writer", "1",
                      "DuckDB takes one writing process per file: every task that opens it")


def migrate(settings: Settings) -> None:
    """Create or upgrade the metadata database and the pool the DAGs' DuckDB tasks share."""
    airflow(settings, "db", "migrate", capture=True)
    airflow(settings, "pools", "set", *DUCKDB_WRITER_POOL, capture=True)


def dags_test(settings: Settings, dag_id: str, logical_date: str) -> subprocess.CompletedProcess[str]:
    """``airflow dags test``: one real DAG run in-process, recorded in the metadata DB."""
    return airflow(settings, "dags", "test", dag_id, logical_date, check=False, capture=True)
