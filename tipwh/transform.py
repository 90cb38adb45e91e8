"""Run dbt on the build copy of the warehouse, in a child process.

A child process keeps dbt's DuckDB handle out of the caller (an Airflow task or the CLI),
so publishing right after sees a closed, checkpointed file, and a killed build cannot leave
a lock behind in the caller.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tipwh.config import Settings


class TransformError(RuntimeError):
    pass


def dbt_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["TIPWH_WORK_DB"] = str(settings.work_db)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env["DBT_LOG_PATH"] = str(settings.home / "logs" / "dbt")
    env["DBT_TARGET_PATH"] = str(settings.home / "dbt_target")
    return env


def run_dbt(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt), *args, "--project-dir", str(settings.dbt_project_dir),
               "--profiles-dir", str(settings.dbt_project_dir)]
    settings.work_db.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(command, env=dbt_env(settings), capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise TransformError(f"dbt {' '.join(args)} failed (exit {result.returncode}):\n{tail}")
    return result


def build(settings: Settings, full_refresh: bool = False) -> str:
    """``dbt build``: seeds, models and tests in DAG order; a failing test skips what depends on it."""
    args = ["build"] + (["--full-refresh"] if full_refresh else [])
    return run_dbt(settings, *args).stdout
