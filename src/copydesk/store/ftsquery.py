"""The default search syntax made forgiving: FTS5 operators kept, awkward words quoted.

FTS5 takes a bare word only when it is letters, digits and ``_``; ``e-mail``, ``O'Neill``,
``U.S.``, ``C++`` or ``50%`` are syntax errors (``al-Qaeda`` even reads as "column al"), and a
lone ``*`` is an "unknown special query". People type such words all the time, so each bare
term holding other characters is sent as a phrase (``"e-mail"``, which the tokenizer splits into
adjacent words, as it does in the text), while what FTS5 syntax means stays as typed: quoted
phrases, AND/OR/NOT/NEAR, parentheses, a prefix ``*`` after a word, ``^`` and ``column:``.
"""

from __future__ import annotations

import re

#: A quoted phrase (its quote may be unbalanced: FTS5 then says so), a parenthesis or comma
#: (NEAR groups), or a run of anything else.
TOKEN = re.compile(r'"(?:[^"]|"")*"?|[(),]|[^\s(),"]+')
#: Tokens sent as typed: the operators and the punctuation of the syntax.
SYNTAX = frozenset({"AND", "OR", "NOT", "NEAR", "(", ")", ","})
BAREWORD = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """``text`` as an FTS5 expression: its syntax kept, each awkward bare term quoted, and terms
    with no letter or digit at all (a lone ``*``, ``--``) dropped."""
    return " ".join(t for t in (_term(tok) for tok in TOKEN.findall(text)) if t)


def _term(token: str) -> str:
    if token.startswith('"') or token in SYNTAX:
        return token
    column, colon, rest = token.partition(":")
    # any word before a colon is a column filter: an unknown one stays an error that names the
    # columns, rather than a silent search for two words
    if colon and BAREWORD.fullmatch(column.lstrip("-")) and rest:
        return f"{column}:{_term(rest)}"
    caret = "^" if token.startswith("^") else ""
    core = token.removeprefix("^")
    star = "*" if core.endswith("*") else ""
    core = core.rstrip("*")
    if not re.search(r"\w", core):
        return ""
    if BAREWORD.fullmatch(core):
        return caret + core + star
    return caret + '"' + core.replace('"', '""') + '"' + star


def term_count(text: str) -> int:
    """Words and phrases in ``text``, not counting operators and syntax: the limit on query size
    is about the terms SQLite ranks."""
    return sum(1 for tok in TOKEN.findall(text) if tok not in SYNTAX)
