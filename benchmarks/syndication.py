"""A syndication dev set: gold article bodies and their republished copies, deterministic by seed.

Each original (a gold body from ``extraction-dev/*/gold.jsonl`` with at least 80 words) gets:

- ``light`` copies (2 each): the edits a site makes when it republishes wire copy: a new
  headline, a changed dateline + credit prefix, the tail trimmed (keeping >= 60%), a paragraph
  dropped or two reordered, one sentence rewritten, boilerplate added ("Also read", "This story
  has not been edited..."), paragraphs re-wrapped (merged, or hard-wrapped at 60-75 columns);
- a ``heavy`` copy (1 each): the same kinds of edits applied until only 30-50% of the
  original's word 3-grams survive (measured, resampled until it lands in that band).

Run ``python -m benchmarks.syndication --data ../shared/data -o out.jsonl`` to write the set
(one record a line: ``id``, ``group`` (the original's id), ``tier`` (original, light, heavy),
``headline``, ``body``, ``kept_3grams``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

MIN_WORDS = 80
HEAVY_BAND = (0.30, 0.50)
LIGHT_COPIES = 2

DATELINES = ["NEW DELHI", "LONDON", "WASHINGTON", "MUMBAI", "BERLIN", "NAIROBI", "SYDNEY", "PARIS"]
AGENCIES = ["PTI", "Reuters", "AP", "AFP", "IANS", "ANI"]
BOILERPLATE = [
    "Also read: Top stories of the day",
    "Follow us on Twitter and Facebook for the latest updates.",
    "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)",
    "Advertisement",
    "Click here to subscribe to our newsletter.",
    "For more news, download our app.",
]
REWRITES = [
    ("said", "stated"),
    ("says", "states"),
    ("the", "this"),
    ("and", "as well as"),
    ("but", "however"),
    ("has", "had"),
    ("will", "would"),
    ("is", "was"),
    ("of", "from"),
]


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    group: str
    tier: str
    headline: str
    body: list[str]
    kept_3grams: float = 1.0


def load_originals(data: Path) -> list[Item]:
    items = []
    for gold in sorted((data / "extraction-dev").glob("*/gold.jsonl")):
        for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines()):
            rec = json.loads(line)
            body = [p.strip() for p in rec.get("body") or [] if p.strip()]
            if len(" ".join(body).split()) >= MIN_WORDS:
                key = f"{gold.parent.name}-{n:03d}"
                items.append(Item(key, key, "original", rec.get("headline") or "", body))
    return items


def build(data: Path, seed: int = 7) -> list[Item]:
    """Originals and their copies; the same seed always gives the same set."""
    rng = random.Random(seed)
    out: list[Item] = []
    for orig in load_originals(data):
        out.append(orig)
        for k in range(LIGHT_COPIES):
            body = light_edit(orig.body, rng)
            out.append(
                Item(
                    f"{orig.id}-L{k}",
                    orig.id,
                    "light",
                    _headline(orig, rng),
                    body,
                    round(kept(orig.body, body), 3),
                )
            )
        body = heavy_edit(orig.body, rng)
        if body is not None:
            out.append(
                Item(
                    f"{orig.id}-H",
                    orig.id,
                    "heavy",
                    _headline(orig, rng),
                    body,
                    round(kept(orig.body, body), 3),
                )
            )
    return out


def light_edit(body: list[str], rng: random.Random) -> list[str]:
    paras = list(body)
    if len(paras) > 2 and rng.random() < 0.7:  # trim the tail
        paras = paras[: max(1, round(len(paras) * rng.uniform(0.6, 0.95)))]
    if len(paras) > 3 and rng.random() < 0.4:
        del paras[rng.randrange(1, len(paras) - 1)]
    elif len(paras) > 2 and rng.random() < 0.4:
        i = rng.randrange(0, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    paras = _rewrite_sentences(paras, rng, 1)
    paras = _dateline(paras, rng)
    paras = _boilerplate(paras, rng, rng.randint(0, 2))
    return _rewrap(paras, rng)


def heavy_edit(body: list[str], rng: random.Random, tries: int = 40) -> list[str] | None:
    """Edits until 30-50% of the original's 3-grams survive; None when no try lands there."""
    for _ in range(tries):
        paras = list(body)
        keep = rng.uniform(0.35, 0.7)
        if len(paras) > 2:
            paras = paras[: max(1, round(len(paras) * keep))]
            if len(paras) > 3:
                del paras[rng.randrange(1, len(paras) - 1)]
        else:  # one or two long paragraphs: trim by sentences
            sents = _sentences(" ".join(paras))
            paras = [" ".join(sents[: max(2, round(len(sents) * keep))])]
        paras = _rewrite_sentences(paras, rng, rng.randint(2, 5))
        if len(paras) > 2 and rng.random() < 0.5:
            rng.shuffle(paras)
        paras = _dateline(paras, rng)
        paras = _boilerplate(paras, rng, rng.randint(1, 3))
        paras = _rewrap(paras, rng)
        share = kept(body, paras)
        if HEAVY_BAND[0] <= share <= HEAVY_BAND[1]:
            return paras
    return None


