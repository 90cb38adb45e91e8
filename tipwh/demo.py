"""``make demo``: a month of synthetic data through the whole pipeline in real Airflow.

Generates the month and the 11 before it (so trends exist) unless the landing area already
holds that month, runs ``tip_monthly_pipeline`` with ``airflow dags test`` on SQLite
metadata, checks the run succeeded, and says where the warehouse and reports are.
"""

from __future__ import annotations

import argparse
import json
import sys

from tipwh import airflow_local, pipeline
from tipwh.config import load_settings
from tipwh.generate import generate
from tipwh.months import add_months, month_label, parse_month


def logical_date_for(month: str) -> str:
    """The scheduled run that reports on ``month``: 06:00 on the 1st of the next month."""
    return f"{month_label(add_months(parse_month(month), 1))}-01T06:00:00+00:00"


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
    logical_date = logical_date_for(args.month)
    print(f"running tip_monthly_pipeline for {logical_date} through Airflow ...")
    run = airflow_local.dags_test(settings, "tip_monthly_pipeline", logical_date)
    log = settings.home / "logs" / "demo_dag_run.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(run.stdout + run.stderr, encoding="utf-8")
    state = airflow_local.airflow(settings, "dags", "state", "tip_monthly_pipeline",
                                  logical_date, capture=True, check=False).stdout.strip()
    state = state.splitlines()[-1] if state else "unknown"
    if run.returncode != 0 or state != "success":
        print(f"the DAG run did not succeed (state {state}); see {log}", file=sys.stderr)
        return 1
    reports = settings.reports_dir / pipeline.report_month_for(parse_month(logical_date[:7]))
    print(f"\nDAG run state: {state} (log: {log})")
    print(f"warehouse (open read-only): {settings.published_db}")
    print(f"reports: {reports}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
