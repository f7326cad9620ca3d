"""Evaluate the text structure stage on ../shared/data/text-dev (extracted and fullpage kinds).

    python -m benchmarks.eval_text --data ../shared/data

Body: the Zyte benchmark's 4-token shingle P/R/F1 (leading datelines stripped on both sides).
Fields: exact match after NFKC, straight quotes/dashes, collapsed whitespace, casefold.
Repairs: for every damage the generator injected (``injected`` in gold), whether it was undone.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import copydesk
from benchmarks.baseline_linefilter import filter_lines
from benchmarks.scoring import body_triple, norm_field, prf, strip_dateline, tp_fp_fn


def _flat(text: str) -> str:
    # Soft hyphens are invisible hints that copydesk removes; they must not split words here.
    return " ".join(re.findall(r"\w+", text.replace("\u00ad", ""))).casefold()


def repair_checks(gold: dict, rec: dict) -> dict[str, tuple[int, int]]:
    """Per injected damage kind: (undone, injected)."""
    inj = gold.get("injected") or {}
    body = [_flat(p) for p in rec.get("body") or []]
    joined = "\n".join(body)
    out: dict[str, tuple[int, int]] = {}
    if "repeat" in inj:
        paras = [_flat(gold["body"][i]) for i in inj["repeat"]["paras"] if i < len(gold["body"])]
        # A paragraph the article itself prints more than once (a recurring "See it now" line)
        # may appear as often as the gold has it; only the injected extra copy must go.
        gold_joined = "\n".join(_flat(p) for p in gold["body"])
        ok = sum(1 for p in paras if p and joined.count(p) <= max(1, gold_joined.count(p)))
        out["repeat"] = (ok, len(paras))
    for kind in ("boilerplate",):
        lines = inj.get(kind) or []
        ok = sum(1 for ln in lines if _flat(ln) not in body)
        out[kind] = (ok, len(lines))
    if "credit_line" in inj:
        out["credit_line"] = (int(_flat(inj["credit_line"]) not in body), 1)
    if "breadcrumb" in inj:
        lines = inj["breadcrumb"]["lines"]
        out["breadcrumb"] = (sum(1 for ln in lines if _flat(ln) not in body), len(lines))
    if "wraps" in inj:
        total = ok = 0
        text = "\n".join(rec.get("body") or [])
        for para in inj["wraps"]["paragraphs"]:
            for br in para["breaks"]:
                total += 1
                ok += (
                    f"{br['before']} {br['after']}" in text
                    or f"{br['before']}{br['after']}" in text
                )
        out["wraps"] = (ok, total)
    if "apostrophes" in inj:
        ch = inj["apostrophes"]["char"]
        left = sum(p.count(ch) for p in rec.get("body") or [])
        n = inj["apostrophes"]["count"]
        out["apostrophes"] = (max(0, n - left), n)
    return out


def recurring_kept(gold: dict, rec: dict) -> tuple[int, int]:
    """(copies kept, copies in gold) of the paragraphs the gold body has twice or more: an
    interview's recurring question, a meal plan's "Pre-Workout Meal". `lost_paragraph` and
    the token scores cannot see a copy removed while another one stays."""
    gold_counts = Counter(_flat(p) for p in gold["body"])
    ours = Counter(_flat(p) for p in rec.get("body") or [])
    recurring = {p: n for p, n in gold_counts.items() if p and n >= 2}
    return sum(min(n, ours[p]) for p, n in recurring.items()), sum(recurring.values())


def breaks_kept(gold: dict, rec: dict) -> tuple[int, int]:
    """(kept, all) of the gold's paragraph breaks: a break is lost when one body paragraph
    runs from the end of a gold paragraph into the start of the next (an unwrap that joined
    two real paragraphs). Four words either side, as the wrap check uses three."""
    gold_paras = [p for p in (_flat(p) for p in gold["body"]) if p]
    body = [_flat(p) for p in rec.get("body") or []]
    lost = 0
    for a, b in itertools.pairwise(gold_paras):
        seam = " ".join(a.split()[-4:]) + " " + " ".join(b.split()[:4])
        lost += any(seam in p for p in body)
    total = max(0, len(gold_paras) - 1)
    return total - lost, total


def lost_paragraph(gold: dict, rec: dict) -> bool:
    """Whether a gold paragraph is missing from the body (a leading dateline stripped from both,
    as the body metric does)."""
    body = " ".join(_flat(p) for p in rec.get("body") or [])
    first, *rest = gold["body"] or [""]
    paras = [_flat(strip_dateline(first)), *(_flat(p) for p in rest)]
    return any(p and p not in body for p in paras)


def evaluate(data: Path) -> dict:
    gold_rows = [
        json.loads(x) for x in (data / "text-dev" / "gold.jsonl").read_text("utf-8").splitlines()
    ]
    results: dict = {}
    for kind in ("extracted", "fullpage"):
        rows = [g for g in gold_rows if g["kind"] == kind]
        triples: dict[str, list] = defaultdict(list)
        fields: Counter[str] = Counter()
        field_n: Counter[str] = Counter()
        repairs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        lost = 0
        recurring = [0, 0]
        breaks = [0, 0]
        started = time.perf_counter()
        for g in rows:
            path = data / "text-dev" / g["file"]
            rec = next(copydesk.parse_files(str(path))).to_dict()
            raw = path.read_text(encoding="utf-8", errors="replace")
            gold_text = strip_dateline("\n\n".join(g["body"]))
            triples["copydesk"].append(body_triple(g["body"], rec["body"]))
            triples["raw text"].append(tp_fp_fn(gold_text, raw))
            kept = [ln for ln in filter_lines(raw.splitlines())]
            triples["C4/Gopher line filter"].append(tp_fp_fn(gold_text, "\n".join(kept)))
            if kind == "extracted":
                for f in ("headline", "standfirst", "credit"):
                    field_n[f] += 1
                    fields[f] += norm_field(rec[f]) == norm_field(g[f])
                field_n["section"] += 1
                fields["section"] += [norm_field(s) for s in rec["section"]] == [
                    norm_field(s) for s in g["section"] or []
                ]
                field_n["dateline"] += 1
                fields["dateline"] += norm_field(
                    (rec["dateline"] or {}).get("place")
                ) == norm_field((g["dateline"] or {}).get("place"))
                for k, (ok, n) in repair_checks(g, rec).items():
                    repairs[k][0] += ok
                    repairs[k][1] += n
                lost += lost_paragraph(g, rec)
            kept, total = recurring_kept(g, rec)
            recurring[0] += kept
            recurring[1] += total
            kept, total = breaks_kept(g, rec)
            breaks[0] += kept
            breaks[1] += total
        elapsed = time.perf_counter() - started
        results[kind] = {
            "docs": len(rows),
            "body": {name: dict(zip("PRF", prf(t), strict=True)) for name, t in triples.items()},
            "fields": {f: fields[f] / field_n[f] for f in field_n},
            "repairs": {k: v[0] / v[1] if v[1] else None for k, v in repairs.items()},
            "repair_counts": dict(repairs),
            "docs_with_lost_paragraph": lost / len(rows) if kind == "extracted" else None,
            "recurring_kept": recurring[0] / recurring[1] if recurring[1] else None,
            "recurring_counts": recurring,
            "breaks_kept": breaks[0] / breaks[1] if breaks[1] else None,
            "breaks_counts": breaks,
            "seconds": elapsed,
        }
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("benchmarks/out/eval_text.json"))
    args = ap.parse_args()
    res = evaluate(args.data)
    for kind, r in res.items():
        print(f"\n== text-dev/{kind} ({r['docs']} docs)")
        for name, s in r["body"].items():
            print(f"  body {name:<24} P {s['P']:.3f}  R {s['R']:.3f}  F1 {s['F']:.3f}")
        for f, v in r["fields"].items():
            print(f"  {f:<12} exact {v:.3f}")
        for k, v in r["repairs"].items():
            print(f"  repaired {k:<12} {v:.3f}  {r['repair_counts'][k]}")
        if r["docs_with_lost_paragraph"] is not None:
            print(f"  docs with a lost body paragraph: {r['docs_with_lost_paragraph']:.3f}")
        if r["breaks_kept"] is not None:
            kept, total = r["breaks_counts"]
            print(f"  paragraph breaks kept: {r['breaks_kept']:.3f}  [{kept}, {total}]")
        if r["recurring_kept"] is not None:
            kept, total = r["recurring_counts"]
            print(f"  recurring paragraphs kept: {r['recurring_kept']:.3f}  [{kept}, {total}]")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
