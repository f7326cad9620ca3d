"""Quality floors on /work/shared/data/text-dev, pinned in tests/quality_floors.json.

The figures come from `benchmarks.eval_text.evaluate`, the same code `make eval` runs (the Zyte
benchmark's 4-token shingle F1, leading datelines stripped on both sides; fields by normalised
exact match). A floor is set a little under the measured figure: a drop below it is a
regression to explain, not noise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))
FIELDS = ("headline", "standfirst", "credit", "section", "dateline")


@pytest.fixture(scope="module")
def figures(data_dir: Path) -> dict:
    if not (data_dir / "text-dev" / "gold.jsonl").is_file():
        pytest.skip("text-dev is not present")
    from benchmarks.eval_text import evaluate

    return evaluate(data_dir)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["extracted", "fullpage"])
def test_body_floors(figures: dict, kind: str) -> None:
    got = figures[kind]["body"]["copydesk"]
    floor = FLOORS[kind]["body"]
    assert figures[kind]["docs"] == FLOORS[kind]["docs"]
    for k in ("P", "R", "F"):
        assert got[k] >= floor[k], f"{kind} body {k} {got[k]:.3f} < floor {floor[k]}"


@pytest.mark.slow
@pytest.mark.parametrize("field", FIELDS)
def test_field_floors(figures: dict, field: str) -> None:
    got = figures["extracted"]["fields"][field]
    assert got >= FLOORS["extracted"]["fields"][field], f"{field} exact {got:.3f}"


@pytest.mark.slow
def test_lost_paragraph_ceiling(figures: dict) -> None:
    got = figures["extracted"]["docs_with_lost_paragraph"]
    assert got <= FLOORS["extracted"]["max_docs_with_lost_paragraph"], got


@pytest.mark.slow
def test_repair_floors(figures: dict) -> None:
    repairs = figures["extracted"]["repairs"]
    for kind, floor in FLOORS["extracted"]["repairs"].items():
        assert repairs[kind] >= floor, f"repair {kind} {repairs[kind]:.3f} < {floor}"


@pytest.mark.slow
def test_recurring_paragraphs_floor(figures: dict) -> None:
    # the copies of a line the article itself repeats (an interview's questions) are kept
    got = figures["extracted"]["recurring_kept"]
    assert got >= FLOORS["extracted"]["min_recurring_kept"], got


@pytest.mark.slow
def test_paragraph_breaks_floor(figures: dict) -> None:
    # unwrapping must not join real paragraphs (text with one paragraph a line)
    got = figures["extracted"]["breaks_kept"]
    assert got >= FLOORS["extracted"]["min_breaks_kept"], got
