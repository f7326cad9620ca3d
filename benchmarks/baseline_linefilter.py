"""The baseline for main-content selection from text: datatrove's C4 + Gopher filters per line.

A clean-room reimplementation of the line rules of datatrove's ``C4QualityFilter``
(``pipeline/filters/c4_filters.py``, defaults as used for C4, ``split_paragraph=True``) and of the
parts of ``GopherQualityFilter`` / ``GopherRepetitionFilter`` that have a meaning for a single
line. It is what the main-content selector (``copydesk.structure.mainblock``) has to beat.

C4 line rules, exactly as datatrove applies them (in this order):

- a line with a "word" (whitespace token) longer than 1000 characters is dropped;
- Wikipedia citation marks ``[1]``, ``[edit]``, ``[citation needed]`` are removed from the line;
- a line that does not end in ``. ? ! " '`` or that ends in ``...`` is dropped (the C4 set is
  ASCII only: ``。`` ``»`` ``”`` do not count, which is C4's behaviour, kept on purpose);
- a line with fewer than 3 whitespace words is dropped;
- a line containing ``javascript`` (any case) is dropped;
- a line containing a policy phrase (``terms of use``, ``privacy policy``, ``cookie policy``,
  ``uses cookies``, ``use of cookies``, ``use cookies``) is dropped.

C4 document rules, and what we do with them here:

- ``lorem ipsum`` anywhere drops the document: kept as a document rule (prediction empty);
- a ``{`` anywhere drops the document: applied to the line only (rendered pages nearly always
  carry some inline CSS/JSON, and dropping 1 page in 5 would measure nothing useful);
- fewer than 5 sentences kept drops the document: counted with one sentence per kept line
  (datatrove counts nltk ``sent_tokenize`` sentences; we avoid nltk), prediction then empty.
  Switch off with ``doc_rules=False``.

Gopher rules at line level (the document thresholds have no line meaning and are not applied):

- repetition: a line whose exact stripped text was already kept is dropped (Gopher's
  duplicate-line fraction counts exactly these lines);
- bullets: a line starting with ``•`` is dropped (Gopher's bullet-line ratio counts these);
- ellipsis: a line ending with ``...`` or ``…`` is dropped (Gopher's ellipsis-line ratio);
- symbols: a line whose ``#`` count or ellipsis count is more than 0.1 per word is dropped;
- alphabetic words: a line where fewer than 80 % of the words hold a letter is dropped;
- the stop-word rule (>= 2 English stop words) is NOT applied: it is English only and would drop
  every line of the other twenty languages in the dev set.
"""

from __future__ import annotations

import re

CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
END_PUNCTUATION = (".", "?", "!", '"', "'")
ELLIPSIS = "..."
POLICY_SUBSTRINGS = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
MAX_WORD_LENGTH = 1000
MIN_WORDS_PER_LINE = 3
MIN_SENTENCES = 5
MAX_SYMBOL_WORD_RATIO = 0.1
MIN_ALPHA_WORDS_RATIO = 0.8


def c4_line_reason(line: str) -> str | None:
    """Why C4 drops this (stripped, citation-free) line, or None to keep it."""
    words = line.split()
    if any(len(w) > MAX_WORD_LENGTH for w in words):
        return "too_long_word"
    if not line.endswith(END_PUNCTUATION) or line.endswith(ELLIPSIS):
        return "no_terminal_punc"
    if len(words) < MIN_WORDS_PER_LINE:
        return "too_few_words"
    low = line.lower()
    if "javascript" in low:
        return "javascript"
    if "{" in line:
        return "curly_bracket"
    if any(p in low for p in POLICY_SUBSTRINGS):
        return "policy"
    return None


def gopher_line_reason(line: str) -> str | None:
    """Why the line-level reading of Gopher's quality rules drops this line, or None."""
    words = line.split()
    if not words:
        return "empty"
    if line.startswith("•"):
        return "bullet"
    if line.endswith(("...", "…")):
        return "end_ellipsis"
    n = len(words)
    if line.count("#") / n > MAX_SYMBOL_WORD_RATIO:
        return "hashes"
    if (line.count("...") + line.count("…")) / n > MAX_SYMBOL_WORD_RATIO:
        return "ellipsis"
    if sum(any(c.isalpha() for c in w) for w in words) / n < MIN_ALPHA_WORDS_RATIO:
        return "non_alpha"
    return None


def filter_lines(lines: list[str], doc_rules: bool = True) -> list[str]:
    """The lines the baseline keeps (stripped, in order); empty when a document rule fires."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in lines:
        line = CITATION.sub("", raw.strip())
        if doc_rules and "lorem ipsum" in line.lower():
            return []
        if c4_line_reason(line) or gopher_line_reason(line) or line in seen:
            continue
        seen.add(line)
        kept.append(line)
    if doc_rules and len(kept) < MIN_SENTENCES:
        return []
    return kept
