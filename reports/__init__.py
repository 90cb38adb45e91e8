"""Monthly leadership reports: read the ``publish`` layer, render HTML with inline SVG charts.

Never imports Airflow and never reads a mart directly: every figure comes from a publish
table, where disclosure control has been applied.
"""

from reports.build import areas, write_month_index, write_report, write_reports

__all__ = ["areas", "write_month_index", "write_report", "write_reports"]
