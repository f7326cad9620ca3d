"""The local executor: pages in flight are capped, records keep input order, and the workers
get the read-only tables from the fork server instead of loading their own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from copydesk.document import Document
from copydesk.executors import local
from copydesk.options import ParseOptions
from copydesk.record import Source

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Islamabad: Heavy rain cut off {n} mountain villages in the north, officials said.\n"


def _docs(n: int) -> list[Document]:
    return [
        Document(TEXT.format(n=i).encode(), Source(path=f"doc-{i}.txt", format="text"), "text")
        for i in range(n)
    ]


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def get(self) -> Any:
        return self.value


class _InlinePool:
    """A pool that runs each task at once, so the test sees what the parent keeps in flight."""

    def apply_async(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> _Done:
        return _Done(fn(*args))


def test_pages_in_flight_are_capped() -> None:
    pulled = 0

    def counted() -> Iterator[Document]:
        nonlocal pulled
        for doc in _docs(40):
            pulled += 1
            yield doc

    most, seen = 0, []
    records = local._pooled(_InlinePool(), ParseOptions(), counted(), chunksize=3, window=2)  # type: ignore[arg-type]
    for article in records:
        seen.append(article.source.path)
        most = max(most, pulled - len(seen))
    assert seen == [f"doc-{i}.txt" for i in range(40)]  # all, in order
    assert most < 2 * 3  # never more than window * chunksize pages read and not handed back


@pytest.mark.slow
def test_two_jobs_give_the_same_records_in_order() -> None:
    docs = _docs(20)
    one = [a.to_json() for a in local.parse_parallel(docs, ParseOptions(), jobs=1)]
    two = [a.to_json() for a in local.parse_parallel(docs, ParseOptions(), jobs=2, chunksize=2)]
    assert two == one and len(one) == 20


_PROBE = """
from copydesk.executors.local import _context

# eval is a builtin, so the worker can unpickle the task (a function of this -c script cannot)
LOADED = (
    "(__import__('copydesk.language').language._identifier.cache_info().currsize,"
    " __import__('copydesk.rules.datelines').rules.datelines._gazetteer.cache_info().currsize)"
)
with _context().Pool(1) as pool:
    print(pool.apply(eval, (LOADED,)))
"""


@pytest.mark.slow
def test_workers_start_with_the_tables_loaded() -> None:
    # In a fresh interpreter: this process's fork server may already run without the preload.
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    assert out.stdout.strip() == "(1, 1)"
