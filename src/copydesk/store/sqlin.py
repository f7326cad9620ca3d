"""``IN (...)`` lists within SQLite's limit on bound parameters (999 in older builds)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

#: Values bound in one ``IN (...)`` list, under every SQLite build's parameter limit.
CHUNK = 900


def chunks(items: Sequence[T], size: int = CHUNK) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def placeholders(items: Sequence[object]) -> str:
    """``?, ?, ?`` for ``items``."""
    return ", ".join("?" * len(items))
