"""Extraction quality on ``extraction-dev``: copydesk vs trafilatura, newspaper4k, readability.

    PYTHONPATH=src python -m benchmarks.eval_extraction --data ../shared/data

Every system reads the same pages in the same run. Body text is scored with the Zyte shingle
metric (`benchmarks.scoring`), a leading dateline stripped from gold and prediction; on the
Fundus half gold is ``text_sequence`` (standfirst + sub-headlines + paragraphs), so copydesk's
standfirst goes in front of its body there. Fields are scored where gold has them.
Writes ``benchmarks/out/eval_extraction.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.scoring import FieldScore, body_triple, field_match, prf, same_day, set_f1

HALVES = ("zyte", "fundus")
Pred = dict[str, Any]


def load_half(data: Path, half: str, limit: int | None) -> list[dict[str, Any]]:
    folder = data / "extraction-dev" / half
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()]
    for g in gold:
        g["path"] = str(folder / g["file"])
    return gold[:limit] if limit else gold


def page_bytes(path: str) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def run_copydesk(gold: list[dict[str, Any]]) -> list[Pred]:
    import copydesk

    by_path = {a.source.path: a for a in copydesk.parse_files([g["path"] for g in gold])}
    preds = []
    for g in gold:
        a = by_path[g["path"]]
        preds.append(
            {
                "body": a.body,
                "headline": a.headline,
                "byline": a.byline,
                "published": a.published,
                "standfirst": a.standfirst,
                "errors": a.errors,
            }
        )
    return preds


def _trafilatura(precision: bool) -> Callable[[bytes, str], Pred]:
    def run(html: bytes, url: str) -> Pred:
        from trafilatura import bare_extraction

        doc = bare_extraction(html, url=url, with_metadata=True, favor_precision=precision)
        if doc is None:
            return {"body": ""}
        return {
            "body": doc.text or "",
            "headline": doc.title,
            "byline": [a.strip() for a in (doc.author or "").split(";") if a.strip()],
            "published": doc.date,
            "standfirst": doc.description,
        }

    return run


def _newspaper(html: bytes, url: str) -> Pred:
    from newspaper import Article

    # fetch_images=False: it downloads every image to pick the top one, and with no network
    # each waited for a DNS timeout (why earlier full runs never finished)
    art = Article(url or "http://example.com/", fetch_images=False)
    art.download(input_html=html.decode("utf-8", "replace"))
    art.parse()
    date = art.publish_date.isoformat() if art.publish_date else None
    return {
        "body": art.text,
        "headline": art.title,
        "byline": art.authors,
        "published": date,
        "standfirst": art.meta_description,
    }


def _readability(html: bytes, url: str) -> Pred:
    from lxml import html as lxml_html
    from readability import Document

    doc = Document(html.decode("utf-8", "replace"))
    tree = lxml_html.fromstring(doc.summary())
    for el in tree.iter("p", "h1", "h2", "h3", "h4", "li", "td", "pre", "blockquote", "div", "br"):
        el.tail = "\n" + (el.tail or "")
    return {"body": tree.text_content(), "headline": doc.short_title()}


PEERS: dict[str, Callable[[bytes, str], Pred]] = {
    "trafilatura": _trafilatura(False),
    "trafilatura_precision": _trafilatura(True),
    "newspaper4k": _newspaper,
    "readability": _readability,
}


def run_peer(fn: Callable[[bytes, str], Pred], gold: list[dict[str, Any]]) -> list[Pred]:
    out = []
    for g in gold:
        try:
            out.append(fn(page_bytes(g["path"]), g.get("url") or ""))
        except Exception as exc:
            out.append({"body": "", "errors": [f"{type(exc).__name__}: {exc}"]})
    return out


def score(half: str, gold: list[dict[str, Any]], preds: list[Pred], system: str) -> dict[str, Any]:
    triples, fields = (
        [],
        {k: FieldScore() for k in ("headline", "byline", "published", "standfirst")},
    )
    for g, p in zip(gold, preds, strict=True):
        pred_body = p.get("body") or ""
        if half == "fundus":
            gold_body = g.get("text_sequence") or g["body"]
            if system == "copydesk" and p.get("standfirst"):
                pred_body = [p["standfirst"], *pred_body]
        else:
            gold_body = g.get("articleBody") or g["body"]
        triples.append(body_triple(gold_body, pred_body))
        if g.get("headline"):
            fields["headline"].add(field_match(g["headline"], p.get("headline")))
        if g.get("byline"):
            fields["byline"].add(set_f1(g["byline"], p.get("byline") or []))
        if g.get("published"):
            fields["published"].add(same_day(g["published"], p.get("published")))
        if g.get("standfirst"):
            fields["standfirst"].add(field_match(g["standfirst"], p.get("standfirst")))
    prec, rec, f1 = prf(triples)
    out: dict[str, Any] = {"docs": len(gold), "precision": prec, "recall": rec, "f1": f1}
    out.update({k: v.value for k, v in fields.items()})
    # Per page, in gold order, so that a change can be traced to the pages it moved.
    out["per_doc"] = [
        {
            "file": g["file"],
            "precision": round(t[0] / (t[0] + t[1]), 4) if t[0] + t[1] else 0.0,
            "recall": round(t[0] / (t[0] + t[2]), 4) if t[0] + t[2] else 0.0,
        }
        for g, t in zip(gold, triples, strict=True)
    ]
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each half")
    ap.add_argument("--systems", default="copydesk," + ",".join(PEERS))
    ap.add_argument("--out", type=Path, default=Path("benchmarks/out/eval_extraction.json"))
    args = ap.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    results: dict[str, Any] = {}
    for half in HALVES:
        gold = load_half(args.data, half, args.limit)
        for system in systems:
            started = time.perf_counter()
            preds = run_copydesk(gold) if system == "copydesk" else run_peer(PEERS[system], gold)
            res = score(half, gold, preds, system)
            res["seconds"] = time.perf_counter() - started
            results.setdefault(half, {})[system] = res
    _print(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def _print(results: dict[str, Any]) -> None:
    cols = ("precision", "recall", "f1", "headline", "byline", "published", "standfirst", "seconds")
    for half, systems in results.items():
        print(f"\n{half} ({next(iter(systems.values()))['docs']} pages)")
        print(f"{'system':<22}" + "".join(f"{c:>11}" for c in cols))
        for name, res in systems.items():
            cells = "".join(
                f"{'-':>11}" if res.get(c) is None else f"{res[c]:>11.3f}" for c in cols
            )
            print(f"{name:<22}{cells}")


if __name__ == "__main__":
    main()
