"""Ingest: read landing files, validate them with GX, pseudonymise, load the raw layer.

Never imports Airflow. ``ingest.load.load_landing`` is the one entry point the CLI and the
DAGs call; everything else is a small step it composes.
"""
