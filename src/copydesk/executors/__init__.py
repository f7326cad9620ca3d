"""Executors run the same stage functions locally (one process or a pool) or on Ray."""
