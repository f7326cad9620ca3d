"""Main-content selection from whole rendered pages (text-dev/fullpage), against two peers.

    PYTHONPATH=src python -m benchmarks.eval_fullpage --data ../shared/data

Scores body P/R/F1 (4-token shingles, the Zyte benchmark metric from ``tools/shingle_f1.py``)
per source (zyte, fundus) and overall for:

- ``raw``: every line of the rendering;
- ``c4+gopher``: the baseline line filter (``benchmarks.baseline_linefilter``);
- ``mainblock/blank`` and ``mainblock/line``: the lines ``select_main_content`` keeps, joined
  into paragraphs at blank lines, or one paragraph per line (the metric tokenises ``\\w+`` runs,
  so the two differ only where a shingle would straddle a paragraph break);
- ``mainblock-on-extracted``: the selector applied to the ``extracted`` set only where
  ``looks_like_full_page`` says True, to show it does not damage ordinary article text.

A leading dateline is stripped from prediction and gold alike (the gold already has it moved to
``dateline``; for the prediction the gold's place, followed by a separator, is cut where it
starts a line). Writes ``benchmarks/out/eval_fullpage.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from benchmarks.baseline_linefilter import filter_lines
from copydesk.structure.mainblock import looks_like_full_page, select_main_content

OUT = Path(__file__).resolve().parent / "out" / "eval_fullpage.json"
SOURCES = ("zyte", "fundus")


def load_metric(data: Path) -> ModuleType:
    """The shared scorer itself, so our figures are the ones every other helper reports."""
    spec = importlib.util.spec_from_file_location("shingle_f1", data / "tools" / "shingle_f1.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strip_dateline(text: str, place: str | None) -> str:
    """Cut the gold dateline's place and its separator where it starts a line of the prediction."""
    if not place:
        return text
    pattern = rf"(?im)^\s*{re.escape(place)}[^\n]{{0,60}}?(?::|—|–|--| - )\s*"
    return re.sub(pattern, "", text, count=1)


def paragraphs_at_blanks(lines: list[str]) -> list[str]:
    """Kept lines joined into paragraphs, a blank line ending one."""
    paras: list[str] = []
    cur: list[str] = []
    for line in lines:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


def kept(lines: list[str]) -> list[str]:
    """The lines the selector keeps, blank lines included (they mark paragraph ends)."""
    reasons = select_main_content(lines)
    return [line for line, why in zip(lines, reasons, strict=True) if why is None]


SYSTEMS: dict[str, Callable[[list[str]], list[str]]] = {
    "raw": lambda lines: [x.strip() for x in lines if x.strip()],
    "c4+gopher": lambda lines: filter_lines(lines),
    "mainblock/blank": lambda lines: paragraphs_at_blanks(kept(lines)),
    "mainblock/line": lambda lines: [x.strip() for x in kept(lines) if x.strip()],
}


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def score(metric: ModuleType, rows: list[dict], data: Path, system: Callable) -> dict:
    """P/R/F1 per source and overall for one system over the gold rows."""
    triples: dict[str, list] = {s: [] for s in SOURCES}
    for row in rows:
        place = (row.get("dateline") or {}).get("place")
        pred = "\n\n".join(system(read_lines(data / "text-dev" / row["file"])))
        gold = "\n\n".join(row["body"])
        triple = metric.tp_fp_fn(strip_dateline(gold, place), strip_dateline(pred, place))
        triples[row["source"]].append(triple)
    out = {s: metric.prf(t) for s, t in triples.items()}
    out["all"] = metric.prf([t for s in SOURCES for t in triples[s]])
    return out


def detector_counts(data: Path) -> dict[str, int]:
    """How often looks_like_full_page fires on each set (and on the seed)."""
    counts: dict[str, int] = {}
    for kind in ("fullpage", "extracted"):
        files = sorted((data / "text-dev" / kind).glob("*.txt"))
        counts[f"{kind}_true"] = sum(looks_like_full_page(read_lines(f)) for f in files)
        counts[f"{kind}_files"] = len(files)
    seed = data.parent / "seed" / "seed-article.txt"
    if seed.is_file():
        counts["seed_true"] = int(looks_like_full_page(read_lines(seed)))
    return counts


def guarded(lines: list[str]) -> list[str]:
    """The selector as the pipeline will call it: only where the detector says full page."""
    if not looks_like_full_page(lines):
        return [x.strip() for x in lines if x.strip()]
    return paragraphs_at_blanks(kept(lines))


def timing(data: Path) -> float:
    """Worst milliseconds for select_main_content on a 5,000-line page built from the set."""
    files = sorted((data / "text-dev" / "fullpage").glob("*.txt"))
    big: list[str] = []
    for f in files:
        big.extend(read_lines(f))
        if len(big) >= 5000:
            break
    big = big[:5000]
    start = time.perf_counter()
    select_main_content(big)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    data: Path = args.data
    metric = load_metric(data)
    gold_text = (data / "text-dev" / "gold.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(x) for x in gold_text.splitlines() if x.strip()]
    full = [r for r in rows if r["kind"] == "fullpage"]
    extracted = [r for r in rows if r["kind"] == "extracted"]
    results = {name: score(metric, full, data, fn) for name, fn in SYSTEMS.items()}
    results["raw-on-extracted"] = score(metric, extracted, data, SYSTEMS["raw"])
    results["mainblock-on-extracted"] = score(metric, extracted, data, guarded)
    print(f"{'system':24} " + "  ".join(f"{s:>17}" for s in (*SOURCES, "all")))
    for name, res in results.items():
        cells = "  ".join("P{:.3f} R{:.3f} F{:.3f}".format(*res[s]) for s in (*SOURCES, "all"))
        print(f"{name:24} {cells}")
    counts = detector_counts(data)
    ms = timing(data)
    print("detector:", counts, f" 5000-line page: {ms:.1f} ms")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    figures = {"results": results, "detector": counts, "ms_5000_lines": ms}
    OUT.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
