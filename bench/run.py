"""``make bench-quick`` (scale 1) and ``make bench`` (scales 1 and 10): time and peak memory
of every stage, each in its own process, with DuckDB's own ``read_csv`` of the same landing
files as the engine's reference. Writes ``bench/results/<date>.json`` and ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["generate", "duckdb_read_csv", "load", "dbt_build", "publish", "reports",
          "load_noop", "dbt_build_noop", "dbt_build_full_refresh", "dag_parse"]


def _stage(name: str, home: Path, month: str, scale: float) -> dict:
    env = dict(os.environ, AIRFLOW_HOME=str(home / "airflow"),
               AIRFLOW__CORE__LOAD_EXAMPLES="False", AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"))
    out = subprocess.run([sys.executable, "-m", "bench.stage", name, str(home), month, str(scale)],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def bench(scales: list[float], month: str) -> dict:
    results = {"date": date.today().isoformat(), "machine": _machine(), "month": month, "runs": []}
    for scale in scales:
        home = Path(tempfile.mkdtemp(prefix=f"tipwh-bench-{scale:g}-"))
        try:
            stages = {}
            for name in STAGES:
                stages[name] = _stage(name, home, month, scale)
                print(f"scale {scale:g}: {name}: {stages[name]['seconds']} s, "
                      f"{stages[name]['peak_rss_mb']} MB", flush=True)
            landing_mb = sum(p.stat().st_size for p in (home / "landing").rglob("*") if p.is_file())
            load, ref = stages["load"], stages["duckdb_read_csv"]
            results["runs"].append({
                "scale": scale, "landing_mb": round(landing_mb / 1e6, 1), "stages": stages,
                "ingest_rows_per_s": round(load["rows"] / load["seconds"]),
                "ingest_mb_per_s": round(landing_mb / 1e6 / load["seconds"], 1),
                "ratio_ingest_vs_duckdb_read_csv": round(ref["seconds"] / load["seconds"], 3),
                "noop_rerun_seconds": round(stages["load_noop"]["seconds"]
                                            + stages["dbt_build_noop"]["seconds"], 2),
            })
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return results


def write(results: dict) -> Path:
    out = ROOT / "bench" / "results" / f"{results['date']}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    m = results["machine"]
    lines = ["# Benchmarks", "",
             f"Measured {results['date']} on {m['cores']} cores, {m['memory_gib']} GiB, "
             f"Python {m['python']}. Each stage runs in its own process; peak memory is that "
             "process's (and its children's) maximum resident set.", "",
             "| scale | stage | seconds | peak MB | rows |", "|---|---|---|---|---|"]
    for run in results["runs"]:
        for name, s in run["stages"].items():
            lines.append(f"| {run['scale']:g} | {name} | {s['seconds']} | {s['peak_rss_mb']} | "
                         f"{s.get('rows', '')} |")
    lines += ["", "| scale | landing MB | ingest rows/s | ingest MB/s | ingest vs DuckDB read_csv "
              "(goal >= 0.5) | no-op rerun s (goal < 10) | DAG parse s per file (goal < 1) |",
              "|---|---|---|---|---|---|---|"]
    for run in results["runs"]:
        parse = run["stages"]["dag_parse"]["per_file_seconds"]
        lines.append(f"| {run['scale']:g} | {run['landing_mb']} | {run['ingest_rows_per_s']} | "
                     f"{run['ingest_mb_per_s']} | {run['ratio_ingest_vs_duckdb_read_csv']} | "
                     f"{run['noop_rerun_seconds']} | {max(parse.values())} |")
    lines += ["", "Not yet measured (issue 7 stays open): scale 100, a 5-year history with "
              "an incremental nightly run, the whole DAG through Airflow against the same "
              "stages run directly, and validation's share of load time.", ""]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1")
    parser.add_argument("--month", default="2026-10")
    args = parser.parse_args()
    results = bench([float(s) for s in args.scales.split(",")], args.month)
    print(f"wrote {write(results)} and BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
