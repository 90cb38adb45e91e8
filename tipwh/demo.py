"""``make demo``: a month of synthetic data through the whole pipeline in real Airflow.

Generates the month and the 11 before it (so trends exist) unless the landing area already
holds that month, then runs the four DAGs with ``airflow dags test`` on SQLite metadata, in
the order the scheduler chains them: the nightly ingest on the night after the month ends,
the transform and publish its Assets trigger, and the monthly reports at 06:00 on the 1st.
Checks every run succeeded and says where the warehouse and reports are.
"""

from __future__ import annotations

import argparse
import json
import sys

from tipwh import airflow_local
from tipwh.config import load_settings
from tipwh.generate import generate
from tipwh.months import add_months, month_label, parse_month


def logical_date_for(month: str) -> str:
    """The scheduled run that reports on ``month``: 06:00 on the 1st of the next month."""
    return f"{month_label(add_months(parse_month(month), 1))}-01T06:00:00+00:00"


def nightly_date_for(month: str) -> str:
    """The first nightly ingest after ``month`` ends: 02:00 on the 1st of the next month."""
    return f"{month_label(add_months(parse_month(month), 1))}-01T02:00:00+00:00"


def runs_for(month: str) -> list[tuple[str, str]]:
    """(DAG, logical date) in the order the scheduler would run them for ``month``."""
    night, morning = nightly_date_for(month), logical_date_for(month)
    return [("tip_nightly_ingest", night), ("tip_transform", night), ("tip_publish", night),
            ("tip_monthly_reports", morning)]


def run_dag(settings, dag_id: str, logical_date: str) -> str:
    """One ``airflow dags test`` run; its final state (the log goes under TIPWH_HOME/logs)."""
    run = airflow_local.dags_test(settings, dag_id, logical_date)
    log = settings.home / "logs" / f"demo_{dag_id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(run.stdout + run.stderr, encoding="utf-8")
    state = airflow_local.airflow(settings, "dags", "state", dag_id, logical_date,
                                  capture=True, check=False).stdout.strip()
    state = state.splitlines()[-1] if state else "unknown"
    return state if run.returncode == 0 else f"{state} (exit {run.returncode})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--month", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    settings = load_settings()
    manifest = settings.landing / "_manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("month") == args.month:
        print(f"landing area already holds {args.month}: not regenerating")
    else:
        result = generate(args.month, settings.landing, seed=args.seed, scale=args.scale)
        print(f"generated {len(result.files)} files for {result.manifest['first_month']}.."
              f"{args.month} under {settings.landing}")
    print("migrating the Airflow metadata database (SQLite) ...")
    airflow_local.migrate(settings)
    for dag_id, logical_date in runs_for(args.month):
        print(f"running {dag_id} for {logical_date} through Airflow ...", flush=True)
        state = run_dag(settings, dag_id, logical_date)
        print(f"  {dag_id}: {state}")
        if state != "success":
            print(f"{dag_id} did not succeed; see {settings.home / 'logs' / f'demo_{dag_id}.log'}",
                  file=sys.stderr)
            return 1
    print(f"\nwarehouse (read-only SQL shell: .venv/bin/tipwh sql): {settings.published_db}")
    print(f"reports: {settings.reports_dir / args.month}/index.html")
    print(f"GX Data Docs of the night's validation: {settings.gx_docs_dir}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
