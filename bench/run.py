"""``make bench-quick`` (scale 1) and ``make bench`` (scales 1, 10 and 100): time and peak
memory of every stage, each in its own process, and the goals' ratios from the same run.

Scale 1 is one month at national volume (``generate --history 0``); scale 10 and 100 are
ten and a hundred times the estate. Also measured at scale 1: a 5-year history (59 months
loaded and built, then the 60th month's nightly run) against the same month's run on an
empty warehouse; and the whole chain through a real Airflow scheduler against the same
stages run directly. Writes ``bench/results/<date>.json`` and the generated part of
``BENCHMARKS.md`` (everything above its notes marker; the notes below it are kept).
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

from bench.stage import BENCH_KEY

ROOT = Path(__file__).resolve().parents[1]
MARKER = "<!-- notes: everything below is kept when bench/run.py rewrites this file -->"
SCALE_STAGES = ["generate", "duckdb_read_csv", "load", "data_docs", "dbt_build", "publish",
                "reports",
                "noop_rerun", "dbt_build_noop", "dbt_build_full_refresh"]
HISTORY_MONTHS = 59
AIRFLOW_REPEATS = 3


def _stage(name: str, home: Path, month: str, scale: float, history: int = 0) -> dict:
    env = dict(os.environ, AIRFLOW_HOME=str(home / "airflow"), AIRFLOW__CORE__LOAD_EXAMPLES="False",
               AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"), TIPWH_HOME=str(home),
               TIPWH_PSEUDONYM_KEY=BENCH_KEY)
    out = subprocess.run([sys.executable, "-m", "bench.stage", name, str(home), month, str(scale),
                          str(history)], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  {name}: {result['seconds']} s, {result['peak_rss_mb']} MB", flush=True)
    return result


def _machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def _scale_run(scale: float, month: str, airflow: bool) -> dict:
    home = Path(tempfile.mkdtemp(prefix=f"tipwh-bench-{scale:g}-"))
    try:
        print(f"scale {scale:g} ({home})", flush=True)
        stages = {"generate": _stage("generate", home, month, scale)}
        airflow_homes = [home / f"airflow_home_{i}" for i in range(AIRFLOW_REPEATS if airflow else 0)]
        for airflow_home in airflow_homes:  # the same files, in homes of their own
            shutil.copytree(home / "landing", airflow_home / "landing")
        for name in SCALE_STAGES[1:]:
            stages[name] = _stage(name, home, month, scale)
        if airflow:  # a shared 2-core VM varies run to run: the median of three nights
            tries = sorted((_stage("airflow_dag", h, month, scale) for h in airflow_homes),
                           key=lambda r: r["pipeline_seconds"])
            stages["airflow_dag"] = {**tries[len(tries) // 2],
                                     "pipeline_seconds_each": [r["pipeline_seconds"] for r in tries]}
        load, ref = stages["load"], stages["duckdb_read_csv"]
        direct = sum(stages[s]["seconds"]
                     for s in ("load", "data_docs", "dbt_build", "publish", "reports"))
        run = {
            "scale": scale, "landing_mb": stages["generate"]["mb"], "stages": stages,
            "ingest_rows_per_s": round(load["rows"] / load["seconds"]),
            "ingest_mb_per_s": round(stages["generate"]["mb"] / load["seconds"], 2),
            "read_csv_rows_per_s": round(ref["rows"] / ref["seconds"]),
            "ratio_ingest_vs_read_csv": round(load["rows"] / load["seconds"]
                                              / (ref["rows"] / ref["seconds"]), 3),
            "validation_share_of_load": round(
                load["validate_seconds"] / (load["seconds"] - load["validate_seconds"]), 3),
            "direct_pipeline_seconds": round(direct, 2),
            "noop_rerun_seconds": stages["noop_rerun"]["seconds"],
            "peak_rss_mb": max(s["peak_rss_mb"] for s in stages.values()),
        }
        if airflow:
            run["ratio_airflow_vs_direct"] = round(
                stages["airflow_dag"]["pipeline_seconds"] / direct, 2)
        return run
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _history_run(month: str) -> dict:
    """The same month's nightly run on 5 years of history and on an empty warehouse."""
    history = Path(tempfile.mkdtemp(prefix="tipwh-bench-history-"))
    empty = Path(tempfile.mkdtemp(prefix="tipwh-bench-empty-"))
    try:
        print(f"5-year history ({history}) and empty ({empty})", flush=True)
        stages = {"generate": _stage("generate", history, month, 1, HISTORY_MONTHS)}
        shutil.copytree(history / "staged", empty / "staged")
        for name in ("land_history", "load_history", "dbt_build_history"):
            stages[name] = _stage(name, history, month, 1)
        with_history = {n: _stage(n, history, month, 1)
                        for n in ("land_month", "load", "dbt_build_incremental")}
        on_empty = {n: _stage(n, empty, month, 1) for n in ("land_month", "load", "dbt_build")}
        night_history = with_history["load"]["seconds"] + with_history["dbt_build_incremental"]["seconds"]
        night_empty = on_empty["load"]["seconds"] + on_empty["dbt_build"]["seconds"]
        return {"months": HISTORY_MONTHS + 1, "setup": stages, "with_history": with_history,
                "on_empty": on_empty, "night_with_history_seconds": round(night_history, 2),
                "night_on_empty_seconds": round(night_empty, 2),
                "ratio_history_vs_empty": round(night_history / night_empty, 2)}
    finally:
        shutil.rmtree(history, ignore_errors=True)
        shutil.rmtree(empty, ignore_errors=True)


