"""Enrichment (the ``nlp`` extra): entities with in-article aliases, quotes with speakers,
dates resolved against the publication date.

``enrich_records(records, options)`` is the stage; pipeline.run_shard and api.parse call it.
"""

from copydesk.enrich.model import AUTO_MODELS, load_model
from copydesk.enrich.stage import SKIP_PREFIX, enrich_records, is_skip_note

__all__ = ["AUTO_MODELS", "SKIP_PREFIX", "enrich_records", "is_skip_note", "load_model"]
