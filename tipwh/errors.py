"""Failures the orchestration treats differently from transient errors.

A ``DataRejected`` is a verdict on the data (a rejected file, a failed dbt test, a feed that
has not arrived): retrying it minutes later cannot help, so the DAGs fail it at once and
alert. Anything else (a lock held by another process, a full disk, an SMTP timeout) is
retried with backoff. Kept free of imports so DAG files can name it at parse time.
"""


class DataRejected(RuntimeError):
    """The data, not the machinery, failed a check; the message says which feed, file and rule."""


class FeedOverdue(DataRejected):
    """A feed's file for its expected period has not arrived by its due time."""
