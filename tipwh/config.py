"""Settings read once from the environment, with safe defaults.

Every variable the code reads is listed in ``.env.example``. Paths derive from ``TIPWH_HOME``
so one variable moves the whole data area (landing, quarantine, warehouse, reports).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEMO_KEY_FILE = ".demo_pseudonym_key"


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message says which and what to do."""


@dataclass(frozen=True)
class Settings:
    """Resolved paths and knobs for one run of the pipeline."""

    home: Path
    dbt_project_dir: Path
    demo_mode: bool
    max_bad_row_share: float
    pseudonym_key_env: str | None
    distribution_file: Path = PROJECT_ROOT / "config" / "distribution.example.yml"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_sender: str = "tip-reports@example.invalid"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def work_db(self) -> Path:
        """The build copy of the warehouse: loads and dbt write here, never analysts."""
        return self.home / "work" / "tip.duckdb"

    @property
    def ready_db(self) -> Path:
        """The last build that passed every dbt test, waiting to be published."""
        return self.home / "work" / "tip.ready.duckdb"

    @property
    def warehouse_dir(self) -> Path:
        return self.home / "warehouse"

    @property
    def published_db(self) -> Path:
        """The published warehouse analysts open read-only."""
        return self.warehouse_dir / "tip.duckdb"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def gx_docs_dir(self) -> Path:
        return self.home / "docs" / "gx"

    @property
    def gx_results_dir(self) -> Path:
        """Every load's GX validation results (JSON, per night): the Data Docs' source."""
        return self.home / "work" / "gx_results"

    def pseudonym_key(self) -> bytes:
        """The HMAC key for pseudonymising personal identifiers.

        Outside demo mode a missing key refuses to load: silently inventing one would give the
        same person different keys on different machines. In demo mode a random key is
        generated once, kept under TIPWH_HOME and announced, never logged.
        """
        if self.pseudonym_key_env:
            if len(self.pseudonym_key_env) < 16:
                raise ConfigError("TIPWH_PSEUDONYM_KEY must be at least 16 characters")
            return self.pseudonym_key_env.encode("utf-8")
        if not self.demo_mode:
            raise ConfigError(
                "TIPWH_PSEUDONYM_KEY is not set: refusing to load personal data without a "
                "pseudonymisation key (set it, or TIPWH_DEMO=1 for a generated demo key)"
            )
        key_file = self.home / DEMO_KEY_FILE
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_hex(32), encoding="utf-8")
            key_file.chmod(0o600)
            print(f"demo mode: generated a pseudonymisation key in {key_file}")
        return key_file.read_text(encoding="utf-8").strip().encode("utf-8")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Build settings from the environment (or a given mapping, for tests)."""
    env = os.environ if environ is None else environ
    home = Path(env.get("TIPWH_HOME", "data")).resolve()
    share = float(env.get("TIPWH_MAX_BAD_ROW_SHARE", "0.05"))
    if not 0 <= share <= 1:
        raise ConfigError(f"TIPWH_MAX_BAD_ROW_SHARE must be between 0 and 1, got {share}")
    return Settings(
        home=home,
        dbt_project_dir=Path(env.get("TIPWH_DBT_PROJECT_DIR", PROJECT_ROOT / "dbt_project")),
        demo_mode=_flag(env.get("TIPWH_DEMO")),
        max_bad_row_share=share,
        pseudonym_key_env=env.get("TIPWH_PSEUDONYM_KEY") or None,
        distribution_file=Path(env.get("TIPWH_DISTRIBUTION_FILE",
                                       PROJECT_ROOT / "config" / "distribution.example.yml")),
        smtp_host=env.get("TIPWH_SMTP_HOST", "localhost"),
        smtp_port=int(env.get("TIPWH_SMTP_PORT", "25")),
        smtp_sender=env.get("TIPWH_SMTP_FROM", "tip-reports@example.invalid"),
        smtp_user=env.get("TIPWH_SMTP_USER") or None,
        smtp_password=env.get("TIPWH_SMTP_PASSWORD") or None,
        smtp_starttls=_flag(env.get("TIPWH_SMTP_STARTTLS")),
    )
