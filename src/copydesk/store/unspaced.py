"""Scripts written without spaces between words, which the word index cannot split.

SQLite's ``unicode61`` tokenizer ends a word at a space or punctuation, so a run of Chinese or
Japanese (or Thai, Lao, Khmer, Myanmar...) is one token: "习近平" inside "国家主席习近平今天表示"
is not a word of its own and was never found. Text holding these scripts is also indexed by
trigrams (`copydesk.store.searchindex`), and a query term holding them is searched there
(`copydesk.store.searchplan`). Hangul is left out: Korean puts spaces between words.
"""

from __future__ import annotations

import re

#: (first, last) code points of each script or block written without spaces, with its name.
RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1950, 0x19FF, "Tai Le, New Tai Lue, Khmer symbols"),
    (0x1A20, 0x1AAF, "Tai Tham"),
    (0x3005, 0x3007, "ideographic iteration mark, closing mark, number zero"),
    (0x3021, 0x3029, "Hangzhou numerals"),
    (0x3031, 0x3035, "kana repeat marks"),
    (0x3040, 0x30FF, "Hiragana, Katakana"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x31F0, 0x31FF, "Katakana phonetic extensions"),
    (0x3400, 0x4DBF, "CJK extension A"),
    (0x4E00, 0x9FFF, "CJK unified ideographs"),
    (0xA000, 0xA4CF, "Yi"),
    (0xA9E0, 0xA9FF, "Myanmar extended B"),
    (0xAA60, 0xAA7F, "Myanmar extended A"),
    (0xF900, 0xFAFF, "CJK compatibility ideographs"),
    (0xFF66, 0xFF9F, "halfwidth Katakana"),
    (0x1B000, 0x1B16F, "Kana supplement and extensions"),
    (0x20000, 0x3134F, "CJK extensions B to G"),
)

UNSPACED = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi, _ in RANGES) + "]")

#: UTF-8 bytes that cannot start one of those characters. Deleting them from a text's UTF-8 is
#: a C loop: about 15 us for 8 KB of accented Latin with typographic quotes, where the regex
#: alone took 110 us (the store's one writer runs this on every article it stores).
_OTHER_BYTES = bytes(
    sorted(
        set(range(256))
        - {
            ord(chr(cp).encode("utf-8")[:1])
            for lo, hi, _ in RANGES
            for cp in [*range(lo, hi + 1, 0x400), hi]
        }
    )
)


def unspaced(text: str | None) -> bool:
    """Whether ``text`` holds a character of a script written without spaces. ASCII, most of
    any English corpus, is answered at once; other text is first checked for the lead bytes of
    those scripts (Latin accents and typographic quotes have none)."""
    if not text or text.isascii():
        return False
    if not text.encode("utf-8", "surrogatepass").translate(None, _OTHER_BYTES):
        return False
    return UNSPACED.search(text) is not None
