"""Progress bars and closing summaries shared by the long-running commands."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from copydesk.errors import error_kind, error_where, kinds_text
from copydesk.readers import ReadStats
from copydesk.record import Article


def stderr_console() -> Console:
    """Messages are not re-wrapped: a path broken over two lines cannot be copied or grepped
    (the terminal still wraps long lines where it shows them)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(console: Console, exc: BaseException) -> None:
    """An error message as written: rich would read "[ray]" in it as a style tag and
    print "pip install -e '.'", an install that does not help."""
    console.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False)


def make_progress(console: Console, enabled: bool | None, what: str = "articles") -> Progress:
    """A progress bar with a rate column; hidden when stderr is not a terminal (unless forced)."""
    show = sys.stderr.isatty() if enabled is None else enabled
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} " + what + "/s"),
        TimeElapsedColumn(),
        console=console,
        disable=not show,
        transient=False,
    )


@dataclass
class Tally:
    """Counts for the closing summary: inputs, records, failures by reason, records the readers
    skipped by reason (``read``, filled in by the readers), removals by reason."""

    records: int = 0
    failed: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    #: kind -> where the first failure of that kind is (the summary names it)
    first_failure: dict[str, str] = field(default_factory=dict)
    removed: Counter[str] = field(default_factory=Counter)
    inputs: set[str] = field(default_factory=set)
    read: ReadStats = field(default_factory=ReadStats)

    def add(self, article: Article) -> None:
        self.records += 1
        self.inputs.add(article.source.path or article.source.url or "")
        for item in article.removed:
            self.removed[item.reason] += 1
        if article.failures:
            self.failed += 1
            kind = error_kind(article.failures[0])
            self.failures[kind] += 1
            self.first_failure.setdefault(kind, error_where(article.failures[0]))

    @property
    def skipped(self) -> int:
        return sum(self.read.skipped.values())

    def summary(self) -> str:
        ok = self.records - self.failed
        inputs = self.read.inputs or len(self.inputs)  # the readers know the inputs that gave none
        head = f"{inputs} input(s), {self.records} record(s): {ok} ok, {self.failed} with errors"
        if self.skipped:
            head += f", {self.skipped} skipped (not articles)"
        if self.read.excluded or self.read.excluded_folders:
            head += f"; {excluded_text(self.read)}"
        parts = [head]
        if self.skipped:
            parts.append(
                "skipped: " + ", ".join(f"{r} ×{n}" for r, n in self.read.skipped.most_common())
            )
        if self.failures:
            parts.append("errors: " + kinds_text(self.failures, self.first_failure, 6))
        if self.removed:
            parts.append("removed: " + ", ".join(f"{r} {n}" for r, n in self.removed.most_common()))
        return "\n".join(parts)


def excluded_text(read: ReadStats) -> str:
    """ "3 input(s) and 1 folder(s) excluded by --exclude"."""
    parts = [f"{read.excluded} input(s)"] if read.excluded else []
    parts += [f"{read.excluded_folders} folder(s)"] if read.excluded_folders else []
    return " and ".join(parts) + " excluded by --exclude"


def no_input(read: ReadStats) -> str:
    """What to print when no input was read at all (an input that was read, even an empty
    one, gives a record)."""
    excluded = read.excluded or read.excluded_folders
    why = f"{excluded_text(read)}, none left" if excluded else "nothing matched"
    return f"[red]no input found[/red]: check the paths ({why})"
