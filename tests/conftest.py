"""Shared fixtures: the dev sets live in ../shared/data and tests skip cleanly without them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEED_DIR = SHARED / "seed"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    path = ROOT / "tests" / "fixtures" / "seed-article.expected.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def enrich_article() -> Any:
    """Enrich one article with the installed spaCy model (the nlp extra); skips without it."""
    pytest.importorskip("spacy")
    from copydesk.enrich import enrich_records, load_model
    from copydesk.errors import MissingExtraError
    from copydesk.options import EnrichOptions

    try:
        load_model("auto")
    except MissingExtraError:
        pytest.skip("no spaCy English model installed")

    def run(article: Any, published: str | None = None) -> Any:
        return next(enrich_records([article], EnrichOptions(published=published)))

    return run
