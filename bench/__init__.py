"""Benchmarks (``make bench-quick`` / ``make bench``): not part of ``make test``."""
