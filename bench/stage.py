"""Run one benchmark stage in this process and print its wall time and peak memory as JSON.

Each stage runs in a fresh child process (``python -m bench.stage NAME HOME MONTH SCALE
[HISTORY]``) so that its peak resident memory is its own: the max of this process and any
child it waited for (dbt, Airflow's services).
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from pathlib import Path

BENCH_KEY = "bench-key-" + "x" * 20  # a fixed non-secret key: bench data are synthetic
# Staff numbers are SN + 6 digits, so an estate beyond ~18x today's cannot be generated:
# larger scales multiply the months of a 10x estate instead (scale 100 = 10x over 10 months).
MAX_ESTATE_SCALE = 10


def estate_and_months(scale: float) -> tuple[float, int]:
    if scale <= MAX_ESTATE_SCALE:
        return scale, 1
    return MAX_ESTATE_SCALE, round(scale / MAX_ESTATE_SCALE)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def _settings(home: Path):
    from tipwh.config import load_settings

    return load_settings({"TIPWH_HOME": str(home), "TIPWH_PSEUDONYM_KEY": BENCH_KEY})


def _landing_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name[0] != "_")


def generate(home: Path, month: str, scale: float, history: int) -> dict:
    """The month's files into landing/; with history, the earlier months into staged/."""
    from tipwh.generate import generate as write

    target = home / ("staged" if history else "landing")
    estate, months = estate_and_months(scale)
    history = history or months - 1
    result = write(month, target, seed=1, scale=estate, history_months=history)
    return {"rows": sum(len(f.rows) for f in result.files), "estate_scale": estate,
            "months": history + 1, "mb": round(_landing_bytes(target) / 1e6, 1)}


def land(home: Path, month: str, which: str) -> dict:
    """Copy staged files into landing/: ``history`` (before the month) or ``month`` (its own)."""
    staged = home / "staged"
    n = 0
    for path in sorted(staged.rglob("*")):
        if path.is_file() and path.name != "_manifest.json" and (month in path.name) == (which == "month"):
            target = home / "landing" / path.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            n += 1
    return {"files": n}


def load(home: Path, month: str) -> dict:
    """Every feed in load order, timed one by one; validation's share timed inside."""
    import ingest.load
    from ingest.feeds import LOAD_ORDER
    from tipwh import pipeline

    settings = _settings(home)
    spent = {"validate": 0.0}
    real_validate = ingest.load.validate

    def timed_validate(*args, **kwargs):
        t = time.perf_counter()
        try:
            return real_validate(*args, **kwargs)
        finally:
            spent["validate"] += time.perf_counter() - t

    ingest.load.validate = timed_validate
    feeds = {}
    as_of = pipeline.as_of_for(month)
    for feed in LOAD_ORDER:
        folder = settings.landing / feed
        size = _landing_bytes(folder) if folder.exists() else 0
        before = spent["validate"]
        t = time.perf_counter()
        result = pipeline.load(settings, as_of, feeds=[feed])
        seconds = time.perf_counter() - t
        rows = result.rows_loaded + result.rows_quarantined
        feeds[feed] = {"seconds": round(seconds, 3), "rows": rows, "mb": round(size / 1e6, 2),
                       "validate_seconds": round(spent["validate"] - before, 3),
                       "rows_per_s": round(rows / seconds) if rows else None,
                       "mb_per_s": round(size / 1e6 / seconds, 2) if rows else None}
    return {"rows": sum(f["rows"] for f in feeds.values()),
            "validate_seconds": round(spent["validate"], 3), "feeds": feeds}


def duckdb_read_csv(home: Path, month: str) -> dict:
    """The engine's limit: DuckDB's own read_csv of the same CSV files into a database file."""
    import duckdb

    from ingest.feeds import FEEDS

    settings = _settings(home)
    target = home / "bench_read_csv.duckdb"
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    rows, size = 0, 0
    for feed in FEEDS:  # table names are the feeds' own names; file lists are parameters
        files = [p for p in sorted((settings.landing / feed).glob("*.csv"))]
        if files:
            con.execute(f"create table {feed} as select * from read_csv(?, "  # noqa: S608
                        "union_by_name = true, all_varchar = true)", [[str(p) for p in files]])
            rows += con.execute(f"select count(*) from {feed}").fetchone()[0]  # noqa: S608
            size += sum(p.stat().st_size for p in files)
    con.close()
    target.unlink()
    return {"rows": rows, "mb": round(size / 1e6, 2)}


def noop_rerun(home: Path, month: str) -> dict:
    """A night with nothing new: every feed's load skips, no feed loads, so no transform runs."""
    from tipwh import pipeline

    settings = _settings(home)
    result = pipeline.load(settings, pipeline.as_of_for(month))
    if result.rows_loaded:  # not a no-op after all: charge the transform it would trigger
        pipeline.build(settings)
    return {"rows": result.rows_loaded, "files_skipped": result.files_skipped,
            "transform_ran": bool(result.rows_loaded)}


