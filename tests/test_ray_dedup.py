"""Cluster-scale dedup and ``ingest --executor ray``: the same store as the local executor.

The per-group steps are checked without Ray; the whole path runs on the local cluster that
test_ray_parse.py starts (2 CPUs, 200 MB of object store)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from copydesk.corpus import dedup as local_dedup
from copydesk.corpus.clusters import components as union_find
from copydesk.corpus.dedup import fingerprint, permutations
from copydesk.corpus.settings import DedupSettings
from copydesk.executors import dedup_batches as steps
from copydesk.executors import star_components as star
from copydesk.executors.dedup_batches import Batch
from copydesk.options import ParseOptions
from test_corpus_story_keys import GAZETTE, HARBOUR, STORIES, WIRE
from test_ray_parse import make_inputs, ray_cluster  # noqa: F401  (the shared cluster fixture)

# -- the steps, without Ray ----------------------------------------------------------------------


def _star_rounds(edges: list[tuple[int, int]]) -> dict[int, int]:
    """The Ray rounds of `star.components`, run here with a dict as the groupby."""

    def grouped(rows: dict, fn) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
        groups: dict[int, list[int]] = {}
        for u, v in zip(rows["u"].tolist(), rows["v"].tolist(), strict=True):
            groups.setdefault(u, []).append(v)
        out: list[tuple[int, int]] = []
        for u, vs in groups.items():
            res = fn({"u": np.full(len(vs), u), "v": np.asarray(vs)})
            out.extend(zip(res["u"].tolist(), res["v"].tolist(), strict=True))
        return sorted(set(out))

    def cols(pairs: list[tuple[int, int]]) -> dict:
        return {"u": np.asarray([p[0] for p in pairs]), "v": np.asarray([p[1] for p in pairs])}

    current = sorted(set(zip(*star.smaller_last(cols(edges)).values(), strict=True)))
    for _ in range(20):
        big = grouped(star.both_directions(cols(current)), star.large_star)
        nxt = grouped(star.smaller_last(cols(big)), star.small_star)
        if nxt == current:
            break
        current = nxt
    return {u: v for u, v in current}


def test_star_contraction_finds_the_components() -> None:
    rng = np.random.default_rng(7)
    edges = [(int(a), int(b)) for a, b in rng.integers(1, 60, size=(45, 2)) if a != b]
    edges += [(100 + i, 101 + i) for i in range(12)]  # a long path: the slow case
    labels = _star_rounds(edges)
    for group in union_find(edges):
        assert {labels.get(r, r) for r in group} == {group[0]}


def test_hub_keys_propose_nothing_past_max_postings() -> None:
    group = {"kind": np.asarray([steps.BAND] * 5), "ref": np.asarray([9, 3, 5, 7, 1])}
    pairs = steps.bucket_pairs(group, max_postings=2)
    assert sorted(zip(pairs["a"].tolist(), pairs["b"].tolist(), strict=True)) == [
        (3, 1),
        (5, 1),
        (5, 3),
    ]
    exact = steps.bucket_pairs({**group, "kind": np.asarray([steps.EXACT] * 5)}, 2)
    assert sorted(zip(exact["a"].tolist(), exact["b"].tolist(), strict=True)) == [
        (3, 1),
        (5, 1),
        (7, 1),
        (9, 1),
    ]


def test_an_exact_copy_is_compared_with_its_twin_only() -> None:
    group = {
        "a": np.asarray([9] * 4),
        "b": np.asarray([4, 4, 2, 6]),
        "exact": np.asarray([0, 0, 0, 1]),
    }
    assert steps.pick_candidates(group, 50)["b"].tolist() == [6]
    no_twin = {**group, "exact": np.zeros(4, dtype=np.int64)}
    assert steps.pick_candidates(no_twin, 1)["b"].tolist() == [4]  # most shared keys first


def test_equal_votes_go_to_the_key_local_matching_meets_first() -> None:
    """Two of a site's stories tie with a copy on votes; the copy shares a band key (position
    3), the stories sentence keys only (positions 40 and 41): the copy is taken first, as
    local matching meets it first, though the stories came earlier."""
    tied = {
        "a": np.asarray([9] * 3),
        "b": np.asarray([1, 2, 5]),
        "exact": np.zeros(3, dtype=np.int64),
        "pos": np.asarray([40, 41, 3]),
    }
    assert steps.pick_candidates(tied, 2)["b"].tolist() == [5, 1]
    rows = steps.bucket_pairs(  # a document holding the key twice proposes at its first place
        {
            "kind": np.asarray([steps.SENTENCE] * 3),
            "ref": np.asarray([7, 2, 7]),
            "pos": np.asarray([44, 0, 41]),
        },
        max_postings=200,
    )
    assert (rows["a"].tolist(), rows["b"].tolist(), rows["pos"].tolist()) == ([7], [2], [41])


def _grouped_candidates(texts: list[str], settings: DedupSettings) -> dict[int, list[int]]:
    """The candidates the Ray steps choose for each text (refs from 1), with dicts as the
    count and banding groupbys."""
    rows = steps.paragraph_rows({"text": np.asarray(texts, dtype=object)})
    holders: dict[int, set[int]] = {}
    for h, e in zip(rows["hash"].tolist(), rows["exact"].tolist(), strict=True):
        holders.setdefault(h, set()).add(e)
    common = sorted(h for h, es in holders.items() if len(es) >= settings.boilerplate_docs)
    blank = np.asarray([""] * len(texts), dtype=object)
    records = {"ref": np.arange(1, len(texts) + 1), "id": blank, "text": np.asarray(texts, object)}
    sigs = steps.signature_batch(
        {**records, "published": blank, "credit": blank}, settings, np.asarray(common, np.int64)
    )
    keys = steps.key_batch(sigs)
    buckets: dict[tuple[int, int], list[int]] = {}
    for n, bucket in enumerate(zip(keys["kind"].tolist(), keys["key"].tolist(), strict=True)):
        buckets.setdefault(bucket, []).append(n)
    proposed: dict[int, list[Batch]] = {}
    for at in buckets.values():
        group = {k: keys[k][at] for k in ("kind", "ref", "pos")}
        pairs = steps.bucket_pairs(group, settings.max_postings)
        for a in np.unique(pairs["a"]).tolist():
            proposed.setdefault(a, []).append({k: v[pairs["a"] == a] for k, v in pairs.items()})
    out = {}
    for a, parts in proposed.items():
        group = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
        out[a] = steps.pick_candidates(group, settings.max_candidates)["b"].tolist()
    return out


def test_the_ray_steps_choose_the_candidates_local_matching_chooses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the story keys and the order of equal votes, the Ray steps propose what local
    matching of one batch proposes (max_candidates 2: the Gazette's stories outvote the
    Harbour Times copy without the story keys)."""
    settings = DedupSettings(max_candidates=2)
    texts = [
        *("\n\n".join([s, *HARBOUR]) for s in STORIES[3:]),
        "\n\n".join(["TORONTO (Reuters) - " + WIRE[0], *WIRE[1:], *HARBOUR]),
        *("\n\n".join([s, *GAZETTE]) for s in STORIES[:3]),
        "\n\n".join([*WIRE, *GAZETTE]),
    ]
    chosen: dict[int, list[int]] = {}

    def spy(batch, refs, todo, index, settings):  # type: ignore[no-untyped-def]
        chosen.update({refs[i]: cands for i, cands in todo if cands})
        return []

    monkeypatch.setattr(local_dedup, "_confirm_all", spy)
    index = local_dedup.MemoryIndex(settings)
    index.count(texts)
    refs = list(range(1, len(texts) + 1))
    local_dedup.match_batch(
        fingerprint(texts, settings, permutations(settings)), refs, index, settings
    )
    assert _grouped_candidates(texts, settings) == chosen
    assert 3 in chosen[len(texts)]  # the Gazette's copy compares the Harbour Times copy


