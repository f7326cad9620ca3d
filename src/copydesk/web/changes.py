"""The "what changed" view: the raw input line by line, each line labelled with what the copy
desk did to it (removed and why, repaired and how, or which field it became).

For plain text, a removal's or repair's ``where`` is the 1-based input line, so the labels are
exact. For HTML the ``where`` is a block of the extracted page, which does not map to lines of
the source; there a line is marked as removed when it contains a removed block's text, and the
full lists of removals and repairs are shown beside it either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from copydesk.record import Article

#: Lines of raw input shown at most (the store keeps up to 200k characters).
MAX_LINES = 3_000
#: Characters of a removed block looked for in an HTML line.
HTML_PROBE = 40
_TAGS = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class RawLine:
    number: int
    text: str
    status: str = "kept"  # kept, removed, repaired, field
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.number, "text": self.text, "status": self.status, "notes": self.notes}


@dataclass(slots=True)
class Changes:
    available: bool  # False when the store has no raw input for the article
    exact: bool  # True when lines are labelled from line numbers (plain text)
    lines: list[RawLine]
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "exact": self.exact,
            "truncated": self.truncated,
            "lines": [line.to_dict() for line in self.lines],
        }


def changes(article: Article, raw: str | None) -> Changes:
    """Label every raw line of ``article``'s input."""
    if raw is None:
        return Changes(False, False, [])
    texts = raw.splitlines()
    lines = [RawLine(i + 1, t) for i, t in enumerate(texts[:MAX_LINES])]
    exact = article.source.format not in ("html", "warc")
    if exact:
        _label_text(article, lines)
    else:
        _label_html(article, lines)
    return Changes(True, exact, lines, truncated=len(texts) > MAX_LINES)


def _label_text(article: Article, lines: list[RawLine]) -> None:
    by_number = {line.number: line for line in lines}
    for removal in article.removed:
        line = by_number.get(removal.where) if isinstance(removal.where, int) else None
        if line is not None:
            line.status = "removed"
            line.notes.append(removal.reason + (f": {removal.detail}" if removal.detail else ""))
    for repair in article.repairs:
        first = repair.where if isinstance(repair.where, int) else None
        if first is None:
            continue
        span = repair.count if repair.kind == "unwrap" else 1
        for number in range(first, first + max(1, span)):
            line = by_number.get(number)
            if line is not None and line.status != "removed":
                line.status = "repaired"
                line.notes.append(
                    _repair_note(repair.kind, repair.rule, repair.before, repair.after)
                )
    _label_fields(article, lines)


def _repair_note(kind: str, rule: str | None, before: str | None, after: str | None) -> str:
    note = kind + (f" ({rule})" if rule else "")
    if before is not None and after is not None:
        note += f": {before!r} → {after!r}"
    return note


def _label_fields(article: Article, lines: list[RawLine]) -> None:
    """Mark kept lines that became a field rather than body text."""
    fields = [
        ("headline", article.headline),
        ("standfirst", article.standfirst),
        ("credit", article.credit),
        *(("byline", name) for name in article.byline),
    ]
    place = (article.dateline or {}).get("place")
    for line in lines:
        if line.status == "removed":
            continue
        text = line.text.strip()
        for name, value in fields:
            if value and (text == value or (name == "byline" and value in text and len(text) < 80)):
                line.notes.insert(0, f"→ {name}")
                line.status = "field" if line.status == "kept" else line.status
                break
        else:
            if place and text.startswith(place) and not any("dateline" in n for n in line.notes):
                line.notes.insert(0, "→ dateline, rest to body")


def _label_html(article: Article, lines: list[RawLine]) -> None:
    probes = [
        (_TAGS.sub(" ", r.text)[:HTML_PROBE].strip(), r.reason)
        for r in article.removed
        if len(r.text.strip()) >= 8
    ]
    for line in lines:
        plain_text = " ".join(_TAGS.sub(" ", line.text).split())
        if not plain_text:
            continue
        for probe, reason in probes:
            if probe and " ".join(probe.split()) in plain_text:
                line.status = "removed"
                line.notes.append(reason)
                break
