"""Entity and alias accuracy on the small hand-made gold set in benchmarks/data.

For every gold mention form (see benchmarks/data/README.md): *found* when an entity with an
accepted label lists the form among its mentions; *canonical right* when that entity's
canonical form is the gold one. Alias accuracy is canonical accuracy over the forms whose
canonical differs from the surface (surnames, acronyms, country short forms and demonyms).
Precision: share of predicted distinct (form, label) pairs, for the labels the gold covers, that
are gold forms. The peer in the same run is the spaCy model alone (its entity spans and labels,
canonical = the span text).

    PYTHONPATH=src python -m benchmarks.eval_entities --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchmarks.eval_quotes import to_article
from copydesk.options import EnrichOptions

GOLD = Path(__file__).resolve().parent / "data" / "entities-gold.jsonl"
OUT = Path(__file__).resolve().parent / "out"
LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LAW"})

Entities = list[dict[str, Any]]


def score(gold: list[dict[str, Any]], predicted: list[Entities]) -> dict[str, float]:
    c = dict.fromkeys(("forms", "found", "canon", "aliases", "alias_ok", "pred", "pred_ok"), 0)
    for doc, ents in zip(gold, predicted, strict=True):
        forms = {(g["mention"], lab) for g in doc["entities"] for lab in g["labels"]}
        for g in doc["entities"]:
            hits = [e for e in ents if e["label"] in g["labels"] and g["mention"] in e["mentions"]]
            right = any(e["canonical"] == g["canonical"] for e in hits)
            c["forms"] += 1
            c["found"] += bool(hits)
            c["canon"] += right
            if g["mention"] != g["canonical"]:
                c["aliases"] += 1
                c["alias_ok"] += right
        pairs = {(m, e["label"]) for e in ents if e["label"] in LABELS for m in e["mentions"]}
        c["pred"] += len(pairs)
        c["pred_ok"] += len(pairs & forms)
    ratio = lambda a, b: round(c[a] / c[b], 3) if c[b] else 0.0  # noqa: E731
    return {
        "entity_recall": ratio("found", "forms"),
        "entity_precision": ratio("pred_ok", "pred"),
        "canonical_accuracy": ratio("canon", "forms"),
        "alias_accuracy": ratio("alias_ok", "aliases"),
        **{f"n_{k}": v for k, v in c.items()},
    }


def model_alone(nlp: Any, text: str) -> Entities:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for ent in nlp(text).ents:
        entry = groups.setdefault(
            (ent.text, ent.label_), {"label": ent.label_, "canonical": ent.text, "mentions": []}
        )
        entry["mentions"] = [ent.text]
    return list(groups.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--model", default="auto")
    args = ap.parse_args()
    from copydesk.enrich import enrich_records, load_model

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    root = Path(args.data) / "quotes-dev" / "text"
    texts = [(root / f"{g['file']}.txt").read_text(encoding="utf-8") for g in gold]
    articles = [to_article(t, None)[0] for t in texts]
    ours = [a.entities for a in enrich_records(articles, EnrichOptions(model=args.model))]
    nlp = load_model(args.model)
    results = {
        "copydesk": score(gold, ours),
        "spacy_alone": score(gold, [model_alone(nlp, t) for t in texts]),
        "docs": len(gold),
    }
    keys = ["entity_recall", "entity_precision", "canonical_accuracy", "alias_accuracy"]
    print(f"{'metric':<20}{'copydesk':>12}{'spacy alone':>14}")
    for k in keys:
        print(f"{k:<20}{results['copydesk'][k]:>12.3f}{results['spacy_alone'][k]:>14.3f}")
    OUT.mkdir(exist_ok=True)
    (OUT / "eval_entities.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