# -- on the local cluster ------------------------------------------------------------------------


def _store(db: Path) -> tuple[list, list]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT rowid, id, cluster, duplicate_of, words, exact_hash FROM articles "
            "ORDER BY rowid"
        ).fetchall()
        links = conn.execute("SELECT a, b, signal, score FROM links ORDER BY a, b").fetchall()
    finally:
        conn.close()
    return rows, links


def _same_clusters(ray_db: Path, local_db: Path) -> None:
    """Ray records every confirmed link, local ingest a spanning set (it skips candidates
    already in the document's cluster): same records and clusters, and every local link is one
    of Ray's with the same signal and score."""
    rows, links = _store(ray_db)
    local_rows, local_links = _store(local_db)
    assert rows == local_rows  # same records, clusters and canonical copies
    assert set(local_links) <= set(links)
    assert {a for a, *_ in local_links} == {a for a, *_ in links}  # every copy justified


def _bbc_subset(data_dir: Path, folder: Path, pairs: int = 40, fillers: int = 80) -> Path:
    """Files of the first silver near-duplicate pairs plus unrelated fillers (a few hundred)."""
    base = data_dir / "dedup-dev" / "bbc_fulltext"
    names: set[str] = set()
    with (base / "silver_near_dup_pairs.jsonl").open(encoding="utf-8") as fh:
        for line, _ in zip(fh, range(pairs), strict=False):
            pair = json.loads(line)
            names.update((pair["file_a"], pair["file_b"]))
    names.update(f"tech/{p.name}" for p in sorted((base / "tech").glob("*.txt"))[:fillers])
    folder.mkdir()
    for name in sorted(names):
        shutil.copy(base / name, folder / name.replace("/", "_"))
    return folder


