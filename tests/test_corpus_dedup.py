"""The dedup pieces: MinHash, LSH keys, the key index, confirmation, clusters, the stage."""

from __future__ import annotations

import numpy as np

from copydesk.corpus import DedupSettings, MemoryIndex, dedup_records, fingerprint, match_batch
from copydesk.corpus import textkeys as fp
from copydesk.corpus.clusters import Member, UnionFind, canonical, components
from copydesk.corpus.lsh import KeyIndex, band_keys
from copydesk.corpus.minhash import EMPTY, make_permutations, signatures
from copydesk.corpus.verify import Text, confirm, containment, jaccard
from copydesk.record import Article

STORY = (
    "The central bank raised its benchmark rate by 25 basis points on Wednesday, citing "
    "persistent inflation in services. Governor Maria Lopez said further increases were "
    "possible if wage growth stayed above 4 percent. Markets had expected the move after "
    "weeks of strong data. The currency rose 0.8 percent against the dollar in early trading. "
    "Analysts at three banks said the decision signalled a hawkish turn for the rest of the "
    "year. The next policy meeting is scheduled for the second week of December."
)
OTHER = (
    "Heavy rain flooded dozens of villages in the northern province over the weekend, "
    "officials said, forcing thousands of families to leave their homes. Rescue teams used "
    "boats to reach people stranded on rooftops. The weather office warned that more storms "
    "were likely in the coming days and asked residents to stay alert."
)
SETTINGS = DedupSettings()


def _sig(text: str, n_perm: int = 128) -> np.ndarray:
    sh = fp.shingle_hashes(fp.token_hashes(fp.tokens(text)), 3)
    return signatures([sh], make_permutations(n_perm))[0]


def test_minhash_estimates_jaccard() -> None:
    a, b = STORY, STORY.replace("Wednesday", "Thursday").replace("December", "January")
    true = jaccard(Text.of(a).shingles(3), Text.of(b).shingles(3))
    est = float(np.mean(_sig(a, 256) == _sig(b, 256)))
    assert abs(est - true) < 0.12
    assert float(np.mean(_sig(STORY) == _sig(OTHER))) < 0.1


def test_signatures_are_deterministic_and_empty_text_has_no_keys() -> None:
    assert (_sig(STORY) == _sig(STORY)).all()
    sigs = signatures([np.empty(0, dtype=np.uint64)], make_permutations(16))
    assert (sigs == EMPTY).all()
    assert (band_keys(sigs, 4, 4) == 0).all()


def test_equal_bands_give_equal_keys_and_bands_differ() -> None:
    sigs = np.stack([_sig(STORY), _sig(STORY), _sig(OTHER)])
    keys = band_keys(sigs, 8, 4)
    assert (keys[0] == keys[1]).all()
    assert not (keys[0] == keys[2]).any()
    assert len(set(band_keys(np.zeros((1, 16), np.uint32), 4, 4)[0].tolist())) == 4


def test_key_index_merges_and_caps_postings() -> None:
    index = KeyIndex()
    index.add(np.array([5, 7, 0], dtype=np.int64), np.array([1, 1, 1]))
    index.add(np.array([5], dtype=np.int64), np.array([2]))
    assert index.lookup(np.array([5, 7, 9]))[5] == [1, 2]
    index._merge()
    assert index.lookup(np.array([7]))[7] == [1]
    assert 0 not in index.lookup(np.array([0]))
    assert 5 not in index.lookup(np.array([5]), max_postings=1)


def test_confirm_signals() -> None:
    story = Text.of(STORY)
    assert confirm(story, Text.of(STORY.upper()), SETTINGS).signal == "exact"
    near = Text.of(STORY.replace("early trading", "Asian trading"))
    assert confirm(story, near, SETTINGS).signal == "near"
    trimmed = Text.of(
        "WIRE COPY: " + STORY.split(". Markets")[0] + ". Subscribe to our newsletter today."
    )
    verdict = confirm(story, trimmed, SETTINGS)
    assert verdict is not None and verdict.signal == "syndicated"
    assert confirm(story, Text.of(OTHER), SETTINGS) is None