def airflow_dag(home: Path, month: str) -> dict:
    """The whole chain through a real scheduler (make up's services), triggered over REST."""
    from tipwh import up
    from tipwh.airflow_rest import AirflowRest
    from tipwh.demo import logical_date_for, nightly_date_for

    settings = _settings(home)
    port = up.free_port()
    started = time.perf_counter()
    procs = up.start(settings, port)
    try:
        if not up.wait_healthy(port):
            raise SystemExit("Airflow did not become healthy")
        api = AirflowRest(f"http://127.0.0.1:{port}")
        dags = ["tip_nightly_ingest", "tip_transform", "tip_publish", "tip_monthly_reports"]
        api.wait_for_dags(dags)
        for dag_id in dags:
            api.unpause(dag_id)
        ready = time.perf_counter()
        night = api.trigger("tip_nightly_ingest", nightly_date_for(month).replace("+00:00", "Z"))
        states = {"tip_nightly_ingest": api.wait_for_run("tip_nightly_ingest", night, 3600)}
        runs = {"tip_nightly_ingest": night}
        for dag_id in ("tip_transform", "tip_publish"):
            [run] = api.wait_for_new_runs(dag_id, 0, timeout=3600)
            states[dag_id], runs[dag_id] = run["state"], run["dag_run_id"]
        runs["tip_monthly_reports"] = api.trigger(
            "tip_monthly_reports", logical_date_for(month).replace("+00:00", "Z"))
        states["tip_monthly_reports"] = api.wait_for_run(
            "tip_monthly_reports", runs["tip_monthly_reports"], 3600)
        done = time.perf_counter()
        task_seconds, failed = {}, []
        for dag_id, run_id in runs.items():
            tis = api.task_instances(dag_id, run_id).values()
            task_seconds[dag_id] = round(sum(t["duration"] or 0 for t in tis), 2)
            failed += [f"{dag_id}.{t['task_id']}" for t in tis if t["state"] == "failed"]
    finally:
        up.stop(procs)
    return {"services_start_seconds": round(ready - started, 2),
            "pipeline_seconds": round(done - ready, 2), "task_seconds": task_seconds,
            "states": states, "failed_tasks": failed}


# Every other stage imports the task libraries before its clock starts, as Airflow's
# scheduler does before it forks task processes: its seconds are the work, import_seconds
# beside them. These set up data or start Airflow itself.
NOT_PRELOADED = {"generate", "land_history", "land_month", "airflow_dag", "dag_parse"}


def run(name: str, home: Path, month: str, scale: float, history: int) -> dict:
    import_seconds = 0.0
    if name not in NOT_PRELOADED:
        t = time.perf_counter()
        from airflow_local_settings import preload_task_libraries

        preload_task_libraries()
        import_seconds = time.perf_counter() - t
    from tipwh import pipeline

    settings = _settings(home)
    started = time.perf_counter()
    if name == "generate":
        extra = generate(home, month, scale, history)
    elif name in {"land_history", "land_month"}:
        extra = land(home, month, name.removeprefix("land_"))
    elif name in {"load", "load_history"}:
        extra = load(home, month)
    elif name == "data_docs":
        extra = {"pages": pipeline.data_docs(settings, pipeline.as_of_for(month))}
    elif name == "duckdb_read_csv":
        extra = duckdb_read_csv(home, month)
    elif name in {"dbt_build", "dbt_build_history", "dbt_build_incremental", "dbt_build_noop"}:
        pipeline.build(settings)
        extra = {}
    elif name == "dbt_build_full_refresh":
        pipeline.build(settings, full_refresh=True)
        extra = {}
    elif name == "publish":
        extra = {"published": bool(pipeline.publish(settings))}
    elif name == "reports":
        extra = {"files": len(pipeline.report(settings, month)) * 2}  # HTML and PDF each
    elif name == "noop_rerun":
        extra = noop_rerun(home, month)
    elif name == "airflow_dag":
        extra = airflow_dag(home, month)
    elif name == "dag_parse":
        from airflow.dag_processing.dagbag import BundleDagBag

        dags = Path(__file__).resolve().parents[1] / "dags"
        times = {}
        for dag_file in sorted(dags.glob("*.py")):
            t = time.perf_counter()
            BundleDagBag(dag_folder=str(dag_file), bundle_path=dags)
            times[dag_file.name] = round(time.perf_counter() - t, 3)
        extra = {"per_file_seconds": times}
    else:
        raise SystemExit(f"unknown stage {name!r}")
    return {"stage": name, "seconds": round(time.perf_counter() - started, 3),
            "import_seconds": round(import_seconds, 3), "peak_rss_mb": round(_peak_mb(), 1),
            **extra}


if __name__ == "__main__":
    args = sys.argv[1:]
    history = int(args[4]) if len(args) > 4 else 0
    print(json.dumps(run(args[0], Path(args[1]), args[2], float(args[3]), history)))
