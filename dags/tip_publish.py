"""
### TIP publish

After every passing transform (the `tip_warehouse_build` Asset): copy the snapshot of the
passing build beside `TIPWH_HOME/warehouse/tip.duckdb`, check it opens with the tables
analysts and reports need, and swap it in with one atomic rename. Analysts' read-only
connections see the old file or the new one, never a mix, and never block this. The
replaced file stays as `tip.previous.duckdb` for `tipwh rollback`.

Nothing new to publish (the snapshot was already published) is a no-op, so clearing and
re-running this task changes nothing.
"""

from __future__ import annotations

from airflow.sdk import dag, task
from tip_assets import PUBLISHED_WAREHOUSE, WAREHOUSE_BUILD
from tip_common import DEFAULT_ARGS, DUCKDB_WRITER_POOL


@dag(
    dag_id="tip_publish",
    schedule=[WAREHOUSE_BUILD],
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["tip", "publish", "duckdb-writer"],
    doc_md=__doc__,
)
def tip_publish():
    @task(pool=DUCKDB_WRITER_POOL, outlets=[PUBLISHED_WAREHOUSE])
    def publish_warehouse() -> str:
        from airflow.sdk.exceptions import AirflowSkipException

        from tipwh import pipeline
        from tipwh.config import load_settings

        published = pipeline.publish(load_settings())
        if published is None:
            raise AirflowSkipException("nothing new to publish: the last passing build is live")
        return str(published)

    publish_warehouse()


tip_publish()
