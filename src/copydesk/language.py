"""Language identification with py3langid's bundled model (no download, ~0.06 ms a text)."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import numpy as np
from py3langid.langid import visit_counts

#: Texts shorter than this give guesses no better than chance; they get ``None``.
MIN_CHARS = 20
#: py3langid's cost is linear in the sample. On the 214 text-dev articles (20+ languages) a
#: 150-character sample agreed with a 5,000-character one on every article; 200 keeps a margin
#: at a quarter of the cost of 800 (measured with benchmarks/bench_text.py).
SAMPLE_CHARS = 200

#: py3langid's model names 25 of its languages by an ISO 639-3 code, while the record promises
#: ISO 639-1. A dialect or member of a macrolanguage that has a two-letter code goes to it (its
#: readers want "Arabic" for Moroccan Arabic, not "unknown"); ISO 639-3 macrolanguage tables.
#: The rest (Kabyle, Venetian, Ancient Greek, "no linguistic content", ...) have no two-letter
#: code and give None. `tests/test_language_codes.py` checks every label of the model.
ISO_639_1_OF = {
    "ary": "ar",  # Moroccan Arabic, in Arabic (ara)
    "arz": "ar",  # Egyptian Arabic, in Arabic (ara)
    "fuv": "ff",  # Nigerian Fulfulde, in Fulah (ful)
    "gug": "gn",  # Paraguayan Guarani, in Guarani (grn)
    "kik": "ki",  # Kikuyu: the same language
    "ltg": "lv",  # Latgalian, in Latvian (lav)
    "sdh": "ku",  # Southern Kurdish, in Kurdish (kur)
    "uzs": "uz",  # Southern Uzbek, in Uzbek (uzb)
    "wuu": "zh",  # Wu Chinese, in Chinese (zho)
    "yue": "zh",  # Cantonese, in Chinese (zho)
}

#: Everything that is not a letter: removing it leaves the letters to count (cheaper than
#: listing them one by one).
_NOT_LETTERS = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # A cached loader, not module state: the model is immutable once loaded.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _weights() -> Any:
    """py3langid's weight table widened from float16 to float32, once per process.

    numpy converts float16 in software: widening the ~130 rows a sample touches took 40 of the
    70 microseconds its scoring cost, on every call. Widening the whole table once costs about
    30 ms and 57 MB, and the matrix product then runs on the same float32 values as before.
    """
    return np.asarray(_identifier().nb_ptc, dtype=np.float32)


def _classify(sample: str) -> tuple[str, float]:
    """py3langid's ``classify`` (norm_probs, no min_confidence), computed the same way but on a
    float32 copy of the weights (see `_weights`). Falls back to the library where its internals
    differ from the version this was written against (0.4)."""
    ident = _identifier()
    table = getattr(ident, "nb_ptc", None)
    if table is None or table.dtype != np.float16 or not hasattr(ident, "_rowbase"):
        code, prob = ident.classify(sample)
        return str(code), float(prob)
    data = ident._encode(sample)
    visits = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, data)
    if not visits:
        code, prob = ident.classify(sample)
        return str(code), float(prob)
    idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
    counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
    rows = _weights()[idx]
    scores = np.log1p(counts) @ rows + ident.nb_pc
    scores *= 1.0 / math.sqrt(len(data) or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for i, j in ident._alias_pairs:
        scores[i] += scores[j]
        scores[j] = 0.0
    best = int(scores.argmax())
    return str(ident.nb_classes[best]), float(scores[best])


#: ASCII bytes that are not letters, for `_letters`.
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def _letters(sample: str) -> int:
    if sample.isascii():
        return len(sample.encode().translate(None, _ASCII_NOT_LETTERS))
    return len(_NOT_LETTERS.sub("", sample))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or too uncertain to say."""
    sample = text[:SAMPLE_CHARS]
    if _letters(sample) < MIN_CHARS:
        return None
    code, prob = _classify(sample)
    return iso_639_1(code) if prob >= 0.5 else None


def iso_639_1(code: str) -> str | None:
    """The two-letter code of a py3langid label (`ISO_639_1_OF`), None where there is none."""
    return code if len(code) == 2 else ISO_639_1_OF.get(code)