def bench(scales: list[float], month: str, airflow_scales: list[float]) -> dict:
    results = {"date": date.today().isoformat(), "machine": _machine(), "month": month,
               "runs": [_scale_run(s, month, s in airflow_scales) for s in scales],
               "history": _history_run(month)}
    home = Path(tempfile.mkdtemp(prefix="tipwh-bench-parse-"))
    results["dag_parse"] = _stage("dag_parse", home, month, 1)
    shutil.rmtree(home, ignore_errors=True)
    return results


def _fmt(value, goal: str) -> str:
    return "-" if value is None else f"{value} ({goal})"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = ["# Benchmarks", "",
             f"Measured {results['date']} on {m['cores']} cores, {m['memory_gib']} GiB, Python "
             f"{m['python']} (`make bench`; `bench/results/{results['date']}.json` has every "
             "figure). Scale 1 is one month at national volume; each stage runs in its own "
             "process, and peak memory is that process's (and its children's) maximum resident "
             "set. A stage's seconds exclude importing its libraries (`imports s`, timed apart), "
             "as Airflow's scheduler imports them once before forking task processes.",
             "", "## Goals", "",
             "| scale | ingest vs DuckDB `read_csv`, rows/s (goal >= 0.5) "
             "| validation's share of load (goal <= 0.5) "
             "| whole chain via Airflow vs direct (goal <= 1.5) | no-op rerun s (goal < 10) "
             "| peak MB (goal < 8192) |",
             "|---|---|---|---|---|---|"]
    for run in results["runs"]:
        lines.append(
            f"| {run['scale']:g} | {run['ratio_ingest_vs_read_csv']} | {run['validation_share_of_load']} "
            f"| {run.get('ratio_airflow_vs_direct', '-')} | {run['noop_rerun_seconds']} "
            f"| {run['peak_rss_mb']} |")
    h = results["history"]
    parse = results["dag_parse"]["per_file_seconds"]
    lines += ["", f"- Nightly run (load + dbt build) of one month on {h['months'] - 1} months of "
              f"history: {h['night_with_history_seconds']} s; the same month on an empty "
              f"warehouse: {h['night_on_empty_seconds']} s; ratio **{h['ratio_history_vs_empty']}** "
              "(goal <= 2).",
              "- DAG parse, seconds per file (goal < 1): " + ", ".join(
                  f"`{k}` {v}" for k, v in parse.items()) + ".", "",
              "## Stages", "", "| scale | stage | seconds | imports s | peak MB | rows | rows/s |",
              "|---|---|---|---|---|---|---|"]
    for run in results["runs"]:
        for name, s in run["stages"].items():
            rows = s.get("rows", "")
            rate = round(rows / s["seconds"]) if rows and s["seconds"] else ""
            lines.append(f"| {run['scale']:g} | {name} | {s['seconds']} "
                         f"| {s.get('import_seconds', '-')} | {s['peak_rss_mb']} | {rows} | {rate} |")
    lines += ["", "## Ingest + validation per feed", "",
              "| scale | feed | rows | MB | seconds | of which GX | rows/s | MB/s |",
              "|---|---|---|---|---|---|---|---|"]
    for run in results["runs"]:
        for feed, f in run["stages"]["load"]["feeds"].items():
            lines.append(f"| {run['scale']:g} | {feed} | {f['rows']} | {f['mb']} | {f['seconds']} "
                         f"| {f['validate_seconds']} | {f['rows_per_s'] or '-'} | {f['mb_per_s'] or '-'} |")
    lines += ["", "## Through Airflow", "",
              "| scale | services start s | trigger to reports done s (median; each run) "
              "| task seconds per DAG | direct s |",
              "|---|---|---|---|---|"]
    for run in results["runs"]:
        a = run["stages"].get("airflow_dag")
        if a:
            each = "; ".join(str(x) for x in a.get("pipeline_seconds_each", []))
            lines.append(f"| {run['scale']:g} | {a['services_start_seconds']} | {a['pipeline_seconds']} "
                         f"({each}) | {json.dumps(a['task_seconds'])} | {run['direct_pipeline_seconds']} |")
    lines += ["", "## 5-year history", "", "| warehouse | stage | seconds | peak MB |",
              "|---|---|---|---|"]
    for label, key in (("setup", "setup"), ("with history", "with_history"), ("empty", "on_empty")):
        for name, s in h[key].items():
            lines.append(f"| {label} | {name} | {s['seconds']} | {s['peak_rss_mb']} |")
    return "\n".join(lines) + "\n"


def write(results: dict) -> Path:
    out = ROOT / "bench" / "results" / f"{results['date']}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    target = ROOT / "BENCHMARKS.md"
    old = target.read_text() if target.exists() else ""
    notes = old[old.index(MARKER):] if MARKER in old else MARKER + "\n"
    target.write_text(markdown(results) + "\n" + notes)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1")
    parser.add_argument("--airflow-scales", default="1", help="scales also run through Airflow")
    parser.add_argument("--month", default="2026-10")
    args = parser.parse_args()
    results = bench([float(s) for s in args.scales.split(",")], args.month,
                    [float(s) for s in args.airflow_scales.split(",") if s])
    print(f"wrote {write(results)} and BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