def test_templated_reports_with_other_facts_are_not_copies() -> None:
    a = (
        "There were seven grain ships loading and six ships were waiting to load at Portland, "
        "according to the Portland Merchants Exchange."
    )
    b = a.replace("seven", "six", 1)
    assert jaccard(Text.of(a).shingles(5), Text.of(b).shingles(5)) > 0.6
    assert confirm(Text.of(a), Text.of(b), SETTINGS) is None


def test_containment_sees_a_trimmed_copy_whole() -> None:
    full = Text.of(STORY).shingles(3)
    part = Text.of(STORY[: len(STORY) // 2]).shingles(3)
    assert containment(full, part) == 1.0
    assert jaccard(full, part) < 0.6


def test_union_find_and_components() -> None:
    uf = UnionFind()
    uf.union(1, 2)
    uf.union(3, 4)
    uf.union(2, 4)
    assert uf.find(1) == uf.find(3)
    assert components([(1, 2), (5, 6), (2, 3)]) == [[1, 2, 3], [5, 6]]


def test_canonical_rule() -> None:
    long_late = Member(1, 100, "2024-01-02")
    long_early = Member(2, 97, "2024-01-01")
    short_earliest = Member(3, 50, "2023-12-31")
    assert canonical([long_late, long_early, short_earliest]).ref == 2
    credited = Member(4, 100, None, "PTI")
    bare = Member(5, 100, None, None)
    assert canonical([bare, credited]).ref == 4
    assert canonical([Member(7, 10), Member(6, 10)]).ref == 6


def test_stage_fills_duplicate_fields() -> None:
    recs = [
        Article(id="a", body=[STORY]),
        Article(id="b", body=[OTHER]),
        Article(id="c", body=[STORY.upper()]),
        Article(id="d", body=[STORY.split(". Markets")[0] + "."]),
    ]
    out = {r.id: r for r in dedup_records(recs, SETTINGS)}
    assert out["a"].duplicate_of is None and out["a"].cluster == "a"
    assert out["c"].duplicate_of == "a" and out["c"].meta["dedup"]["signal"] == "exact"
    assert out["d"].duplicate_of == "a" and out["d"].meta["dedup"]["signal"] == "syndicated"
    assert out["b"].cluster is None and out["b"].duplicate_of is None


def test_incremental_matching_equals_one_batch() -> None:
    texts = [STORY, OTHER, STORY.upper(), OTHER + " More to follow later today from the scene."]
    perms = __import__("copydesk.corpus.dedup", fromlist=["x"]).permutations(SETTINGS)
    whole = match_batch(
        fingerprint(texts, SETTINGS, perms), [0, 1, 2, 3], MemoryIndex(SETTINGS), SETTINGS
    )
    index = MemoryIndex(SETTINGS)
    first = fingerprint(texts[:2], SETTINGS, perms)
    assert match_batch(first, [0, 1], index, SETTINGS) == []
    index.add(first, [0, 1])
    later = match_batch(fingerprint(texts[2:], SETTINGS, perms), [2, 3], index, SETTINGS)
    assert {(lk.a, lk.b, lk.signal) for lk in whole} == {(lk.a, lk.b, lk.signal) for lk in later}
    assert {(lk.a, lk.b) for lk in later} == {(2, 0), (3, 1)}


def _copies(n: int) -> list[str]:
    """``n`` edited copies of one story: each drops a different sentence."""
    sents = STORY.split(". ")
    return [". ".join(s for k, s in enumerate(sents) if k != i % len(sents)) for i in range(n)]


def test_a_copy_is_compared_with_one_member_of_a_joined_cluster(monkeypatch) -> None:
    """Copies 1..4 all match copy 0; once 1..3 are joined to it, copy 4 needs one comparison,
    not four, and its one link still puts it in the cluster."""
    import copydesk.corpus.dedup as dedup

    calls: list[tuple[str, str]] = []
    real = dedup.confirm

    def counting(a: Text, b: Text, settings: DedupSettings, common=None):  # type: ignore[no-untyped-def]
        calls.append((a.raw, b.raw))
        return real(a, b, settings, common)

    monkeypatch.setattr(dedup, "confirm", counting)
    texts = _copies(5)
    perms = dedup.permutations(SETTINGS)
    index = MemoryIndex(SETTINGS)
    first = fingerprint(texts[:4], SETTINGS, perms)
    index.join(match_batch(first, [0, 1, 2, 3], index, SETTINGS))
    index.add(first, [0, 1, 2, 3])
    calls.clear()
    links = match_batch(fingerprint(texts[4:], SETTINGS, perms), [4], index, SETTINGS)
    assert len(calls) == 1 and len(links) == 1
    index.join(links)
    assert index.joined.groups() == [[0, 1, 2, 3, 4]]


def test_skipping_joined_candidates_keeps_the_clusters_of_full_verification() -> None:
    recs = [Article(id=f"s{i}", body=[t]) for i, t in enumerate(_copies(6))]
    recs.insert(3, Article(id="other", body=[OTHER]))
    out = dedup_records(recs, SETTINGS)
    clusters = {r.id: r.cluster for r in out}
    assert clusters.pop("other") is None
    assert set(clusters.values()) == {"s0"}
    full = [
        (i, j)
        for i in range(len(recs))
        for j in range(i)
        if confirm(Text.of(recs[i].text), Text.of(recs[j].text), SETTINGS) is not None
    ]
    assert components(full) == [[0, 1, 2, 4, 5, 6]]  # the same cluster, every pair checked


def test_an_index_loaded_from_blocks_equals_one_built_by_adding() -> None:
    rng = np.random.default_rng(5)
    blocks = [(rng.integers(-50, 50, 400), np.arange(k * 400, (k + 1) * 400)) for k in range(6)]
    added = KeyIndex()
    for keys, refs in blocks:
        added.add(keys, refs)
    loaded = KeyIndex.from_blocks(blocks)
    probe = np.arange(-50, 50)
    assert loaded.lookup(probe) == added.lookup(probe)  # same refs per key, in the same order
    assert len(loaded) == len(added) == sum(int((k != 0).sum()) for k, _ in blocks)


QUOTED = [
    '"The detention powers are incompatible with human rights law," the judges said in their '
    "ruling, which was delivered in the House of Lords on Thursday morning.",
    "The nine men, most of them held at Belmarsh prison in south London for three years, "
    "have never been charged with any offence or told the evidence against them.",
]


def test_a_follow_up_quoting_the_same_lines_is_not_a_copy() -> None:
    # found by a tester: four BBC reports on one ruling were clustered as syndicated copies
    ruling = [
        "Nine foreign terror suspects held without trial have won their appeal in the Lords. "
        "Seven law lords ruled by eight to one that their detention broke human rights law.",
        *QUOTED,
        "Lawyers for the men said they would now seek their immediate release from custody. "
        "Campaigners called the judgment a landmark for civil liberties in Britain.",
        "The government had argued that the powers were needed after the attacks of 2001. "
        "Ministers must now decide whether to change the law or hold the men another way.",
    ]
    reply = [
        "The home secretary has defended the detentions and said the laws would stay for now. "
        "Charles Clarke told MPs that he would study the judgment carefully before acting.",
        *QUOTED,
        "Opposition parties said the government must act on the ruling without delay. "
        "The Liberal Democrats called for the men to be charged or released at once.",
        "Mr Clarke said the security services would keep watching the men in any case. "
        "He added that new legislation could be brought before Parliament in the spring.",
    ]
    settings = DedupSettings()
    a, b = ("\n\n".join(p) for p in (ruling, reply))
    assert confirm(Text.of(a), Text.of(b), settings) is None
    # the same story trimmed, under a dateline, keeps its lede: a copy
    copy = "\n\n".join(["LONDON (Reuters) - " + ruling[0], *QUOTED])
    verdict = confirm(Text.of(a), Text.of(copy), settings)
    assert verdict is not None and verdict.signal in ("syndicated", "near")
