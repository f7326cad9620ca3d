"""Site furniture sets: stories under a site's footer full of names and numbers, deterministic by
seed (the known failure of the story check, and the syndication trap of its fix).

- ``short``: the first paragraph of each syndication-set original, as a one-paragraph story,
  under the 3-paragraph footer of one of `SITES` sites (an "about us" block, a disclaimer with
  a company number and a phone line, the site's programmes with presenters and times). No two
  are copies: every predicted pair is a false one.
- ``syndicated``: the syndication set (`benchmarks.syndication`) with each original and copy
  printed by a random site, under its footer: a wire story on many sites, where every
  paragraph of the story and of each footer is common.
"""

from __future__ import annotations

import random

from benchmarks.syndication import Item

SITES = 6
_FIRST = ["Thomas", "Margaret", "Daniel", "Sarah", "James", "Priya", "Tom", "Ana", "Kwame", "Ines"]
_LAST = ["Whitfield", "Osei", "Kowalski", "Lindqvist", "Adeyemi", "Raman", "Baxter", "Ferreira"]
_PLACES = ["Toronto", "Leeds", "Adelaide", "Durban", "Cork", "Halifax", "Dunedin", "Pune"]
_STATIONS = ["CRGZ", "KBXR", "WNTV"]
_SHOWS = ["Morning Report", "The Business Hour", "Weekend Edition", "Night Desk", "Money Talk"]


def footer(rng: random.Random, site: int) -> list[str]:
    """One site's three furniture paragraphs."""

    def name() -> str:
        return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"

    paper, place = f"The {rng.choice(_PLACES)} Courier {site}", rng.choice(_PLACES)
    return [
        f"{paper} was founded in {rng.randint(1850, 1990)} by {name()} and {name()} and is "
        f"owned by {rng.choice(_LAST)} Media Group, which also publishes {rng.randint(3, 40)} "
        f"other titles across {place} and {rng.choice(_PLACES)}, reaching "
        f"{rng.randint(2, 9)}.{rng.randint(1, 9)} million readers each week.",
        f"{rng.choice(_LAST)} Media Group Ltd is registered in {place} under company number "
        f"{rng.randint(1000000, 9999999)}. Opinions expressed by columnists are their own. "
        f"Editor-in-chief {name()} can be reached at 1-800-555-{rng.randint(1000, 9999)} or "
        f"at the newsroom, {rng.randint(2, 300)} King Street West, {place}.",
        "Related programmes: "
        + "; ".join(
            f"{show} with {name()} at {rng.randint(5, 11)} a.m. on {rng.choice(_STATIONS)} "
            f"{rng.randint(88, 107)}.{rng.randint(1, 9)} FM"
            for show in rng.sample(_SHOWS, 3)
        )
        + ".",
    ]


def build(items: list[Item], seed: int = 7) -> tuple[list[Item], list[Item]]:
    """The ``short`` and ``syndicated`` sets (see the module docstring)."""
    rng = random.Random(seed)
    footers = [footer(rng, site) for site in range(SITES)]
    short = [
        Item(f"{i.id}-S", f"{i.id}-S", "original", i.headline, [i.body[0], *footers[n % SITES]])
        for n, i in enumerate(it for it in items if it.tier == "original")
        if len(i.body[0].split()) >= 15
    ]
    syndicated = [
        Item(i.id, i.group, i.tier, i.headline, [*i.body, *rng.choice(footers)], i.kept_3grams)
        for i in items
    ]
    return short, syndicated
