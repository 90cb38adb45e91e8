"""Great Expectations suites, one per feed, and a thin ``validate()`` over pandas DataFrames.

GX runs on pandas, not DuckDB: GX's SQL path fails on DuckDB (see README, Deviations).
Importing this package is cheap; GX itself is imported on first validation.
"""

from expectations.validate import RowFailure, ValidationOutcome, validate

__all__ = ["RowFailure", "ValidationOutcome", "validate"]
