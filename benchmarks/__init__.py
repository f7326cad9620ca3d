"""Evaluations and baselines, each runnable as ``python -m benchmarks.NAME``."""
