"""TIP warehouse: the command-line tool and the pipeline steps the DAGs call.

Nothing in this package imports Airflow: the DAGs in ``dags/`` only wire these functions.
"""
