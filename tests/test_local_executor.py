"""The local executor: pages in flight are capped, records keep input order, and the workers
get the read-only tables from the fork server instead of loading their own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
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


def _pulled_ahead(docs: list[Document], chunksize: int, bound: local._Bound) -> int:
    """Run `_pooled` inline and return the most pages read and not yet handed back."""
    pulled = 0

    def counted() -> Iterator[Document]:
        nonlocal pulled
        for doc in docs:
            pulled += 1
            yield doc

    most, seen = 0, []
    work = partial(local.parse_chunk, options=ParseOptions())
    for article in local._pooled(_InlinePool(), work, counted(), chunksize, bound):  # type: ignore[arg-type]
        seen.append(article.source.path)
        most = max(most, pulled - len(seen))
    assert seen == [d.source.path for d in docs]  # all, in order
    return most


def test_pages_in_flight_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "CHUNK_BYTES", 1)  # chunks of exactly `chunksize` pages
    most = _pulled_ahead(_docs(40), 3, local._Bound(pages=6, chunks=1))
    assert 6 - 1 <= most < 6 + 3  # the bound (less the one handed back), never a chunk over


def test_bytes_in_flight_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "CHUNK_BYTES", 1)
    size = len(_docs(1)[0].content)
    most = _pulled_ahead(_docs(40), 2, local._Bound(pages=1000, chunks=1, size=5 * size))
    assert most < 5 + 2


def test_enough_chunks_stay_in_flight_for_every_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "CHUNK_BYTES", 1)
    most = _pulled_ahead(_docs(40), 2, local._Bound(pages=1, chunks=4))
    assert most >= 4 * 2 - 1


def test_short_documents_fill_a_chunk_long_ones_do_not() -> None:
    short = _docs(40)
    chunk, size = local._next_chunk(iter(short), 3)
    assert len(chunk) == 40 and size == sum(len(d.content) for d in short)
    long = [Document(b"x" * local.CHUNK_BYTES, d.source, "text") for d in short]
    chunk, _ = local._next_chunk(iter(long), 3)
    assert len(chunk) == 3
    many = _docs(local.MAX_CHUNK_PAGES + 10)
    assert len(local._next_chunk(iter(many), 3)[0]) == local.MAX_CHUNK_PAGES


def test_a_chunk_of_long_pages_stops_at_its_byte_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "MAX_CHUNK_BYTES", 3 * local.CHUNK_BYTES)
    long = [Document(b"x" * local.CHUNK_BYTES, d.source, "text") for d in _docs(40)]
    chunk, size = local._next_chunk(iter(long), 16)
    assert len(chunk) == 3 and size == 3 * local.CHUNK_BYTES  # not the 16 pages asked for
    huge = [Document(b"x" * 4 * local.CHUNK_BYTES, d.source, "text") for d in _docs(2)]
    assert len(local._next_chunk(iter(huge), 16)[0]) == 1  # a page larger than the cap alone


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


def test_workers_leave_ctrl_c_to_the_parent() -> None:
    # the terminal sends SIGINT to every process of the group; a worker dying of it while the
    # parent terminated the pool could hang the run
    import signal

    code = (
        "import signal\n"
        "from copydesk.executors.local import _start_worker\n"
        "_start_worker(0)\n"
        "assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert res.returncode == 0, res.stderr
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # this process untouched
