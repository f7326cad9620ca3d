"""One error family: every message names the input and says what to do about it."""

from __future__ import annotations

from collections import Counter


class CopydeskError(Exception):
    """Base class of every error copydesk raises on purpose."""


class InputError(CopydeskError):
    """An input that cannot be read or decoded; with ``errors="record"`` it becomes a record."""

    def __init__(self, where: str, problem: str, hint: str = "") -> None:
        self.where = where
        self.problem = problem
        self.hint = hint
        msg = f"{where}: {problem}"
        super().__init__(f"{msg} ({hint})" if hint else msg)


class MissingExtraError(CopydeskError):
    """An optional dependency is not installed: the message names the pip extra."""

    def __init__(self, feature: str, extra: str, module: str, hint: str | None = None) -> None:
        # copydesk installs from its checkout (it is not on PyPI): say the command that works
        install = hint or (
            f"install the {extra} extra: pip install -e '.[{extra}]' in copydesk's checkout "
            "(make demo installs every extra)"
        )
        super().__init__(f"{feature} needs the '{module}' package: {install}")
        self.extra = extra


class UsageError(CopydeskError):
    """The caller asked for something that cannot work (a bad option, a missing file)."""


def error_kind(error: str) -> str:
    """The error's kind without the input's name, so that failures group in a summary; cut at
    a word (it was cut mid-word: "No module named 'readabi")."""
    tail = error.split(": ", 1)[-1].split(" (")[0]
    if len(tail) <= 60:
        return tail
    return tail[:60].rsplit(" ", 1)[0] + "…"


def error_where(error: str) -> str:
    """The input an error names ("in.jsonl:3", "crawl.warc.gz@5120"), or "" when it names none:
    a summary shows where the first failure of each kind is, so the user can look at it."""
    return error.split(": ", 1)[0] if ": " in error else ""


def kinds_with_first(errors: list[str], most: int) -> str:
    """ "kind ×n (first: where)" for the ``most`` commonest kinds of ``errors``."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for error in errors:
        kind = error_kind(error)
        counts[kind] += 1
        first.setdefault(kind, error_where(error))
    return kinds_text(counts, first, most)


def kinds_text(counts: Counter[str], first: dict[str, str], most: int) -> str:
    """ "kind ×n (first: where)" for the ``most`` commonest of ``counts``: the one wording of
    every closing summary's failures, counted at once (`kinds_with_first`) or as records
    stream by (the parse summary)."""
    return ", ".join(
        f"{kind} ×{n}" + (f" (first: {first[kind]})" if first.get(kind) else "")
        for kind, n in counts.most_common(most)
    )
