"""Key version 2: the vectorised normalisation, token hash, shingles and MinHash give the same
keys whatever the batch, and old stores are migrated to them."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import xxhash
from hypothesis import given
from hypothesis import strategies as st

from copydesk.corpus import DedupSettings, tokhash
from copydesk.corpus import minhash as mh
from copydesk.corpus import textkeys as fp
from copydesk.corpus.dedup import minhash_batch, permutations
from copydesk.record import Article, Source
from copydesk.store import StoreWriter

TEXTS = [
    "The central bank raised its benchmark rate by 25 basis points on Wednesday. Governor "
    "Maria Lopez said further increases were possible!\n\nMarkets rose 0.8% (the most since "
    'May). "We expected it," one trader said... Analysts at three banks agreed.',
    "Café owners in Zürich — ÉTÉ 2024 — paid ﬁve ＦＵＬＬＷＩＤＴＨ francs; naïve façade_test.",
    "",
    "   ...   ",
    "one two",
    "Heavy rain flooded dozens of villages in the northern province over the weekend, "
    "officials said, forcing thousands of families to leave their homes.",
]


def _old_tokens(text: str) -> list[str]:
    return fp._WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@pytest.mark.parametrize("text", TEXTS)
def test_normalise_equals_joined_tokens(text: str) -> None:
    assert fp.normalise(text) == " ".join(_old_tokens(text))
    assert fp.tokens(text) == _old_tokens(text)


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_keys_did_not_change(text: str) -> None:
    """Stored sentence keys stay valid: the same hashes as version 1 computed them."""
    old = [
        fp._signed(xxhash.xxh3_64_intdigest(" ".join(words).encode("utf-8")))
        for words in fp.sentences(text)
    ]
    assert fp.sentence_hashes(text) == list(dict.fromkeys(old))


def test_token_hash_depends_on_the_token_only() -> None:
    norms = ["a bb ccc a", "ccc a", "ab ba b a"]
    hashes, counts = tokhash.token_hashes_joined(norms)
    assert counts.tolist() == [4, 2, 4]
    by_token: dict[str, set[int]] = {}
    for token, h in zip(" ".join(norms).split(), hashes.tolist(), strict=True):
        by_token.setdefault(token, set()).add(h)
    assert all(len(v) == 1 for v in by_token.values())
    assert len({next(iter(v)) for v in by_token.values()}) == len(by_token)


def test_batch_shingles_match_per_text_shingles() -> None:
    norms = [fp.normalise(t) for t in TEXTS]
    values, lengths = tokhash.batch_shingles(norms, 5)
    start = 0
    for norm, length in zip(norms, lengths.tolist(), strict=True):
        tokens, _ = tokhash.token_hashes_joined([norm])
        assert values[start : start + length].tolist() == fp.shingle_hashes(tokens, 5).tolist()
        start += length
    assert start == len(values)


def test_signatures_do_not_depend_on_batch_or_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    norms = [fp.normalise(t) for t in TEXTS * 5]
    perms = permutations(DedupSettings())
    whole = minhash_batch(norms, DedupSettings(), perms)
    monkeypatch.setattr(mh, "CHUNK_CELLS", 400)
    monkeypatch.setattr(tokhash, "GROUP_BYTES", 64)
    for size in (1, 3, 7):
        parts = [
            minhash_batch(norms[i : i + size], DedupSettings(), perms)
            for i in range(0, len(norms), size)
        ]
        assert np.array_equal(np.concatenate(parts), whole)
    assert (whole[2] == mh.EMPTY).all()  # the empty text
    values, lengths = tokhash.batch_shingles(norms, 5)
    pieces = np.split(values, np.cumsum(lengths)[:-1])
    assert np.array_equal(mh.signatures(pieces, perms), whole)


def _articles(texts: list[str], prefix: str) -> list[Article]:
    return [
        Article(id=f"{prefix}{i}", body=[t], source=Source(path=f"{prefix}/{i}"))
        for i, t in enumerate(texts)
    ]


def test_version_1_store_is_migrated_to_current_keys(tmp_path: Path) -> None:
    texts = [t for t in TEXTS if fp.normalise(t)]
    old_db, new_db = tmp_path / "old.db", tmp_path / "new.db"
    writer = StoreWriter(old_db, replace(DedupSettings(), keys=1))
    writer.write_batch(_articles(texts, "d"), writer.start_run("t", []))
    writer.close()
    with sqlite3.connect(old_db) as conn:  # make it look as version 1 of copydesk left it
        shape = {k: v for k, v in DedupSettings().index_shape().items() if k != "keys"}
        conn.execute("UPDATE settings SET value = ?", (json.dumps(shape, sort_keys=True),))
        conn.execute("PRAGMA user_version = 1")
    writer = StoreWriter(new_db)
    writer.write_batch(_articles(texts, "d"), writer.start_run("t", []))
    writer.close()
    migrated = StoreWriter(old_db)  # would refuse the old shape without the migration
    fresh = StoreWriter(new_db)
    try:
        assert np.array_equal(np.sort(migrated.bands.keys), np.sort(fresh.bands.keys))
        assert np.array_equal(migrated.sketch.keys, fresh.sketch.keys)
        copy = _articles([texts[0].replace("Wednesday", "Tuesday")], "copy")
        result = migrated.write_batch(copy, migrated.start_run("t", []))
        assert result.duplicates == 1
    finally:
        migrated.close()
        fresh.close()


def _number_contexts_by_scan(words: list[str]) -> dict[tuple[str, str], str]:
    """The plain left-to-right scan `textkeys.number_contexts` must agree with."""

    def is_number(w: str) -> bool:
        return w in fp.NUMBER_WORDS if w.isalpha() else any(ch.isdigit() for ch in w)

    out: dict[tuple[str, str], str] = {}
    i, n = 0, len(words)
    while i < n:
        if not is_number(words[i]):
            i += 1
            continue
        j = i
        while j < n and is_number(words[j]):
            j += 1
        out.setdefault((words[i - 1] if i else "", words[j] if j < n else ""), "".join(words[i:j]))
        i = j
    return out


@given(
    st.lists(
        st.sampled_from(["the", "ships", "7", "seven", "2", "000", "x1", "million", "²", "12.5"])
        | st.text(max_size=4),
        max_size=14,
    )
)
def test_number_slots_match_a_plain_scan(words: list[str]) -> None:
    assert fp.number_contexts(words) == _number_contexts_by_scan(words)
