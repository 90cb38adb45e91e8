"""``make up``: Airflow's UI, scheduler, DAG processor and triggerer as local processes.

The same services docker-compose runs in production, here on the embedded default (SQLite
metadata under TIPWH_HOME, LocalExecutor), listening on 127.0.0.1 only. Local use only:
every UI user is an admin, without a login.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tipwh import airflow_local
from tipwh.config import load_settings

SERVICES = {
    "api-server": ["api-server", "--host", "127.0.0.1", "--port", "{port}"],
    "scheduler": ["scheduler", "--skip-serve-logs"],
    "dag-processor": ["dag-processor"],
    "triggerer": ["triggerer", "--skip-serve-logs"],
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on now (for test and benchmark services)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A night is ~20 short tasks queued one at a time through the DuckDB pool, so per-task
# latency is the pipeline's overhead (measured in BENCHMARKS.md). A task's supervisor waits
# up to the heartbeat interval (default 5 s) after the task's last output before it notices
# the process has exited, which happened to one task in four: 1 s bounds that.
# docker-compose.yml sets the same. (A shorter scheduler idle sleep saved another 2 s but
# made SQLite's lock contended enough to fail `airflow backfill create` beside it.)
LATENCY_SETTINGS = {
    "AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "1",
}


def local_env(settings, port: int) -> dict[str, str]:
    env = airflow_local.airflow_env(settings)
    env.update({
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "2",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
        **LATENCY_SETTINGS,
    })
    return env


def start(settings, port: int) -> dict[str, subprocess.Popen]:
    airflow_local.migrate(settings)
    env = local_env(settings, port)
    exe = str(Path(sys.executable).with_name("airflow"))
    logs = settings.home / "logs" / "airflow-services"
    logs.mkdir(parents=True, exist_ok=True)
    procs = {}
    for name, args in SERVICES.items():
        out = (logs / f"{name}.log").open("ab")
        procs[name] = subprocess.Popen([exe, *[a.format(port=port) for a in args]], env=env,
                                       stdout=out, stderr=subprocess.STDOUT)
    return procs


def wait_healthy(port: int, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/monitor/health", timeout=3):
                return True
        except OSError:
            time.sleep(1)
    return False


def stop(procs: dict[str, subprocess.Popen]) -> None:
    for proc in procs.values():
        if proc.poll() is None:
            proc.terminate()
    for proc in procs.values():
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    settings = load_settings()
    procs = start(settings, args.port)
    signal.signal(signal.SIGTERM, lambda *_: (stop(procs), sys.exit(0)))
    try:
        if not wait_healthy(args.port):
            print(f"Airflow did not become healthy; logs in {settings.home / 'logs'}", file=sys.stderr)
            return 1
        print(f"Airflow UI: http://127.0.0.1:{args.port}  (DAGs from ./dags; Ctrl-C stops it)")
        while all(p.poll() is None for p in procs.values()):
            time.sleep(2)
        dead = [n for n, p in procs.items() if p.poll() is not None]
        print(f"stopped: {', '.join(dead)} exited; logs in {settings.home / 'logs'}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(procs)


if __name__ == "__main__":
    sys.exit(main())
