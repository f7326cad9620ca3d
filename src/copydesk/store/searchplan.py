"""Which index answers a search, and SQL for the part of it that no index answers.

A query with no word in a script written without spaces runs as it always has, on the word
index (``articles_fts``), its text unchanged. A query with one (Chinese, Japanese, Thai...;
`copydesk.store.unspaced`) is split at its top-level AND:

- the required parts whose words are all such substrings of three characters or more go to the
  trigram index (``articles_trigram``), which ranks them (BM25) and makes the snippet; required
  words of other scripts join them there as substrings ("习近平 Trump": the English name is
  often written against the Chinese, "特朗普Trump说", where the word index sees one token);
- every other part becomes a condition on the article (``a``): a word of another script is
  found by either index (``rowid IN (... MATCH ...)``), a substring of three characters or more
  by the trigram index, and one of one or two characters, which no trigram can find, in the
  text itself (``instr``).

A query with no part for the trigram index ("北京", "北京 OR 上海", "Trump 北京") is answered
by scanning the articles that can match (those in the trigram index, and those the word index
finds for a required part's other words) newest first (the rank window stops the scan after
`RANK_WINDOW` matches), scored by the weighted occurrences of its substrings per thousand
characters of body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copydesk.store.ftsparse import And, Column, Near, Node, Not, Or, Term, parse, render, terms
from copydesk.store.schema import StoreError
from copydesk.store.searchindex import TRIGRAM, WORDS
from copydesk.store.snippets import cut, mark
from copydesk.store.unspaced import UNSPACED, unspaced

#: BM25 column weights, and the weights of a scan's occurrence counts: headline, standfirst, body.
WEIGHTS = (10.0, 5.0, 1.0)
COLUMNS = ("headline", "standfirst", "text")
#: The shortest substring the trigram index can find.
TRIGRAM_MIN = 3
#: A trigram snippet counts characters, not words: this many per word asked for.
TRIGRAM_SNIPPET_CHARS = 3

_WORDS, _TRIGRAMS, _SCAN = "words", "trigrams", "scan"


class SearchSyntaxError(StoreError):
    """The query is not valid FTS5 syntax; the message says what is wrong and how to fix it."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How one query runs. ``table`` matches, ranks and makes snippets with ``match`` ("" for a
    scan); ``where`` is the rest, over the articles as ``a``, with its ``params``."""

    table: str
    match: str
    where: str = ""
    params: tuple = ()
    #: A scan's score (SQL over ``a``, higher is better) and its parameters.
    score: str = ""
    score_params: tuple = ()
    #: Patterns of the words the snippet marks itself (see `copydesk.store.snippets`).
    highlight: tuple[str, ...] = ()

    @property
    def scan(self) -> bool:
        return not self.table

    @property
    def rowid(self) -> str:
        return "a.rowid" if self.scan else f"{self.table}.rowid"

    def rank(self, weights: Sequence[float] = WEIGHTS) -> tuple[str, tuple]:
        """SQL of the rank (lower is better, as BM25's) and its parameters."""
        if self.scan:
            return f"-({self.score})", self.score_params
        return f"bm25({self.table}, {', '.join(str(w) for w in weights)})", ()

    def source(
        self, where: str = "", params: Sequence = (), floor: int = 0, *, join: bool = False
    ) -> tuple[str, list]:
        """FROM and WHERE of the matches: ``where`` adds conditions on ``a`` (each starting
        " AND "), ``floor`` is the lowest rowid kept (the rank window). The articles table is
        joined only when something reads it (ranking on the index alone is several times
        faster) or when ``join`` asks."""
        bound = [floor] if floor else []
        if self.scan:
            window = " AND a.rowid >= ?" if floor else ""
            sql = f"FROM articles a WHERE ({self.where}){window}{where}"
            return sql, [*self.params, *bound, *params]
        t = self.table
        mine = f" AND {self.where}" if self.where else ""
        joined = f" JOIN articles a ON a.rowid = {t}.rowid" if join or where or mine else ""
        window = f" AND {t}.rowid >= ?" if floor else ""
        sql = f"FROM {t}{joined} WHERE {t} MATCH ?{window}{mine}{where}"
        return sql, [self.match, *bound, *self.params, *params]

    def details(
        self, columns: str, rowids: Sequence[int], marks: tuple[str, str], words: int
    ) -> tuple[str, list]:
        """SQL for ``columns`` (over ``a``) of the given rows, with ``rowid`` first and ``snip``
        last: FTS5's snippet, or for a scan the body, which `snippet` then cuts."""
        qs = ", ".join("?" * len(rowids))
        if self.scan:
            sql = f"SELECT a.rowid AS rowid, {columns}, a.text AS snip FROM articles a "
            return sql + f"WHERE a.rowid IN ({qs})", list(rowids)
        t = self.table
        size = words * TRIGRAM_SNIPPET_CHARS if t == TRIGRAM else words
        sql = (
            f"SELECT {t}.rowid AS rowid, {columns}, snippet({t}, 2, ?, ?, '…', ?) AS snip "
            f"FROM {t} JOIN articles a ON a.rowid = {t}.rowid "
            f"WHERE {t} MATCH ? AND {t}.rowid IN ({qs})"
        )
        return sql, [*marks, size, self.match, *rowids]

    def snippet(self, snip: str | None, marks: tuple[str, str], words: int) -> str:
        """The finished snippet from the ``snip`` column of `details`."""
        if self.scan:
            return cut(snip or "", self.highlight, marks, words * TRIGRAM_SNIPPET_CHARS)
        return mark(snip or "", self.highlight, marks)


def plan(match: str, *, trigrams: bool = True) -> Plan:
    """The plan for an FTS5 expression (as `fts_query` or `plain_query` make it). ``trigrams``
    says the store has the trigram index (one opened read-only before schema version 4 has
    not: its queries run on the word index, as they did). Raises `SearchSyntaxError` for a
    NEAR group with a word that needs a scan."""
    if not trigrams or not unspaced(match):
        return Plan(WORDS, match)
    try:
        root = parse(match)
    except ValueError:
        return Plan(TRIGRAM, match)  # FTS5 says what is wrong, as for any query
    if not all(_known(node) for node in _columns(root)):
        return Plan(TRIGRAM, match)  # "no such column", in FTS5's words
    keep: list[Node] = []
    drop: list[Node] = []
    _conjuncts(root, keep, drop)
    lead = [n for n in keep if _kind(n) == _TRIGRAMS]
    if lead:  # the rows are in the trigram index: other scripts' words can be substrings there
        lead += [n for n in keep if _kind(n) == _WORDS and _long(n)]
    clauses, params = _conditions([n for n in keep if n not in lead], drop)
    highlight = tuple(_highlight(t) for n in keep if n not in lead for t in _positive(n))
    if lead:
        expression = render(lead[0] if len(lead) == 1 else And(tuple(lead)), substrings=True)
        return Plan(TRIGRAM, expression, " AND ".join(clauses), tuple(params), highlight=highlight)
    bound, bound_params = _candidates(keep)
    score, score_params = _score([t for n in keep for t in _positive(n)])
    where = " AND ".join([bound, *clauses])
    return Plan("", "", where, (*bound_params, *params), score, score_params, highlight)


def _candidates(required: list[Node]) -> tuple[str, list]:
    """A condition that bounds a scan to the articles that can match, so that it does not read
    every article of a mostly Latin store: a match of a required part holds one of its words,
    and an article holding a script without spaces is in the trigram index (its docsize table
    has a row for each), one holding another script's word is found by the word index."""
    part = min(required, key=lambda n: sum(not unspaced(t.text) for t in _positive(n)))
    words = [t for t in _positive(part) if not unspaced(t.text)]
    sql = f"a.rowid IN (SELECT id FROM {TRIGRAM}_docsize"
    if not words:
        return sql + ")", []
    expression = " OR ".join(render(Term(t.text, t.prefix)) for t in words)
    return sql + f" UNION SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH ?)", [expression]


def _conditions(required: list[Node], excluded: list[Node]) -> tuple[list[str], list]:
    """SQL conditions on ``a`` for the parts no index ranks, and their parameters."""
    clauses: list[str] = []
    params: list = []
    for node, negated in [(n, False) for n in required] + [(n, True) for n in excluded]:
        sql, bound = _sql(node, "")
        clauses.append(f"NOT ({sql})" if negated else f"({sql})")
        params.extend(bound)
    return clauses, params


def _long(node: Node) -> bool:
    return all(len(t.text) >= TRIGRAM_MIN for t in terms(node))


def _kind_of(term: Term) -> str:
    if not unspaced(term.text):
        return _WORDS
    return _TRIGRAMS if len(term.text) >= TRIGRAM_MIN else _SCAN


def _kind(node: Node) -> str:
    """One index answers ``node`` alone (words or trigrams), or it needs SQL (scan). A NEAR
    group mixing scripts ("NEAR(特朗普 Trump)") is in the trigram index when its words are
    long enough: they are in one article, which holds a script without spaces."""
    kinds = {_kind_of(t) for t in terms(node)}
    if _SCAN in kinds:
        return _SCAN
    if len(kinds) == 1:
        return kinds.pop()
    return _TRIGRAMS if isinstance(node, Near) and _long(node) else _SCAN


def _conjuncts(node: Node, keep: list[Node], drop: list[Node]) -> None:
    """The parts ``node`` requires (``keep``) and those it excludes (``drop``)."""
    if isinstance(node, And):
        for part in node.parts:
            _conjuncts(part, keep, drop)
    elif isinstance(node, Not):
        _conjuncts(node.keep, keep, drop)
        drop.append(node.drop)
    else:
        keep.append(node)


def _positive(node: Node) -> list[Term]:
    """The terms that make ``node`` match (not those after a NOT)."""
    if isinstance(node, Not):
        return _positive(node.keep)
    if isinstance(node, Column):
        return _positive(node.child)
    if isinstance(node, And | Or):
        return [t for part in node.parts for t in _positive(part)]
    return terms(node)


def _columns(node: Node) -> list[Column]:
    if isinstance(node, Column):
        return [node, *_columns(node.child)]
    if isinstance(node, Not):
        return _columns(node.keep) + _columns(node.drop)
    if isinstance(node, And | Or):
        return [c for part in node.parts for c in _columns(part)]
    return []


def _known(node: Column) -> bool:
    return node.spec.lstrip("-") in COLUMNS


def _sql(node: Node, spec: str) -> tuple[str, list]:
    """``node`` as a condition on the article ``a`` (``spec``: the column filter around it)."""
    kind = _kind(node)
    if kind != _SCAN:
        # another script's words: whole words, or substrings of a run of Chinese or Japanese
        tables = (WORDS, TRIGRAM) if kind == _WORDS else (TRIGRAM,)
        clauses, params = [], []
        for table in tables:
            expression = render(node, substrings=table == TRIGRAM)
            clauses.append(f"a.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(f"{spec}:({expression})" if spec else expression)
        return " OR ".join(clauses), params
    if isinstance(node, Term):
        return _contains(node, _columns_of(spec))
    if isinstance(node, Column):
        return _sql(node.child, node.spec)
    if isinstance(node, Not):
        (keep, kp), (drop, dp) = _sql(node.keep, spec), _sql(node.drop, spec)
        return f"({keep}) AND NOT ({drop})", kp + dp
    if isinstance(node, Near):
        short = next(t.text for t in node.terms if len(t.text) < TRIGRAM_MIN)
        raise SearchSyntaxError(
            f"NEAR cannot hold {short!r}: beside a script written without spaces, a word of "
            f"fewer than {TRIGRAM_MIN} characters is found by reading the text, not by the "
            "index; search for the words without NEAR"
        )
    parts = [_sql(part, spec) for part in node.parts]
    joiner = " AND " if isinstance(node, And) else " OR "
    return joiner.join(f"({sql})" for sql, _ in parts), [p for _, bound in parts for p in bound]


def _columns_of(spec: str) -> list[str]:
    if not spec:
        return list(COLUMNS)
    name = spec.lstrip("-")
    return [c for c in COLUMNS if c != name] if spec.startswith("-") else [name]


def _folded(term: Term, column: str) -> tuple[str, str]:
    """The column's SQL and the text to look for, lowercased when the term has ASCII letters
    (SQLite's lower() folds only those; the scripts without spaces have no case)."""
    value = f"ifnull(a.{column}, '')"
    if re.search("[A-Za-z]", term.text):
        return f"lower({value})", term.text.lower()
    return value, term.text


def _contains(term: Term, columns: list[str]) -> tuple[str, list]:
    """The text holds ``term`` (at a column's start for ``^``) in one of ``columns``."""
    clauses, params = [], []
    for column in columns:
        value, text = _folded(term, column)
        if term.caret:
            clauses.append(f"substr({value}, 1, {len(text)}) = ?")
        else:
            clauses.append(f"instr({value}, ?) > 0")
        params.append(text)
    return " OR ".join(clauses), params


def _score(found: list[Term]) -> tuple[str, tuple]:
    """A scan's score: occurrences of its substrings, weighted by column as BM25's are, per
    thousand characters of body (plus one, so that a short text is not infinitely good). The
    words of other scripts count as substrings too (the word index found them, but a scan
    cannot read BM25 from it): "Trump OR 北京" ranked the articles holding only "Trump" at 0."""
    parts, params = [], []
    for term in (t for t in found if t.text):  # an empty phrase matches nothing
        for column, weight in zip(COLUMNS, WEIGHTS, strict=True):
            value, text = _folded(term, column)
            parts.append(
                f"{weight} * (length({value}) - length(replace({value}, ?, ''))) / {len(text)}"
            )
            params.append(text)
    total = " + ".join(parts) or "0"
    return f"({total}) / (1.0 + length(ifnull(a.text, '')) / 1000.0)", tuple(params)


def _highlight(term: Term) -> str:
    """A pattern for the snippet: a substring in the scripts without spaces, whole words (and
    for a prefix term, their continuation) in others."""
    if unspaced(term.text):
        return re.escape(term.text)
    words = re.findall(r"\w+", term.text)
    body = r"\W+".join(re.escape(w) for w in words) or re.escape(term.text)
    return f"(?<!{_LETTER})" + body + (f"{_LETTER}*" if term.prefix else f"(?!{_LETTER})")


#: A letter or digit of a script with spaces: where a word of one ends ("特朗普Trump说").
_LETTER = "[^\\W" + UNSPACED.pattern[1:]
