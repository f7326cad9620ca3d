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
#: (NEAR groups), or a run of anything else; a comma inside a run ("464,000", "$1,000") is
#: part of the word.
TOKEN = re.compile(r'"(?:[^"]|"")*"?|[()]|,|[^\s(),"]+(?:,[^\s(),"]+)*')
#: Tokens sent as typed: the operators and the punctuation of the syntax.
SYNTAX = frozenset({"AND", "OR", "NOT", "NEAR", "(", ")", ","})
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
BAREWORD = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """``text`` as an FTS5 expression: its syntax kept, each awkward bare term quoted, and terms
    with no letter or digit at all (a lone ``*``, ``--``) dropped. A comma means something only
    inside ``NEAR(...)``: elsewhere ("Smith, Jones") it separates words, and a parenthesis
    right after a word ("AOL (SEC)") is joined to it with AND, which FTS5 needs written."""
    out: list[str] = []
    groups: list[bool] = []  # for each open parenthesis: whether it opens a NEAR group
    for token in TOKEN.findall(text):
        if token == ",":
            if groups and groups[-1]:
                out.append(token)
            continue
        if token == "(":
            near = bool(out) and out[-1] == "NEAR"
            column = bool(out) and out[-1].endswith(":")  # headline:(a OR b)
            if out and not (near or column) and out[-1] not in OPERATORS and out[-1] != "(":
                out.append("AND")
            groups.append(near)
            out.append(token)
            continue
        if token == ")":
            if groups:
                groups.pop()
            out.append(token)
            continue
        column = token[:-1].lstrip("-")
        if token.endswith(":") and BAREWORD.fullmatch(column):
            out.append(token)  # a column filter on the group or phrase that follows
            continue
        term = _term(token)
        if not term:
            continue
        if out and out[-1] == ")" and term not in OPERATORS:
            out.append("AND")
        out.append(term)
    return " ".join(out)


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
