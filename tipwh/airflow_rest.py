"""A small client for Airflow's REST API (``/api/v2``): trigger, watch and clear DAG runs.

What an operator's script or the end-to-end test uses against a running Airflow (``make up``
or production). Standard library only; never imports Airflow.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

FINISHED = {"success", "failed"}
POLL_SECONDS = 0.5  # waits notice a finished run within half a second


class AirflowApiError(RuntimeError):
    pass


def _wait_until(check, timeout: float, failure):
    """Poll ``check`` until it returns something other than None; raise ``failure()`` late."""
    deadline = time.monotonic() + timeout
    while (result := check()) is None:
        if time.monotonic() > deadline:
            raise AirflowApiError(failure())
        time.sleep(POLL_SECONDS)
    return result


@dataclass
class AirflowRest:
    base_url: str  # e.g. http://127.0.0.1:8080
    token: str | None = None  # a JWT from /auth/token; not needed when every user is admin
    timeout: float = 30

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(f"{self.base_url}/api/v2{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            raise AirflowApiError(f"{method} {path}: HTTP {exc.code}: {exc.read()[:500]!r}") from exc
        return json.loads(text) if text else {}

    def wait_for_dags(self, dag_ids: list[str], timeout: float = 120) -> None:
        """Wait until the DAG processor has parsed every one of ``dag_ids``."""
        def missing() -> set[str]:
            return set(dag_ids) - {d["dag_id"] for d in self.call("GET", "/dags?limit=100")["dags"]}

        _wait_until(lambda: None if missing() else True, timeout,
                    lambda: f"DAGs not parsed in {timeout}s: {missing()}")

    def unpause(self, dag_id: str) -> None:
        self.call("PATCH", f"/dags/{dag_id}", {"is_paused": False})

    def trigger(self, dag_id: str, logical_date: str, conf: dict | None = None) -> str:
        run = self.call("POST", f"/dags/{dag_id}/dagRuns",
                        {"logical_date": logical_date, "conf": conf or {}})
        return run["dag_run_id"]

    def runs(self, dag_id: str) -> list[dict]:
        return self.call("GET", f"/dags/{dag_id}/dagRuns?limit=100&order_by=id")["dag_runs"]

    def run(self, dag_id: str, run_id: str) -> dict:
        return self.call("GET", f"/dags/{dag_id}/dagRuns/{urllib.parse.quote(run_id, safe='')}")

    def task_instances(self, dag_id: str, run_id: str) -> dict[str, dict]:
        """``task_id`` (``task_id[map_index]`` for mapped tasks) -> the task instance."""
        quoted = urllib.parse.quote(run_id, safe="")
        tis = self.call("GET", f"/dags/{dag_id}/dagRuns/{quoted}/taskInstances?limit=200")
        return {t["task_id"] + (f"[{t['map_index']}]" if t["map_index"] >= 0 else ""): t
                for t in tis["task_instances"]}

    def task_states(self, dag_id: str, run_id: str) -> dict[str, str]:
        return {k: t["state"] for k, t in self.task_instances(dag_id, run_id).items()}

    def wait_for_run(self, dag_id: str, run_id: str, timeout: float = 600) -> str:
        def finished() -> str | None:
            state = self.run(dag_id, run_id)["state"]
            return state if state in FINISHED else None

        return _wait_until(finished, timeout, lambda: f"{dag_id} {run_id} still "
                           f"{self.run(dag_id, run_id)['state']} after {timeout}s")

    def wait_for_new_runs(self, dag_id: str, seen: int, count: int = 1,
                          timeout: float = 600) -> list[dict]:
        """Wait for ``count`` runs after the first ``seen`` ones to finish; return them."""
        def finished() -> list[dict] | None:
            new = self.runs(dag_id)[seen:seen + count]
            return new if len(new) == count and all(r["state"] in FINISHED for r in new) else None

        return _wait_until(finished, timeout,
                           lambda: f"{dag_id}: {count} new run(s) not finished in {timeout}s")

    def clear(self, dag_id: str, run_id: str) -> None:
        """Clear every task of a run, as "Clear" in the UI: the run goes again."""
        self.call("POST", f"/dags/{dag_id}/clearTaskInstances",
                  {"dry_run": False, "dag_run_id": run_id, "only_failed": False,
                   "reset_dag_runs": True})