def kept(original: list[str], copy: list[str]) -> float:
    """Share of the original's distinct word 3-grams that the copy still has."""
    a, b = _grams(" ".join(original)), _grams(" ".join(copy))
    return len(a & b) / len(a) if a else 0.0


def _grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _rewrite_sentences(paras: list[str], rng: random.Random, count: int) -> list[str]:
    """Rewrite ``count`` sentences: swap function words, drop a clause, move a phrase."""
    paras = list(paras)
    for _ in range(count):
        i = rng.randrange(len(paras))
        sents = _sentences(paras[i])
        if not sents:
            continue
        j = rng.randrange(len(sents))
        words = sents[j].split()
        if len(words) < 6:
            continue
        for a, b in rng.sample(REWRITES, 3):
            words = [b if w == a else w for w in words]
        cut = rng.randrange(2, len(words) - 2)
        if rng.random() < 0.5:
            words = [*words[cut:], ",", *words[:cut]]
        else:
            del words[cut : cut + rng.randint(1, 3)]
        sents[j] = " ".join(words)
        paras[i] = " ".join(sents)
    return paras


def _dateline(paras: list[str], rng: random.Random) -> list[str]:
    if rng.random() < 0.6:
        place, agency = rng.choice(DATELINES), rng.choice(AGENCIES)
        paras = [f"{place} ({agency}) - {paras[0]}", *paras[1:]]
    return paras


def _boilerplate(paras: list[str], rng: random.Random, count: int) -> list[str]:
    paras = list(paras)
    for line in rng.sample(BOILERPLATE, count):
        paras.insert(rng.randrange(1, len(paras) + 1), line)
    return paras


def _rewrap(paras: list[str], rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.3 and len(paras) > 1:  # merge pairs of paragraphs
        return [" ".join(paras[i : i + 2]) for i in range(0, len(paras), 2)]
    if roll < 0.6:  # hard-wrap at a column, as wire feeds do
        width = rng.randint(60, 75)
        return ["\n".join(_wrap(p, width)) for p in paras]
    return paras


def _wrap(text: str, width: int) -> Iterator[str]:
    line: list[str] = []
    for word in text.split():
        if line and len(" ".join([*line, word])) > width:
            yield " ".join(line)
            line = []
        line.append(word)
    if line:
        yield " ".join(line)


def _headline(orig: Item, rng: random.Random) -> str:
    words = orig.headline.split()
    rng.shuffle(words)
    return " ".join(words[: max(3, len(words) - 2)]).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("benchmarks/out/syndication.jsonl")
    )
    args = parser.parse_args()
    items = build(args.data, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    tiers = {t: sum(i.tier == t for i in items) for t in ("original", "light", "heavy")}
    print(f"{len(items)} records written to {args.output}: {tiers}")


if __name__ == "__main__":
    main()