@pytest.mark.ray
@pytest.mark.slow
def test_ray_ingest_gives_the_local_store(
    ray_cluster: object,  # noqa: F811
    data_dir: Path,
    tmp_path: Path,
) -> None:
    from copydesk.executors.ray_ingest import ingest_on_ray
    from copydesk.store.ingest import ingest

    inputs = [str(_bbc_subset(data_dir, tmp_path / "in"))]
    local = ingest(inputs, tmp_path / "local.db", ParseOptions(), batch_size=100)
    report = ingest_on_ray(inputs, tmp_path / "ray.db", ParseOptions(), workers=2, batch_size=100)
    assert (report.stored, report.duplicates) == (local.stored, local.duplicates)
    assert local.duplicates > 20  # the subset really holds copies
    rows, links = _store(tmp_path / "ray.db")
    _same_clusters(tmp_path / "ray.db", tmp_path / "local.db")
    again = ingest_on_ray(inputs, tmp_path / "ray.db", ParseOptions(), workers=2)
    assert (again.stored, again.skipped) == (0, local.stored)  # a rerun resumes, adds nothing
    assert _store(tmp_path / "ray.db") == (rows, links)


@pytest.mark.ray
@pytest.mark.slow
def test_star_contraction_on_ray_equals_union_find(
    ray_cluster: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    import ray.data

    from copydesk.corpus.settings import DedupSettings
    from copydesk.executors.ray_dedup import dedup_on_ray

    texts = []
    for i in range(40):  # 8 stories, each printed 5 times with a changed closing line
        story = " ".join(
            f"Story {i % 8} sentence {s} tells how the harbour board met." for s in range(12)
        )
        desk = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"[i]
        texts.append(f"{story} This copy was filed by desk {desk * 3} today.")
    items = [
        {"ref": i + 1, "id": f"doc{i}", "text": t, "published": "", "credit": ""}
        for i, t in enumerate(texts)
    ]
    found = dedup_on_ray(ray.data.from_items(items, override_num_blocks=4), DedupSettings(), 2)
    clusters = {r["ref"]: r["cluster"] for r in found.clusters.take_all()}
    assert len(clusters) == 40 and len(set(clusters.values())) == 8
    edges = found.links.select_columns(["a", "b"]).rename_columns({"a": "u", "b": "v"})
    labels = {r["ref"]: r["root"] for r in star.components(edges, 2).take_all()}
    pairs = [(r["a"], r["b"]) for r in found.links.take_all()]
    assert labels == {ref: group[0] for group in union_find(pairs) for ref in group}


@pytest.mark.ray
def test_a_store_with_earlier_runs_is_matched_here(
    ray_cluster: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    from copydesk.executors.ray_ingest import ingest_on_ray
    from copydesk.store.ingest import ingest

    first = make_inputs(tmp_path / "a", 10)
    ingest(first, tmp_path / "c.db", ParseOptions())
    make_inputs(tmp_path / "b", 12)
    report = ingest_on_ray([str(tmp_path / "b")], tmp_path / "c.db", ParseOptions(), workers=2)
    assert report.stored == 12
    assert any("earlier runs" in w for w in report.warnings)


def _copies(folder: Path) -> list[str]:
    """Wire stories reprinted with changed tails, exact reprints and trimmed copies: every
    signal the dedup knows, without the dev sets."""
    folder.mkdir()
    words = ["harbour", "board", "council", "river", "market"]
    words += ["school", "bridge", "station", "hospital", "library"]
    for i in range(36):
        topic = words[i % 9]
        story = "\n\n".join(
            f"The {topic} committee said on day {s} that the {topic} plans would go ahead "
            f"after a long {words[(s + i % 9) % 10]} review by the city."
            for s in range(10)
        )
        tail = "\n\nEditing by the desk." if 9 <= i < 18 else ""  # 18-26 reprint 0-8 exactly
        if i >= 27:  # trimmed copies: the first six paragraphs only
            story = "\n\n".join(story.split("\n\n")[:6])
        (folder / f"wire-{i:03d}.txt").write_text(story + tail + "\n", encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


@pytest.mark.ray
def test_ray_ingest_equals_local_on_every_signal(
    ray_cluster: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    from copydesk.executors.ray_ingest import ingest_on_ray
    from copydesk.store.ingest import ingest

    inputs = _copies(tmp_path / "in")
    local = ingest(inputs, tmp_path / "local.db", ParseOptions(), batch_size=10)
    ingest_on_ray(inputs, tmp_path / "ray.db", ParseOptions(), workers=2, batch_size=10)
    _, links = _store(tmp_path / "ray.db")
    assert {signal for _, _, signal, _ in links} == {"exact", "near", "syndicated"}
    assert local.duplicates > 20  # copies were found, so the comparison means something
    _same_clusters(tmp_path / "ray.db", tmp_path / "local.db")


def _footers(folder: Path) -> list[str]:
    """A wire story printed by two sites, each under its own three-paragraph footer, after
    the sites' own stories (so the footers are common): the shape of the furniture benchmark
    (`benchmarks.furniture`), with the Gazette's stories ahead of the copy in its votes."""
    folder.mkdir()
    files = {
        "a-harbour": [[s, *HARBOUR] for s in STORIES[3:]],
        "b-harbour-wire": [["TORONTO (Reuters) - " + WIRE[0], *WIRE[1:], *HARBOUR]],
        "c-gazette": [[s, *GAZETTE] for s in STORIES[:3]],
        "d-gazette-wire": [[*WIRE, *GAZETTE]],
    }
    for name, bodies in files.items():
        for i, body in enumerate(bodies):
            text = "\n\n".join([f"Headline {name} {i}", *body]) + "\n"
            (folder / f"{name}-{i}.txt").write_text(text, encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def _keys(db: Path) -> list[tuple[str, int, int]]:
    """The store's band and sentence keys as sorted (kind, key, ref)."""
    conn = sqlite3.connect(db)
    try:
        blocks = conn.execute("SELECT kind, keys, refs FROM index_blocks").fetchall()
    finally:
        conn.close()
    out = []
    for kind, keys, refs in blocks:
        pairs = zip(np.frombuffer(keys, np.int64), np.frombuffer(refs, np.int64), strict=True)
        out += [(kind, int(k), int(r)) for k, r in pairs]
    return sorted(out)


@pytest.mark.ray
def test_copies_under_site_footers_cluster_on_ray_as_locally(
    ray_cluster: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Ray makes the story keys local ingest makes (`copydesk.corpus.storykeys`): the copies
    meet though each site's own stories, sharing its footer's keys, take the candidates."""
    from copydesk.corpus.settings import DedupSettings
    from copydesk.executors.ray_ingest import ingest_on_ray
    from copydesk.store.ingest import ingest

    settings = DedupSettings(max_candidates=2)
    inputs = _footers(tmp_path / "in")
    ingest(inputs, tmp_path / "local.db", ParseOptions(), settings)
    ingest_on_ray(inputs, tmp_path / "ray.db", ParseOptions(), settings, workers=2)
    _same_clusters(tmp_path / "ray.db", tmp_path / "local.db")
    with sqlite3.connect(tmp_path / "ray.db") as conn:
        clusters = dict(conn.execute("SELECT source_path, cluster FROM articles"))
    assert len(clusters) == 7
    wire = [c for path, c in clusters.items() if "wire" in path]
    assert len(wire) == 2 and wire[0] == wire[1] is not None
    assert sum(c is not None for c in clusters.values()) == 2  # the sites' stories stay apart
    assert _keys(tmp_path / "ray.db") == _keys(tmp_path / "local.db")  # story keys stored too
