"""Enrichment speed on one core: articles per second with and without it, and the model's share.

Three timings over the same records, in one run, after a warm-up, in CPU seconds of this one
process (best of ``--rounds``): the parse stage alone (raw
text to record), spaCy alone (``nlp.pipe`` over exactly the texts enrichment gives it, same
components and batch size), and parse + enrichment. Enrichment's own work is enrichment time
minus model time; the target is at most 20% of the model time. Two inputs: the seed article
(its expected record, 287 words with headline and standfirst, repeated; the parse figure is
for its raw text) and the PolNeAR dev articles (84, about 700 words on average).

    PYTHONPATH=src python -m benchmarks.bench_enrich --data ../shared/data
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, as the target says

import argparse  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from copydesk.document import Document  # noqa: E402
from copydesk.options import EnrichOptions, ParseOptions  # noqa: E402
from copydesk.pipeline import parse_document  # noqa: E402
from copydesk.record import Article, Source  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def seed_texts(copies: int) -> list[str]:
    text = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    return [text] * copies


def polnear_texts(data: Path) -> list[str]:
    return [
        p.read_text(encoding="utf-8") for p in sorted((data / "quotes-dev" / "text").glob("*.txt"))
    ]


def parse_all(texts: list[str]) -> list[Article]:
    options = ParseOptions()
    out = []
    for n, text in enumerate(texts):
        doc = Document(text, Source(path=f"bench-{n}.txt"), "text")
        article = parse_document(doc, options).article
        article.language = article.language or "en"
        out.append(article)
    return out


def seed_records(copies: int) -> list[Article]:
    """The seed as the structure stage gives it (its expected record), ``copies`` times."""
    expected = ROOT / "tests" / "fixtures" / "seed-article.expected.json"
    data = json.loads(expected.read_text("utf-8"))
    keep = ("headline", "standfirst", "body", "dateline")
    return [Article(language="en", **{k: data[k] for k in keep}) for _ in range(copies)]


def time_one(
    texts: list[str], options: EnrichOptions, rounds: int, records: list[Article] | None = None
) -> dict[str, float]:
    """Best of ``rounds`` CPU times (``time.process_time``) per step: on a shared machine, wall
    time measures the neighbours; the CPU time of this one process measures the code.

    ``records`` (when given) are enriched instead of the parsed ``texts``.
    """
    from copydesk.enrich import enrich_records, load_model
    from copydesk.enrich.segments import article_pieces, chunk_pieces

    nlp = load_model(options.model, quotes=options.quotes)
    best = {"parse": float("inf"), "model": float("inf"), "enrich": float("inf")}
    for _ in range(rounds):
        started = time.process_time()
        parsed = parse_all(texts)
        best["parse"] = min(best["parse"], time.process_time() - started)
        parsed = records or parsed
        model_input = [c.text for a in parsed for c in chunk_pieces(article_pieces(a))]
        started = time.process_time()
        for _ in nlp.pipe(model_input, batch_size=options.batch_size):
            pass
        best["model"] = min(best["model"], time.process_time() - started)
        batch = copy.deepcopy(parsed)
        started = time.process_time()
        for _ in enrich_records(batch, options):
            pass
        best["enrich"] = min(best["enrich"], time.process_time() - started)
    words = [len(c.split()) for c in model_input]
    n, t = len(texts), best
    return {
        "articles": n,
        "words_per_article": round(sum(words) / max(1, n)),
        "parse_only_per_s": round(n / t["parse"], 1),
        "parse_and_enrich_per_s": round(n / (t["parse"] + t["enrich"]), 1),
        "enrich_per_s": round(n / t["enrich"], 1),
        "model_alone_per_s": round(n / t["model"], 1),
        "model_share_of_enrich": round(t["model"] / t["enrich"], 3),
        "overhead_over_model": round((t["enrich"] - t["model"]) / t["model"], 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--model", default="auto")
    ap.add_argument("--copies", type=int, default=100, help="seed copies")
    ap.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    args = ap.parse_args()
    options = EnrichOptions(model=args.model)
    time_one(seed_texts(5), options, 1)  # warm-up: model load, dateparser, country tables
    seed = time_one(seed_texts(args.copies), options, args.rounds, seed_records(args.copies))
    results: dict[str, Any] = {"seed": seed}
    data = Path(args.data)
    if (data / "quotes-dev").is_dir():
        results["polnear_dev"] = time_one(polnear_texts(data), options, args.rounds)
    keys = list(next(iter(results.values())).keys())
    print(f"{'':<24}" + "".join(f"{k:>14}" for k in results))
    for k in keys:
        print(f"{k:<24}" + "".join(f"{results[s][k]:>14}" for s in results))
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_enrich.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
