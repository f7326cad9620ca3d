"""Quotes on PolNeAR dev: direct-quote span P/R, speaker accuracy, indirect attribution P/R.

Scoring (../shared/data/README.md): gold direct quotes are attributions whose Content contains
a quotation mark (" “ ”); a predicted direct quote is right when it overlaps any gold Content
span (precision) and a gold direct quote is found when a predicted direct quote overlaps it
(recall). Speaker: a predicted direct quote overlapping a gold direct quote is right when the
predicted speaker shares a name word with that gold Source (ours: the canonical speaker or the
words of the speaker phrase; textacy: its speaker tokens). Indirect: gold attributions without
quotation marks, against our ``kind == "indirect"`` quotes, by overlap likewise. One annotation
file per article (the first in sorted order). textacy 0.13 ``direct_quotations`` runs on the
same model in the same run as the baseline; a document on which it raises counts as no quotes.

    PYTHONPATH=src python -m benchmarks.eval_quotes --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copydesk.options import EnrichOptions
from copydesk.record import Article

QUOTE_MARKS = ('"', "“", "”")
STOPWORDS = frozenset({"the", "a", "an", "of", "and", "s", "mr", "mrs", "ms", "dr"})
OUT = Path(__file__).resolve().parent / "out"

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class Gold:
    content: Spans
    source: str
    direct: bool
    cue: str = ""


@dataclass(slots=True)
class Pred:
    spans: Spans
    speaker_words: set[str] = field(default_factory=set)
    kind: str = "direct"


def load_article(text_path: Path, ann_dir: Path) -> tuple[str, list[Gold]] | None:
    anns = sorted(ann_dir.glob(text_path.stem + "_*.ann"))
    if not anns:
        return None
    text = text_path.read_text(encoding="utf-8")
    return text, parse_brat(anns[0].read_text(encoding="utf-8"), text)


def parse_brat(ann: str, text: str) -> list[Gold]:
    spans: dict[str, Spans] = {}
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, label_spans, _ = line.split("\t", 2)
            parts = label_spans.split(" ", 1)[1]
            spans[tid] = [(int(a), int(b)) for a, b in (p.split() for p in parts.split(";"))]
    out: list[Gold] = []
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(r.split(":") for r in line.split("\t")[1].split() if ":" in r)
        content = spans.get(roles.get("Content", ""), [])
        if not content:
            continue
        source = " ".join(text[a:b] for a, b in spans.get(roles.get("Source", ""), []))
        content_text = "".join(text[a:b] for a, b in content)
        cue = " ".join(text[a:b] for a, b in spans.get(roles.get("Cue", ""), []))
        out.append(Gold(content, source, any(m in content_text for m in QUOTE_MARKS), cue))
    return out


def to_article(text: str, published: str | None) -> tuple[Article, list[int], int]:
    """The raw text as a record: first line the headline, blocks between blank lines the body."""
    first_end = text.find("\n") if "\n" in text else len(text)
    body, offsets = [], []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text[first_end:]):
        body.append(m.group(0))
        offsets.append(first_end + m.start())
    article = Article(headline=text[:first_end], body=body, language="en", published=published)
    return article, offsets, 0


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if w not in STOPWORDS}


def our_predictions(article: Article, offsets: list[int]) -> list[Pred]:
    out: list[Pred] = []
    for q in article.quotes:
        raw = [
            (base + s["start"], base + s["end"])
            for s in q.get("spans") or [q["span"]]
            if (
                base := offsets[s["para"]] if "para" in s else 0 if s["field"] == "headline" else -1
            )
            >= 0
        ]
        if raw:
            who = words(q.get("speaker")) | words(q.get("speaker_text"))
            out.append(Pred(raw, who, q["kind"]))
    return out


def textacy_predictions(nlp: Any, text: str) -> tuple[list[Pred], bool]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(nlp(text)))
    except Exception:  # textacy raises on unbalanced quote marks: counts as no quotes
        return [], False
    out = []
    for t in triples:
        spans = [(t.content.start_char, t.content.end_char)] if t.content else []
        if hasattr(t.content, "__iter__") and not spans:
            spans = [(min(x.idx for x in t.content), max(x.idx + len(x) for x in t.content))]
        out.append(Pred(spans, words(" ".join(tok.text for tok in t.speaker))))
    return out, True


def overlaps(a: Spans, b: Spans) -> bool:
    return any(min(e1, e2) > max(s1, s2) for s1, e1 in a for s2, e2 in b)


def score(golds: list[list[Gold]], preds: list[list[Pred]]) -> dict[str, float]:
    c = dict.fromkeys(
        ("pd", "pd_ok", "gd", "gd_found", "spk", "spk_ok", "pi", "pi_ok", "gi", "gi_found"), 0
    )
    for gold, pred in zip(golds, preds, strict=True):
        direct = [p for p in pred if p.kind == "direct"]
        indirect = [p for p in pred if p.kind == "indirect"]
        for p in direct:
            c["pd"] += 1
            c["pd_ok"] += any(overlaps(p.spans, g.content) for g in gold)
            hits = [g for g in gold if g.direct and g.source and overlaps(p.spans, g.content)]
            if hits:
                c["spk"] += 1
                c["spk_ok"] += any(p.speaker_words & words(g.source) for g in hits)
        for g in gold:
            if g.direct:
                c["gd"] += 1
                c["gd_found"] += any(overlaps(p.spans, g.content) for p in direct)
            else:
                c["gi"] += 1
                c["gi_found"] += any(overlaps(p.spans, g.content) for p in indirect)
        for p in indirect:
            c["pi"] += 1
            c["pi_ok"] += any(overlaps(p.spans, g.content) for g in gold)
    ratio = lambda a, b: round(c[a] / c[b], 3) if c[b] else 0.0  # noqa: E731
    return {
        "direct_precision": ratio("pd_ok", "pd"),
        "direct_recall": ratio("gd_found", "gd"),
        "speaker_accuracy": ratio("spk_ok", "spk"),
        "indirect_precision": ratio("pi_ok", "pi"),
        "indirect_recall": ratio("gi_found", "gi"),
        **{f"n_{k}": v for k, v in c.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--model", default="auto")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    root = Path(args.data) / "quotes-dev"
    meta = _metadata(root / "metadata.tsv")
    from copydesk.enrich import enrich_records, load_model

    load_model(args.model)  # fails early, naming the extra to install
    articles, golds, offsets, texts = [], [], [], []
    for path in sorted((root / "text").glob("*.txt")):
        loaded = load_article(path, root / "attributions")
        if loaded is None:
            continue
        text, gold = loaded
        article, offs, _ = to_article(text, meta.get(path.stem))
        articles.append(article), golds.append(gold), offsets.append(offs), texts.append(text)
    started = time.perf_counter()
    enriched = list(enrich_records(articles, EnrichOptions(model=args.model)))
    ours = [our_predictions(a, o) for a, o in zip(enriched, offsets, strict=True)]
    results = {"copydesk": score(golds, ours), "seconds_copydesk": time.perf_counter() - started}
    if not args.no_baseline:
        started = time.perf_counter()
        plain = _stock_model(args.model)  # textacy as users run it: the model as shipped
        base = [textacy_predictions(plain, t) for t in texts]
        results["textacy"] = score(golds, [p for p, _ in base])
        results["textacy"]["docs_raising"] = sum(not ok for _, ok in base)
        results["seconds_textacy"] = time.perf_counter() - started
    results["docs"] = len(texts)
    _report(results)


def _stock_model(name: str) -> Any:
    import spacy

    from copydesk.enrich import AUTO_MODELS

    for candidate in AUTO_MODELS if name == "auto" else (name,):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise SystemExit(f"no spaCy model {name} installed")


def _metadata(path: Path) -> dict[str, str]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    head = rows[0]
    return {
        r[head.index("filename")]: r[head.index("publication_date")]
        for r in rows[1:]
        if len(r) == len(head)
    }


def _report(results: dict[str, Any]) -> None:
    keys = [
        "direct_precision",
        "direct_recall",
        "speaker_accuracy",
        "indirect_precision",
        "indirect_recall",
    ]
    systems = [s for s in ("copydesk", "textacy") if s in results]
    print(f"{'metric':<20}" + "".join(f"{s:>12}" for s in systems))
    for k in keys:
        print(f"{k:<20}" + "".join(f"{results[s][k]:>12.3f}" for s in systems))
    OUT.mkdir(exist_ok=True)
    (OUT / "eval_quotes.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
