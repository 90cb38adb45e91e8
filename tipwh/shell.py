"""``tipwh sql``: a read-only SQL shell on the published warehouse, for analysts.

Opens ``warehouse/tip.duckdb`` read-only, so it never blocks a load and cannot change
anything; a publish during a session does not disturb it (the session keeps the version it
opened; reconnect to see the new one). With a query argument, runs it and exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

PROMPT, MORE = "tip> ", " ..> "
HELLO = ("End statements with ';'. Ctrl-D quits.\n"
         "Try: select * from publish.pub_training_coverage limit 5;")


def _execute(con: duckdb.DuckDBPyConnection, sql: str) -> bool:
    try:
        relation = con.sql(sql)
        if relation is not None:
            relation.show(max_rows=200)
        return True
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False


def run(db_path: Path, query: str | None = None) -> int:
    if not db_path.exists():
        print(f"no published warehouse at {db_path}: run the pipeline (make demo) first",
              file=sys.stderr)
        return 2
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        if query is not None:
            return 0 if _execute(con, query) else 1
        print(f"{db_path} (read-only). {HELLO}")
        try:
            import readline  # noqa: F401  (line editing and history when available)
        except ImportError:
            pass
        buffer: list[str] = []
        while True:
            try:
                line = input(MORE if buffer else PROMPT)
            except EOFError:
                print()
                return 0
            except KeyboardInterrupt:
                print()
                buffer.clear()
                continue
            buffer.append(line)
            if line.rstrip().endswith(";"):
                _execute(con, "\n".join(buffer))
                buffer.clear()
    finally:
        con.close()
