"""Repairs of kept text: each module fixes one kind of damage and reports what it changed."""
