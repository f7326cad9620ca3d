"""A small store to look at: the seed article, syndicated copies of it and enriched articles.
``python -m copydesk.web.sample OUT.db`` writes it so anyone can try the app without a corpus.

The web tests use it too, with ``hostile=True`` (``--hostile`` on the command line): one more
article whose headline, credit, body and raw input carry markup and script, to prove every page
shows stored text as text. It is left out by default so that a first-time user does not meet an
``alert(...)`` headline from evil.example.

The records are built here, not parsed from a corpus, so entities and quotes are filled in even
before the enrichment stage exists; their spans are found by string search, as that stage would.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from copydesk.record import Article, Removal, Repair, Source

SEED_LINES = [
    "- News>",
    "- Asia",
    "Pak, US step up contacts to defuse tensions",
    "Pak and the US stepped up contacts to defuse tensions triggered by American allegations.",
    "Islamabad: Pakistan and the US today stepped",
    "up contacts to defuse tensions triggered by American allegations that the ISI was waging",
    "a proxy war in Afghanistan, with US envoy Cameron Munter meeting Foreign Secretary",
    "Salman Bashir for the second time in as many days.",
    "Munter met Bashir at the Foreign Ministry to discuss ways to reduce tensions, diplomatic "
    "sources said.",
    '"Both agreed on dialogue, deeper engagement at all levels," Tehmina Janjua said.',
    "Interior Minister Rehman Malik today said Pakistan expects the US to recognise its "
    "sacrifices in the war on terror.",
    "PTI",
    "Munter met Bashir at the Foreign Ministry to discuss ways to reduce tensions, diplomatic "
    "sources said.",
]

BODY = [
    "Pakistan and the US today stepped up contacts to defuse tensions triggered by American "
    "allegations that the ISI was waging a proxy war in Afghanistan, with US envoy Cameron "
    "Munter meeting Foreign Secretary Salman Bashir for the second time in as many days.",
    "Munter met Bashir at the Foreign Ministry to discuss ways to reduce tensions, diplomatic "
    "sources said.",
    '"Both agreed on dialogue, deeper engagement at all levels," Tehmina Janjua said.',
    "Interior Minister Rehman Malik today said Pakistan expects the US to recognise its "
    "sacrifices in the war on terror.",
]

#: (surface text, label, canonical) looked up in every body paragraph.
NAMES = [
    ("Cameron Munter", "PERSON", "Cameron Munter"),
    ("Munter", "PERSON", "Cameron Munter"),
    ("Salman Bashir", "PERSON", "Salman Bashir"),
    ("Bashir", "PERSON", "Salman Bashir"),
    ("Tehmina Janjua", "PERSON", "Tehmina Janjua"),
    ("Rehman Malik", "PERSON", "Rehman Malik"),
    ("ISI", "ORG", "ISI"),
    ("Foreign Ministry", "ORG", "Foreign Ministry"),
    ("Pakistan", "GPE", "Pakistan"),
    ("Afghanistan", "GPE", "Afghanistan"),
]


def entities(body: list[str]) -> list[dict[str, Any]]:
    """Entities with spans for every whole-word occurrence of `NAMES` not inside a longer one."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    taken: dict[int, list[tuple[int, int]]] = {}
    for text, label, canonical in NAMES:
        for para, paragraph in enumerate(body):
            start = paragraph.find(text)
            while start >= 0:
                end = start + len(text)
                free = all(end <= a or start >= b for a, b in taken.get(para, []))
                if free and _whole_word(paragraph, start, end):
                    taken.setdefault(para, []).append((start, end))
                    entry = found.setdefault(
                        (canonical, label),
                        {"text": text, "label": label, "canonical": canonical, "spans": []},
                    )
                    entry["spans"].append({"para": para, "start": start, "end": end})
                start = paragraph.find(text, end)
    return list(found.values())


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def quote(body: list[str], para: int, text: str, speaker: str | None) -> dict[str, Any]:
    start = body[para].index(text)
    span = {"para": para, "start": start, "end": start + len(text)}
    return {"text": text, "speaker": speaker, "kind": "direct", "span": span, "cue": "said"}


def seed(article_id: str, site: str, published: str, body: list[str]) -> Article:
    art = Article(
        id=article_id,
        source=Source(path=f"{site}/pak-us.txt", format="text"),
        language="en",
        section=["News", "Asia"],
        headline="Pak, US step up contacts to defuse tensions",
        standfirst=SEED_LINES[3],
        credit="PTI",
        dateline={"place": "Islamabad"},
        published=published,
        body=list(body),
        site=site,
    )
    art.removed = [
        Removal("- News>", "breadcrumb", 1),
        Removal("- Asia", "breadcrumb", 2),
        Removal(SEED_LINES[12], "duplicate", 13, "repeats line 9"),
    ]
    art.repairs = [Repair("unwrap", 5, "continuation", count=4)]
    art.entities = entities(art.body)
    quoted = '"Both agreed on dialogue, deeper engagement at all levels,"'
    para = next(i for i, p in enumerate(art.body) if quoted in p)
    art.quotes = [quote(art.body, para, quoted, "Tehmina Janjua")]
    return art


