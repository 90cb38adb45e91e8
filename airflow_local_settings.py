"""Airflow imports this module in every Airflow process (it is on the path with the project).

In the scheduler only, import the heavy libraries the TIP tasks use (pandas, pyarrow, DuckDB,
Great Expectations, the project's modules) before LocalExecutor forks its workers: every
task process is forked from a worker, so it starts with them loaded instead of paying 3-7 s
of imports per task (measured in BENCHMARKS.md). Other Airflow commands are untouched.
"""

import sys

__all__: list[str] = []  # no cluster policies here


def preload_task_libraries() -> None:
    """Import what the tasks use (the benchmark calls this too, before its clocks start)."""
    import duckdb  # noqa: F401
    import great_expectations  # noqa: F401
    import openpyxl  # noqa: F401  (0.27 s, imported by the first XLSX register read)
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
    import xhtml2pdf.pisa  # noqa: F401  (0.7 s, imported by every report's PDF)

    import expectations.docs  # noqa: F401
    import ingest.load  # noqa: F401
    import reports.build  # noqa: F401
    import tipwh.pipeline  # noqa: F401


if sys.argv[1:2] == ["scheduler"]:
    preload_task_libraries()
