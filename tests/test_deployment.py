"""docker-compose.yml, the Dockerfile and .env.example are correct by construction.

No Docker engine runs here, so this parses them and checks every service, volume and
variable the code expects is present and consistent.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tipwh.up import LATENCY_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
AIRFLOW_SERVICES = ["airflow-api-server", "airflow-scheduler", "airflow-dag-processor",
                    "airflow-triggerer"]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def test_every_airflow_service_and_the_database_are_defined():
    services = _compose()["services"]
    assert {"postgres", "airflow-init", *AIRFLOW_SERVICES} <= set(services)
    commands = {name: services[name]["command"][1] for name in AIRFLOW_SERVICES}
    assert commands == {"airflow-api-server": "api-server", "airflow-scheduler": "scheduler",
                        "airflow-dag-processor": "dag-processor", "airflow-triggerer": "triggerer"}
    init = services["airflow-init"]["command"]
    assert init[:2] == ["bash", "-c"] and init[2].startswith("airflow db migrate &&")
    from tipwh.airflow_local import DUCKDB_WRITER_POOL

    name, slots, _ = DUCKDB_WRITER_POOL
    assert f"airflow pools set {name} {slots} " in init[2]  # the pool the DAGs' writers use
    assert f'DUCKDB_WRITER_POOL = "{name}"' in (ROOT / "dags" / "tip_common.py").read_text()
    assert "healthcheck" in services["postgres"]


def test_airflow_services_share_image_settings_secrets_and_data_volumes():
    compose = _compose()
    declared = set(compose["volumes"])
    dockerfile = (ROOT / "Dockerfile").read_text()
    for name in ["airflow-init", *AIRFLOW_SERVICES]:
        service = compose["services"][name]
        env = service["environment"]
        assert service["image"] == "tip-warehouse:latest"
        assert service["env_file"] == [".env"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
        assert "COPY airflow_local_settings.py ./" in dockerfile  # the scheduler's preload
        assert "COPY dags ./dags" in dockerfile and env["AIRFLOW__CORE__DAGS_FOLDER"] == "/opt/tip/dags"
        assert env["TIPWH_DEMO"] == "0"
        for key, value in LATENCY_SETTINGS.items():  # the same tuning as `make up`
            assert env[key] == value, (name, key)
        mounts = {m.split(":")[1]: m.split(":")[0] for m in service["volumes"]}
        home = env["TIPWH_HOME"]
        for folder in ["landing", "quarantine", "work", "warehouse", "reports", "docs"]:
            assert f"{home}/{folder}" in mounts, (name, folder)
        assert set(mounts.values()) <= declared
        if name != "airflow-init":
            assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
            assert service["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"


def test_secrets_come_from_the_env_file_and_every_variable_is_documented():
    text = (ROOT / "docker-compose.yml").read_text()
    env = _env_example()
    for var in set(re.findall(r"\$\{(\w+)\}", text)):
        assert var in env, var
    code = "\n".join(p.read_text() for folder in ["tipwh", "ingest", "expectations", "reports"]
                     for p in (ROOT / folder).rglob("*.py"))
    code += (ROOT / "dbt_project" / "profiles.yml").read_text()
    for var in set(re.findall(r"\b(TIPWH_[A-Z_]*[A-Z])\b", code)):
        assert var in env, f"{var} is read by the code but missing from .env.example"
    dags = "\n".join(p.read_text() for p in (ROOT / "dags").glob("*.py"))
    for var in set(re.findall(r"var\.value\.get\('(\w+)'", dags)):
        assert f"AIRFLOW_VAR_{var.upper()}" in env, f"Airflow Variable {var} is not documented"
    assert "AIRFLOW_CONN_SMTP_DEFAULT" in env  # alerts and delivery use smtp_default
    assert "@postgres:5432/" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert "psycopg2" in (ROOT / "uv.lock").read_text()
    assert not re.search(r"(PASSWORD|SECRET|KEY)\s*:\s*\S", text), "no secret values in compose"
