"""Dedup quality: silver pairs (Reuters-21578, BBC) and the syndication dev set, copydesk vs
datasketch's MinHashLSH at the same threshold, in one run.

``PYTHONPATH=src python -m benchmarks.eval_dedup --data ../shared/data``

Scoring is pairwise: a predicted cluster counts as all its pairs. For the silver sets recall is
the meaningful figure (the pairs are machine-made, J >= 0.7 on word 5-grams; precision is a
lower bound). For the syndication set, true pairs are the original with each of its copies and
the copies among themselves; recall, precision and F1 are reported per tier (a predicted pair
belongs to the tier of its copy) and precision overall. The site furniture sets
(`benchmarks.furniture`) are scored with and without the boilerplate check.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from benchmarks import furniture
from benchmarks.syndication import build as build_syndication
from copydesk.corpus import DedupSettings, dedup_records
from copydesk.corpus.clusters import components
from copydesk.corpus.textkeys import tokens
from copydesk.record import Article

_DOC = re.compile(r'<REUTERS[^>]*NEWID="(\d+)">(.*?)</REUTERS>', re.S)
_TAG = {t: re.compile(rf"<{t}>(.*?)</{t}>", re.S) for t in ("TITLE", "BODY")}


def reuters(folder: Path) -> dict[str, Article]:
    out = {}
    for sgm in sorted(folder.glob("reut2-*.sgm")):
        for newid, inner in _DOC.findall(sgm.read_text(encoding="latin-1")):
            body = _TAG["BODY"].search(inner)
            if not body:
                continue
            title = _TAG["TITLE"].search(inner)
            text = html.unescape(body.group(1)).replace("\x03", "").strip()
            text = re.sub(r"\s*Reuter\s*$", "", text)
            paras = [p.strip() for p in re.split(r"\n\s{3,}", text) if p.strip()]
            out[newid] = Article(
                id=newid, headline=title and html.unescape(title.group(1)), body=paras
            )
    return out


def bbc(folder: Path) -> dict[str, Article]:
    out = {}
    for path in sorted(folder.glob("*/*.txt")):
        lines = path.read_text(encoding="latin-1").splitlines()
        key = f"{path.parent.name}/{path.name}"
        paras = [ln.strip() for ln in lines[1:] if ln.strip()]
        out[key] = Article(id=key, headline=lines[0].strip() if lines else None, body=paras)
    return out


def silver(path: Path, a: str, b: str) -> set[frozenset[str]]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return {frozenset((str(r[a]), str(r[b]))) for r in rows}


def pairs_of(clusters: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for c in clusters for p in combinations(sorted(c), 2)}


def copydesk_clusters(articles: list[Article], settings: DedupSettings) -> list[list[str]]:
    for art in articles:
        art.cluster = art.duplicate_of = None
    groups: dict[str, list[str]] = {}
    for art in dedup_records(articles, settings):
        if art.cluster:
            groups.setdefault(art.cluster, []).append(art.id)
    return list(groups.values())


def datasketch_clusters(
    articles: list[Article], threshold: float, num_perm: int
) -> list[list[str]]:
    """The peer as users run it: MinHash of word 5-grams, MinHashLSH, every candidate a match."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    edges = []
    for n, art in enumerate(articles):
        words = tokens(art.text)
        grams = {" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))}
        mh = MinHash(num_perm=num_perm)
        mh.update_batch(list(grams))
        edges += [(n, int(other)) for other in lsh.query(mh)]
        lsh.insert(str(n), mh)
    return [[articles[i].id for i in comp] for comp in components(edges)]


def score(pred: set[frozenset[str]], true: set[frozenset[str]]) -> dict[str, float]:
    tp = len(pred & true)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(true) if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pairs": len(pred)}


def eval_silver(data: Path, settings: DedupSettings) -> dict:
    out = {}
    sets = {
        "reuters": (reuters(data / "dedup-dev/reuters21578"), "newid_a", "newid_b", "reuters21578"),
        "bbc": (bbc(data / "dedup-dev/bbc_fulltext"), "file_a", "file_b", "bbc_fulltext"),
    }
    for name, (docs, a, b, folder) in sets.items():
        true = silver(data / "dedup-dev" / folder / "silver_near_dup_pairs.jsonl", a, b)
        arts = list(docs.values())
        started = time.perf_counter()
        ours = pairs_of(copydesk_clusters(arts, settings))
        ours_s = time.perf_counter() - started
        started = time.perf_counter()
        peer = pairs_of(datasketch_clusters(arts, settings.near_threshold, settings.num_perm))
        peer_s = time.perf_counter() - started
        missed = sorted(tuple(sorted(p)) for p in true - ours)
        merged = frozenset(("106", "14688")) in ours
        out[name] = {
            "docs": len(arts),
            "silver_pairs": len(true),
            "copydesk": score(ours, true) | {"seconds": round(ours_s, 2)},
            "datasketch": score(peer, true) | {"seconds": round(peer_s, 2)},
            "missed": missed[:40],
            "missed_count": len(missed),
        }
        if name == "reuters":
            out[name]["template_106_14688_merged"] = merged
    return out


def eval_syndication(data: Path, settings: DedupSettings, seed: int) -> dict:
    items = build_syndication(data, seed)
    tier = {i.id: i.tier for i in items}
    group = {i.id: i.group for i in items}
    arts = [Article(id=i.id, headline=i.headline, body=list(i.body)) for i in items]
    members: dict[str, list[str]] = {}
    for i in items:
        members.setdefault(i.group, []).append(i.id)
    true = pairs_of(members.values())
    results = {}
    for name, clusters in (
        ("copydesk", copydesk_clusters(arts, settings)),
        ("datasketch", datasketch_clusters(arts, settings.near_threshold, settings.num_perm)),
    ):
        pred = pairs_of(clusters)
        row = {"overall": score(pred, true)}
        for t in ("light", "heavy"):
            t_true = {p for p in true if _tier(p, tier) == t}
            t_pred = {p for p in pred if _tier(p, tier) == t}
            row[t] = score(t_pred, t_true)
        row["false_pairs"] = [sorted(p) for p in list(pred - true)[:10]]
        results[name] = row
    results["items"] = {
        t: sum(1 for i in items if i.tier == t) for t in ("original", "light", "heavy")
    }
    del group
    return results


def eval_furniture(data: Path, settings: DedupSettings, seed: int) -> dict:
    """The site furniture sets (`benchmarks.furniture`), with the boilerplate check and without
    it (``boilerplate_docs`` past any count): false pairs among one-paragraph stories under
    site footers, and the syndication set printed under those footers."""
    short, syndicated = furniture.build(build_syndication(data, seed), seed)
    tier = {i.id: i.tier for i in syndicated}
    members: dict[str, list[str]] = {}
    for i in syndicated:
        members.setdefault(i.group, []).append(i.id)
    true = pairs_of(members.values())
    out: dict = {"short_stories": len(short), "syndicated_items": len(syndicated)}
    for name, run in (("check", settings), ("off", replace(settings, boilerplate_docs=10**9))):
        arts = [Article(id=i.id, body=list(i.body)) for i in short]
        row: dict = {"short_false_pairs": len(pairs_of(copydesk_clusters(arts, run)))}
        arts = [Article(id=i.id, body=list(i.body)) for i in syndicated]
        pred = pairs_of(copydesk_clusters(arts, run))
        for t in ("light", "heavy"):
            t_true = {p for p in true if _tier(p, tier) == t}
            row[t] = score({p for p in pred if _tier(p, tier) == t}, t_true)
        out[name] = row
    return out


def _tier(pair: frozenset[str], tier: dict[str, str]) -> str:
    """A pair's tier: heavy if either side is a heavy copy, else light if either is light."""
    tiers = {tier[x] for x in pair}
    return "heavy" if "heavy" in tiers else "light" if "light" in tiers else "original"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-silver", action="store_true")
    args = parser.parse_args()
    settings = DedupSettings()
    figures: dict = {"settings": repr(settings)}
    figures["syndication"] = eval_syndication(args.data, settings, args.seed)
    figures["furniture"] = eval_furniture(args.data, settings, args.seed)
    if not args.skip_silver:
        figures["silver"] = eval_silver(args.data, settings)
    _print(figures)
    out = Path("benchmarks/out/eval_dedup.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, default=str))
    print(f"figures written to {out}")


def _print(figures: dict) -> None:
    syn = figures["syndication"]
    print(f"syndication dev set {syn['items']}")
    print(f"{'system':<11} {'tier':<8} {'P':>7} {'R':>7} {'F1':>7} {'pairs':>7}")
    for system in ("copydesk", "datasketch"):
        for t in ("light", "heavy", "overall"):
            s = syn[system][t]
            print(
                f"{system:<11} {t:<8} {s['precision']:>7.4f} {s['recall']:>7.4f} "
                f"{s['f1']:>7.4f} {s['pairs']:>7}"
            )
    fur = figures["furniture"]
    print(f"site furniture: {fur['short_stories']} one-paragraph stories, syndication set")
    for name in ("check", "off"):
        row = fur[name]
        tiers = "  ".join(
            f"{t} P {row[t]['precision']:.4f} R {row[t]['recall']:.4f}" for t in ("light", "heavy")
        )
        print(f"  boilerplate {name:<5} false pairs {row['short_false_pairs']:>5}  {tiers}")
    for name, row in figures.get("silver", {}).items():
        print(f"silver {name}: {row['docs']} docs, {row['silver_pairs']} pairs")
        for system in ("copydesk", "datasketch"):
            s = row[system]
            print(
                f"  {system:<11} P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f} "
                f"pairs {s['pairs']} ({s['seconds']}s)"
            )


if __name__ == "__main__":
    main()
