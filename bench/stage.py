"""Run one pipeline stage in this process and print its wall time and peak memory as JSON.

Each stage runs in a fresh child process (``python -m bench.stage NAME ...``) so that its peak
resident memory is its own: max of this process and any children it waited for.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import datetime
from pathlib import Path


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports KiB


def run(name: str, home: Path, month: str, scale: float) -> dict:
    from tipwh import pipeline
    from tipwh.config import load_settings

    settings = load_settings({"TIPWH_HOME": str(home), "TIPWH_PSEUDONYM_KEY": "bench-key-" + "x" * 20})
    extra: dict = {}
    started = time.perf_counter()
    if name == "generate":
        from tipwh.generate import generate

        result = generate(month, settings.landing, seed=1, scale=scale)
        extra["rows"] = sum(len(f.rows) for f in result.files)
    elif name in {"load", "load_noop"}:
        loaded = pipeline.load(settings, pipeline.as_of_for(month))
        extra["rows"] = loaded.rows_loaded + loaded.rows_quarantined
        extra["files_loaded"] = loaded.files_loaded + loaded.files_partially_loaded
    elif name == "duckdb_read_csv":
        import duckdb

        from ingest.feeds import FEEDS

        con = duckdb.connect(":memory:")
        rows = 0
        for feed in FEEDS:  # table names are the feeds' own names; file lists are parameters
            files = [str(p) for p in sorted((settings.landing / feed).glob("*.csv"))]
            if files:
                con.execute(f"create table {feed} as select * from read_csv(?, "  # noqa: S608
                            "union_by_name = true, all_varchar = true)", [files])
                rows += con.execute(f"select count(*) from {feed}").fetchone()[0]  # noqa: S608
        extra["rows"] = rows
    elif name in {"dbt_build", "dbt_build_noop"}:
        pipeline.build(settings)
    elif name == "dbt_build_full_refresh":
        pipeline.build(settings, full_refresh=True)
    elif name == "publish":
        pipeline.publish(settings)
    elif name == "reports":
        extra["files"] = len(pipeline.report(settings, month))
    elif name == "dag_parse":
        from airflow.dag_processing.dagbag import BundleDagBag

        dags = Path(__file__).resolve().parents[1] / "dags"
        times = {}
        for dag_file in sorted(dags.glob("*.py")):
            t = time.perf_counter()
            BundleDagBag(dag_folder=str(dag_file), bundle_path=dags)
            times[dag_file.name] = round(time.perf_counter() - t, 3)
        extra["per_file_seconds"] = times
    else:
        raise SystemExit(f"unknown stage {name!r}")
    return {"stage": name, "seconds": round(time.perf_counter() - started, 3),
            "peak_rss_mb": round(_peak_mb(), 1), "at": datetime.now().isoformat(timespec="seconds"),
            **extra}


if __name__ == "__main__":
    stage, home, month, scale = sys.argv[1], Path(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    print(json.dumps(run(stage, home, month, scale)))
