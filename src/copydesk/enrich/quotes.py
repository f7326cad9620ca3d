"""Direct quotations found by their marks, in every style, never raising on unbalanced marks.

Marks are paired with a stack per paragraph; only outermost pairs are quotes (a nested quote
stays inside its quote). A quote still open at the end of a paragraph continues when the next
paragraph opens with a quote mark (the news convention for quotes over several paragraphs);
otherwise it ends with its paragraph, so one stray mark costs at most one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copydesk.enrich.segments import Chunk

#: Mark -> (family, role). Families pair only with themselves; role "both" is decided by context.
MARKS: dict[str, tuple[str, str]] = {
    '"': ("double", "both"),
    "“": ("double", "open"),
    "”": ("double", "close"),
    "„": ("double", "open"),
    "‚": ("single", "open"),
    "«": ("guillemet", "open"),
    "»": ("guillemet", "close"),
    "‘": ("single", "open"),
    "’": ("single", "close"),
    "'": ("single", "both"),
    "‹": ("single_guillemet", "open"),
    "›": ("single_guillemet", "close"),
    "「": ("cjk", "open"),
    "」": ("cjk", "close"),
}
#: Low opening marks (German, Polish, ...) and the high marks that close them.
LOW_OPENERS = frozenset("„‚")
LOW_CLOSERS = frozenset("“‘")
#: Longest quoted Title Case phrase taken for a title (of a show, book, song) not a quote.
MAX_TITLE_WORDS = 6
#: Lowercase words allowed inside a title ("Face the Nation", "War on Drugs").
TITLE_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "or", "with", "by", "from"]
)
_DOUBLED = re.compile(r"''|``")
#: Punctuation at the end of a quote that belongs to the reporting sentence, not the quote.
TRAILING = frozenset(",;:")
#: Characters before an opening mark (besides start of text and space).
OPEN_BEFORE = frozenset("([{—–-/:;")
DOUBLE_FAMILIES = frozenset({"double", "guillemet", "cjk"})
SINGLE_FAMILIES = frozenset({"single", "single_guillemet"})
#: Families whose closing mark doubles as the apostrophe: only close after an open.
APOSTROPHE_FAMILIES = frozenset({"single"})


@dataclass(slots=True)
class QuoteMarks:
    """One quotation: its parts (chunk offsets without the marks), one per paragraph."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    family: str = "double"

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def find_quotes(chunk: Chunk) -> list[QuoteMarks]:
    """Outermost quotations in the body pieces of ``chunk``, in text order.

    Double quotes, guillemets and CJK brackets are paired first. Single quotes (which share a
    character with the apostrophe) are quotes only in text that has no double marks at all: a
    publication quotes in one style, and in American copy single quotes are nested quotes or
    headline style. They never span paragraphs.
    """
    quotes: list[QuoteMarks] = []
    carry: QuoteMarks | None = None
    singles_wanted = not any(
        MARKS.get(ch, ("", ""))[0] in DOUBLE_FAMILIES
        for piece in chunk.pieces
        if piece.field == "body"
        for ch in _double_marks(piece.text)
    )
    for piece, base in zip(chunk.pieces, chunk.starts, strict=True):
        if piece.field != "body":
            carry = None
            continue
        text = _double_marks(piece.text)
        lead = len(text) - len(text.lstrip())
        here: list[QuoteMarks]
        opens = text[lead : lead + 1] in MARKS and _role(text, lead) == "open"
        if carry is not None and opens and MARKS[text[lead]][0] == carry.family:
            here, carry = _scan(text, base, DOUBLE_FAMILIES, opened_at=lead)
            carry_from = quotes[-1]
            carry_from.parts.extend(here[0].parts)
            carry_from.closed = here[0].closed
            if carry is here[0]:
                carry = carry_from
            mask_parts = list(here[0].parts)
            here = here[1:]
        else:
            here, carry = _scan(text, base, DOUBLE_FAMILIES)
            mask_parts = []
        singles: list[QuoteMarks] = []
        if singles_wanted:
            masked = _mask(text, base, mask_parts + [p for q in here for p in q.parts])
            singles, _ = _scan(masked, base, SINGLE_FAMILIES)
        quotes.extend(sorted(here + [q for q in singles if q.closed], key=lambda q: q.start))
    for q in quotes:
        q.parts = [t for s, e in q.parts if (t := _tidy(chunk.text, s, e))[1] > t[0]] or q.parts
    return [q for q in quotes if q.end > q.start]


