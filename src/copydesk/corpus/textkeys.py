"""Text fingerprints: normalised tokens, the exact-copy hash, shingles and sentence keys.

Every function is pure and stable across processes and machines (xxhash with fixed seeds, never
Python's randomised ``hash``), because the keys are stored in the corpus and compared with keys
computed by later runs.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import xxhash

#: Word characters after NFKC + casefold; punctuation, quotes and dashes never split a copy.
_WORD = re.compile(r"\w+")
#: Its complement: replacing each run by one space gives the tokens joined by spaces in one
#: regex pass, without a Python string per token.
_NON_WORD = re.compile(r"\W+")
#: ASCII byte -> itself lowercased if a word character (letter, digit, underscore), else space.
_ASCII_FOLD = bytes(
    ord(chr(b).lower()) if b < 128 and (chr(b).isalnum() or chr(b) == "_") else 32
    for b in range(256)
)
#: Sentence ends: ., ! or ? (optionally closing quotes/brackets) then space, or a line break.
#: The split consumes the end punctuation, which normalisation drops anyway (no look-behind:
#: a third faster).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")

#: Where a new sentence starts for `facts`: end punctuation (closing quotes allowed) then space,
#: or a blank line. Not a single line break: in hard-wrapped wire copy a line's first word is
#: mid-sentence, and a capitalised one there is a name.
_FACT_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
#: Runs of letters and digits: "Codelco's" gives "Codelco" and "s", "2,000" gives "2" and "000".
_ALNUM = re.compile(r"[^\W_]+")

#: Sentences shorter than this (in words) are not keys: "Read more." or "Reuter" would join
#: unrelated stories.
MIN_SENTENCE_WORDS = 6

#: Number words count as facts like digits do: "seven grain ships" vs "six grain ships" is a
#: different report written on the same template, not a copy.
NUMBER_WORDS = frozenset(
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "mln",
        "bln", "pct",
    }
)  # fmt: skip


def normalise(text: str) -> str:
    """Unicode-compatible, case-blind, punctuation-blind text: the form all copies share.

    Equal to ``" ".join(tokens(text))``; ASCII text (NFKC is a no-op on it) takes a byte
    translation, three times faster than the regex."""
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split()).decode("ascii")
    return _NON_WORD.sub(" ", _fold(text)).strip(" ")


def tokens(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).casefold()


def exact_hash(words: list[str]) -> int:
    """A signed 64-bit hash of the normalised text (SQLite integers are signed)."""
    return exact_hash_of(" ".join(words))


def exact_hash_of(norm: str) -> int:
    """`exact_hash` from the `normalise`d text."""
    return _signed(xxhash.xxh3_64_intdigest(norm.encode("utf-8")))


def token_hashes(words: list[str]) -> np.ndarray:
    """One 64-bit hash per token (uint64)."""
    hashes = [xxhash.xxh3_64_intdigest(w.encode("utf-8")) for w in words]
    return np.array(hashes, dtype=np.uint64)


_MIX = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0x27D4EB2F165667C5,
        0x85EBCA77C2B2AE63,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0xD6E8FEB86659FD93,
    ],
    dtype=np.uint64,
)


def shingle_hashes(hashes: np.ndarray, n: int) -> np.ndarray:
    """Hashes of the word ``n``-grams (a text shorter than ``n`` words is one shingle).

    Built from the token hashes with multiply-xor mixing, vectorised: no Python loop per shingle.
    """
    if len(hashes) == 0:
        return hashes
    n = min(n, len(hashes), len(_MIX))
    count = len(hashes) - n + 1
    out = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(n):
            out ^= hashes[i : i + count] * _MIX[i]
            out = (out << np.uint64(13)) | (out >> np.uint64(51))
    return out


def shingle_set(words: list[str], n: int) -> set[int]:
    """The distinct word ``n``-grams of a text, as ints: the real similarity's input."""
    return set(shingle_hashes(token_hashes(words), n).tolist())


def sentences(text: str) -> list[list[str]]:
    """The text's sentences as normalised token lists, short ones dropped."""
    parts = (tokens(part) for part in _SENTENCE_END.split(text))
    return [p for p in parts if len(p) >= MIN_SENTENCE_WORDS]


def sentence_texts(text: str) -> list[str]:
    """The text's sentences as written, short ones dropped (as `sentences` splits them)."""
    return [p for p in _SENTENCE_END.split(text) if len(tokens(p)) >= MIN_SENTENCE_WORDS]


def sentence_hashes(text: str) -> list[int]:
    """Signed 64-bit hashes of the normalised sentences, distinct, in text order (the same keys
    as hashing `sentences`, without a token list per sentence)."""
    seen: dict[int, None] = {}
    for part in _SENTENCE_END.split(text):
        norm = normalise(part)
        if norm and norm.count(" ") + 1 >= MIN_SENTENCE_WORDS:
            seen.setdefault(exact_hash_of(norm))
    return list(seen)


def bottom_k(values: list[int], k: int) -> list[int]:
    """The ``k`` smallest values: a sample of sentences two copies tend to draw alike."""
    return sorted(values)[:k]


def facts(text: str) -> set[str]:
    """The text's names and numbers, casefolded: capitalised words that do not open a sentence
    (two letters or more, so "I" is not one) and every token holding a digit.

    They are what makes a story this story and not another written in the same words: a copy
    keeps them, two reports that share a site's newsletter box or a template do not. Scripts
    without case give numbers only; a text in one case throughout gives every word, which
    only makes the check built on this (`copydesk.corpus.verify.story_conflict`) more lenient.
    """
    out: set[str] = set()
    for sentence in _FACT_SENTENCE_END.split(text):
        words = _ALNUM.findall(sentence)
        for k, word in enumerate(words):
            if _digit(word) or (k and len(word) > 1 and word[0].isupper()):
                out.add(_fold(word))
    return out


def number_contexts(words: list[str]) -> dict[tuple[str, str], str]:
    """Each run of number tokens ("12 8 billion") keyed by the nearest other words either side
    (the template's slot). Two reports on one form share these keys with other numbers; a copy
    shares the numbers too."""
    out: dict[tuple[str, str], str] = {}
    # one comprehension over the words (most are alphabetic: one C call each), then the runs
    at = [k for k, w in enumerate(words) if (w in NUMBER_WORDS if w.isalpha() else _digit(w))]
    n, r = len(words), 0
    while r < len(at):
        i = j = at[r]
        while r < len(at) and at[r] == j:
            j += 1
            r += 1
        key = (words[i - 1] if i else "", words[j] if j < n else "")
        out.setdefault(key, "".join(words[i:j]))  # "2 000" (from "2,000") equals "2000"
    return out


def is_number(word: str) -> bool:
    """Whether a normalised token is a number: it holds a digit, or is a number word."""
    return word in NUMBER_WORDS if word.isalpha() else _digit(word)


def _digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value