def sample_articles(*, hostile: bool = False) -> list[tuple[Article, str]]:
    """(record, raw input) pairs; the three seed copies form one story cluster. ``hostile`` adds
    the article that tests escaping (see the module docstring)."""
    raw = "\n".join(SEED_LINES)
    local = [
        "LAHORE EDITION: Pakistan and the US today stepped up contacts to defuse tensions "
        "triggered by American allegations that the ISI was waging a proxy war in Afghanistan, "
        "with US envoy Cameron Munter meeting Foreign Secretary Salman Bashir again.",
        *BODY[1:],
    ]
    out = [
        (seed("seed0000000000a1", "dawn.example", "2011-09-27", BODY), raw),
        (seed("seed0000000000b2", "tribune.example", "2011-09-28", local), raw),
        (seed("seed0000000000c3", "nation.example", "2011-09-28", BODY[:3]), raw),
    ]
    if hostile:
        out.append((_hostile(), "<script>alert('raw')</script>\nplain line"))
    out.extend(_others())
    return out


def _hostile() -> Article:
    body = [
        "This article contains <script>alert('xss')</script> in its text and "
        '<img src=x onerror="alert(1)"> too; both must render as text.',
        "Rehman Malik was not involved.",
    ]
    art = Article(
        id="hostile000000001",
        source=Source(path="evil.example/x.html", format="text"),
        language="en",
        headline="<script>alert('headline')</script> Hostile markup test",
        published="2011-09-29",
        credit="<b>AP</b>",
        body=body,
        site="evil.example",
    )
    art.entities = entities(body)
    return art


def _others() -> list[tuple[Article, str]]:
    topics = [
        ("Monsoon floods hit Sindh", "Heavy rain flooded Sindh villages, officials said.", "hi"),
        ("Cricket board names new captain", "The cricket board named a new captain.", "en"),
        (
            "Trade talks resume in Kabul",
            "Trade talks between Pakistan and Afghanistan resumed.",
            "en",
        ),
        (
            "Rupee falls against dollar",
            "The rupee fell against the dollar in Karachi trading.",
            "ur",
        ),
    ]
    out = []
    for i, (headline, first, lang) in enumerate(topics):
        body = [
            first,
            f"Rehman Malik said on day {i + 1} that Pakistan would act, the ISI said nothing.",
        ]
        art = Article(
            id=f"other{i:011d}",
            source=Source(path=f"wire/{i}.txt", format="text"),
            language=lang,
            section=["News", "Pakistan" if i % 2 else "Region"],
            headline=headline,
            credit=("Reuters", "IANS")[i % 2],
            published=f"2011-10-0{i + 1}T09:00:00",
            body=body,
            site=("dawn.example", "wire.example")[i % 2],
        )
        art.entities = entities(body)
        said = "Pakistan would act"
        art.quotes = [{**quote(body, 1, said, "Rehman Malik"), "kind": "indirect"}]
        out.append((art, "\n".join([headline, *body])))
    return out


def write_sample(path: str | Path, *, hostile: bool = False) -> Path:
    """Write the sample store at ``path`` (replacing nothing: the path must not exist);
    ``hostile`` adds the escaping test article."""
    from copydesk.store.write import StoreWriter

    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; give a new path")
    writer = StoreWriter(path)
    try:
        run = writer.start_run("sample", ["copydesk.web.sample"])
        pairs = sample_articles(hostile=hostile)
        writer.write_batch([a for a, _ in pairs], run, {a.id: raw for a, raw in pairs})
        writer.finish_run(run, "done")
    finally:
        writer.close()
    return path


def main(argv: list[str] | None = None) -> None:
    """``python -m copydesk.web.sample [OUT.db] [--hostile]``: write the store, print its path."""
    parser = argparse.ArgumentParser(
        prog="python -m copydesk.web.sample", description="Write a small store to try the app."
    )
    parser.add_argument("path", nargs="?", default="sample.db", help="new store file")
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="add an article full of markup and script, to check that pages escape it",
    )
    args = parser.parse_args(argv)
    try:
        print(write_sample(args.path, hostile=args.hostile))
    except FileExistsError as exc:
        parser.exit(2, f"error: {exc} (or remove it to write the sample again)\n")


if __name__ == "__main__":
    main()
