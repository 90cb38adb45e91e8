"""Every Asset the TIP DAGs produce or consume, defined once.

Names, not paths: where the data lives is configuration (TIPWH_HOME), and an Asset is an
identity for data-aware scheduling, not a location to read.
"""

from airflow.sdk import Asset

RAW_LAYER = Asset("tip_raw_layer")  # the build copy's raw schema after a load that loaded rows
WAREHOUSE_BUILD = Asset("tip_warehouse_build")  # dbt build passed on the build copy
PUBLISHED_WAREHOUSE = Asset("tip_published_warehouse")  # what analysts open read-only
MONTHLY_REPORTS = Asset("tip_monthly_reports")  # the month's HTML reports and index
