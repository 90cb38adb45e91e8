"""Run dbt on the build copy of the warehouse, in a child process.

A child process keeps dbt's DuckDB handle out of the caller (an Airflow task or the CLI),
so the snapshot taken right after sees a closed, checkpointed file, and a killed build
cannot leave a lock behind in the caller.

A failed dbt test or a model that fails on the data is a verdict on the data
(``DataRejected``: not retried); anything else (a lock held elsewhere, a crash) is a
``TransformError`` the orchestration retries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tipwh.config import Settings
from tipwh.errors import DataRejected


class TransformError(RuntimeError):
    pass


def target_dir(settings: Settings) -> Path:
    return settings.home / "dbt_target"


def dbt_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["TIPWH_WORK_DB"] = str(settings.work_db)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env["DBT_LOG_PATH"] = str(settings.home / "logs" / "dbt")
    env["DBT_TARGET_PATH"] = str(target_dir(settings))
    return env


def failed_tests(run_results: Path) -> list[str]:
    """The data tests (and unit tests) that failed in a dbt run, as ``name: message``."""
    if not run_results.exists():
        return []
    results = json.loads(run_results.read_text(encoding="utf-8")).get("results", [])
    return [f"{r['unique_id']}: {(r.get('message') or '').strip()}" for r in results
            if r.get("status") == "fail"]


def run_dbt(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt), *args, "--project-dir", str(settings.dbt_project_dir),
               "--profiles-dir", str(settings.dbt_project_dir)]
    settings.work_db.parent.mkdir(parents=True, exist_ok=True)
    results = target_dir(settings) / "run_results.json"
    results.unlink(missing_ok=True)
    result = subprocess.run(command, env=dbt_env(settings), capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        tests = failed_tests(results)
        if tests:
            raise DataRejected(f"dbt {' '.join(args)}: {len(tests)} test(s) failed, downstream "
                               "models not built, nothing published:\n" + "\n".join(tests))
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise TransformError(f"dbt {' '.join(args)} failed (exit {result.returncode}):\n{tail}")
    return result


def build(settings: Settings, full_refresh: bool = False) -> str:
    """``dbt build``: seeds, models and tests in DAG order; a failing test skips what depends on it."""
    args = ["build"] + (["--full-refresh"] if full_refresh else [])
    return run_dbt(settings, *args).stdout
