"""The seed article: the canonical single-document check (examples/seed-article.*)."""

from __future__ import annotations

from collections import Counter

import copydesk


def test_seed_matches_expected(seed_text: str, seed_expected: dict) -> None:
    rec = copydesk.parse(seed_text)
    assert rec.ok, rec.errors
    assert rec.section == seed_expected["section"]
    assert rec.headline == seed_expected["headline"]
    assert rec.standfirst == seed_expected["standfirst"]
    assert (rec.dateline or {}).get("place") == seed_expected["dateline"]["place"]
    assert rec.credit == seed_expected["credit"]
    assert rec.body == seed_expected["body"]
    assert dict(Counter(r.reason for r in rec.removed)) == seed_expected["removed_reasons"]
    kinds = {r.kind for r in rec.repairs}
    assert set(seed_expected["repairs_include"]) <= kinds


def test_seed_is_stable_when_reparsed_from_bytes(seed_text: str) -> None:
    from_text = copydesk.parse(seed_text)
    from_bytes = copydesk.parse(seed_text.encode("utf-8"))
    assert from_bytes.body == from_text.body
    assert from_bytes.headline == from_text.headline


def test_seed_with_windows_line_endings(seed_text: str, seed_expected: dict) -> None:
    rec = copydesk.parse(seed_text.replace("\n", "\r\n"))
    assert rec.body == seed_expected["body"]
    assert rec.headline == seed_expected["headline"]
