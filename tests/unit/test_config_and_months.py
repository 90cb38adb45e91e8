"""Settings from the environment and month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from tipwh.config import ConfigError, load_settings
from tipwh.months import add_months, month_range, parse_month
from tipwh.pipeline import as_of_for, report_month_for


def test_missing_key_refuses_to_load_outside_demo_mode(tmp_path):
    settings = load_settings({"TIPWH_HOME": str(tmp_path)})
    with pytest.raises(ConfigError, match="TIPWH_PSEUDONYM_KEY"):
        settings.pseudonym_key()


def test_demo_mode_generates_one_key_and_keeps_it(tmp_path, capsys):
    settings = load_settings({"TIPWH_HOME": str(tmp_path), "TIPWH_DEMO": "1"})
    first = settings.pseudonym_key()
    assert "generated a pseudonymisation key" in capsys.readouterr().out
    assert settings.pseudonym_key() == first
    assert first.decode() not in capsys.readouterr().out


def test_bad_share_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        load_settings({"TIPWH_HOME": str(tmp_path), "TIPWH_MAX_BAD_ROW_SHARE": "7"})


def test_month_helpers():
    assert parse_month("2025-03") == date(2025, 3, 1)
    assert add_months(date(2025, 1, 1), -1) == date(2024, 12, 1)
    assert month_range(date(2025, 2, 1), 3) == [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    with pytest.raises(ValueError):
        parse_month("2025-13")


def test_a_run_reports_on_the_month_before_its_logical_date():
    assert report_month_for(date(2026, 11, 1)) == "2026-10"
    assert report_month_for(date(2026, 1, 1)) == "2025-12"
    assert as_of_for("2026-10").isoformat() == "2026-11-01T00:00:00"
