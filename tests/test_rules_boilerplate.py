"""Boilerplate lines: whole short lines of page furniture, never phrases inside prose."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.rules.boilerplate import MAX_BOILERPLATE_CHARS, is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement - Scroll to continue",
        "Article content",
        "Recommended Videos",
        "Also Read: Pakistan says talks with the US went well",
        "Follow us on Twitter",
        "Follow us on Facebook and Instagram for the latest news",
        "(Click here for more)",
        "Share this article",
        "Comments",
        "Tweet",
        # German
        "Anzeige",
        "Lesen Sie auch: Der Streit um die Rente",
        "Folgen Sie uns auf Twitter",
        "Mehr zum Thema",
        "Externer Inhalt",
        "Link zum YouTube-Inhalt",
        # French
        "Publicité",
        "Lire aussi : la crise du logement",
        "Suivez-nous sur Facebook",
        # Spanish
        "Publicidad",
        "Lee también: el caso del policía",
        "Síguenos en Twitter",
        # Others in the table
        "Leggi anche: il governo",
        "Baca juga: Presiden",
        "Читайте также: новости",
        # Source, reading-time and related-post labels
        "SOURCE: Al Jazeera News",
        "Quellen:",
        "Kilde: Helsenorge.no",
        "Tempo de leitura: 1 minuto",
        "Reading time: 4 minutes",
        "Related post: Pickled Brussels Sprouts Recipe",
        "SEE MORE: Hong Kong protests: 800 students under siege",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Del Monte Foods said on Tuesday",
        "He told followers on Twitter that he would resign.",
        "Shareholders approved the deal.",
        "Teilen sich die Kosten die Länder und der Bund?",
        "Sponsored by the city council, the festival drew large crowds.",
        "Comments from the minister were welcomed by all parties.",
        "More than 200 people died in the floods.",
        "Advertising revenue fell by a fifth in the quarter.",
        "Article content is checked by two editors before it is published.",
        "Readers of the paper wrote in to complain.",
        "Sources say the minister will resign.",
        "See more photos:",  # the Zyte gold keeps a gallery's caption line
        "Source code for the app was leaked on Monday.",
        "Externer Inhalt spielt bei der Bewertung keine Rolle.",
        "",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_long_lines_are_never_boilerplate() -> None:
    line = "Also Read: " + "the minister said the plan would go ahead " * 6
    assert len(line) > MAX_BOILERPLATE_CHARS
    assert not is_boilerplate(line)


def test_boilerplate_is_removed_with_reason_and_prose_kept() -> None:
    text = (
        "Floods cut off mountain villages\n\n"
        "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said.\n\n"
        "Advertisement\n\n"
        "He told followers on Twitter that help was on the way.\n\n"
        "Also Read: Storm season starts early\n\n"
        "Rescue teams were sent by helicopter to reach the worst hit areas.\n"
    )
    rec = copydesk.parse(text)
    removed = {r.text: r.reason for r in rec.removed}
    assert removed == {
        "Advertisement": "boilerplate",
        "Also Read: Storm season starts early": "boilerplate",
    }
    assert "He told followers on Twitter that help was on the way." in rec.body
    assert len(rec.body) == 3


@pytest.mark.parametrize(
    "line",
    [
        "MORE : The daily cartoon by Guy Venables",
        "Related : Ferry strike called off",
        "Tags : Politics",
    ],
)
def test_a_label_with_a_space_before_its_colon_is_furniture(line: str) -> None:
    # Metro's "MORE : <headline>" links; French typography sets the space everywhere
    assert is_boilerplate(line)


def test_prose_with_a_spaced_colon_mid_line_is_kept() -> None:
    assert not is_boilerplate("He wanted more : more money, more time and more staff.")
