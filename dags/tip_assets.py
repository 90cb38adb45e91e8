"""Every Asset the TIP DAGs produce or consume, defined once.

Names, not paths: where the data lives is configuration (TIPWH_HOME), and an Asset is an
identity for data-aware scheduling, not a location to read.
"""

from airflow.sdk import Asset

# The feeds in load order (org units first: other feeds check their codes against them).
# Kept in step with ingest.feeds.LOAD_ORDER by a test; not imported, to keep parsing light.
FEED_NAMES = ("org_units", "headcount", "regional_commitments", "training_logs",
              "programme_completions", "survey_participant_outcomes", "survey_staff_wellbeing",
              "survey_lived_experience")

# one per feed: its raw table in the build copy gained rows
RAW_FEEDS = {feed: Asset(f"tip_raw_{feed}") for feed in FEED_NAMES}
# the night's ingest run finished and at least one feed loaded rows
NIGHTLY_INGEST_DONE = Asset("tip_nightly_ingest_done")
WAREHOUSE_BUILD = Asset("tip_warehouse_build")  # a dbt build passed and was snapshotted
PUBLISHED_WAREHOUSE = Asset("tip_published_warehouse")  # what analysts open read-only
MONTHLY_REPORTS = Asset("tip_monthly_reports")  # a month's HTML and PDF reports and index