def is_quotation(text: str) -> bool:
    """False for quoted text that is not speech: ids and numbers, and titles in Title Case.

    '"Face the Nation"', '"Morning Joe"', '"783491630540001280"' are names, not quotations.
    A title has at most `MAX_TITLE_WORDS` words, each capitalised or a function word, and no
    sentence punctuation.
    """
    if not re.search(r"[^\W\d_]", text):
        return False
    if text.rstrip().endswith(("!", "?")):
        return True  # exclaimed or asked: said by someone, whatever its case
    words = re.findall(r"[\w'’-]+", text)
    body = text.rstrip(".!?,;: ")  # "State of the Union." is still a title
    if len(words) > MAX_TITLE_WORDS or (re.search(r"[.!?,;:]\s", body) and len(words) > 1):
        return True
    return not all(
        w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_FUNCTION_WORDS for w in words
    )


def _tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces and the comma that hands over to the cue ('...,' she said)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING):
        end -= 1
    return start, end


def _double_marks(text: str) -> str:
    """``text`` with doubled apostrophes and backticks ('' and ``, the style of some archives
    and of typewriter copy) turned into one straight double mark plus a space: same length, so
    offsets hold."""
    if "''" not in text and "``" not in text:
        return text
    return _DOUBLED.sub(
        lambda m: ' "' if m.group(0) == "``" or _opens_at(text, m.start()) else '" ', text
    )


def _opens_at(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in OPEN_BEFORE


def _mask(text: str, base: int, parts: list[tuple[int, int]]) -> str:
    """``text`` with quoted stretches blanked, so single quotes inside them are not seen."""
    chars = list(text)
    for start, end in parts:
        for i in range(max(0, start - base - 1), min(len(chars), end - base + 1)):
            chars[i] = " "
    return "".join(chars)


def _scan(
    text: str, base: int, families: frozenset[str], opened_at: int | None = None
) -> tuple[list[QuoteMarks], QuoteMarks | None]:
    """Pairs in one paragraph; returns the quotes and the one left open at its end, if any."""
    stack: list[tuple[str, int]] = []
    found: list[QuoteMarks] = []
    start = 0
    if opened_at is not None:
        stack.append((MARKS[text[opened_at]][0], opened_at))
        start = opened_at + 1
    for i in range(start, len(text)):
        mark = MARKS.get(text[i])
        if mark is None or mark[0] not in families:
            continue
        family, role = mark[0], _role(text, i)
        if text[i] in LOW_CLOSERS and stack and text[stack[-1][1]] in LOW_OPENERS:
            role = "close"  # German „so“ and ‚so‘: the high mark closes the low one
        open_here = any(f == family for f, _ in stack)
        if role == "close" or (role == "both" and open_here):
            if open_here:
                while stack[-1][0] != family:
                    stack.pop()
                _, at = stack.pop()
                if not stack:
                    found.append(QuoteMarks([(base + at + 1, base + i)], family=family))
        elif role == "open" or (role == "both" and family not in APOSTROPHE_FAMILIES):
            stack.append((family, i))
    if not stack:
        return found, None
    family, at = stack[0]
    open_quote = QuoteMarks([(base + at + 1, base + len(text.rstrip()))], False, family)
    found.append(open_quote)
    return found, open_quote


def _role(text: str, i: int) -> str:
    """open, close, both or none for the mark at ``text[i]``, from the characters around it."""
    family, role = MARKS[text[i]]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if family in APOSTROPHE_FAMILIES and before.isalnum() and after.isalnum():
        return "none"  # don't, O'Brien, rock’n’roll
    if role != "both":
        if role == "open" and family in APOSTROPHE_FAMILIES and before.isalnum():
            return "none"
        return role
    if before.isspace() and after.isspace():
        return "none"  # a straight mark alone between spaces pairs with nothing
    opens = (before.isspace() or before in OPEN_BEFORE or before in MARKS) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close" if family not in APOSTROPHE_FAMILIES or before != "s" else "both"
    return "both" if family not in APOSTROPHE_FAMILIES else "none"
