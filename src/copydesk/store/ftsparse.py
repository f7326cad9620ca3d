"""FTS5 query expressions as a tree, for the queries one index cannot answer alone.

A query with a word in Chinese or Japanese is split by `copydesk.store.searchplan` between the
word index, the trigram index and a scan of the text, which needs the expression's structure:
which terms are required, which are negated, which sit in an OR. The parser reads what
`copydesk.store.ftsquery.fts_query` and `plain_query` produce (bare words, quoted phrases,
prefix ``*``, ``^``, column filters, NEAR groups, AND/OR/NOT and parentheses) with FTS5's
precedence, tightest first: words side by side (an implicit AND), NOT, AND, OR. What it cannot
read raises `ValueError`; the caller then lets FTS5 report the error in its own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A quoted phrase (its closing quote may be missing: an error), a parenthesis, a comma, ``^``,
#: ``*``, ``:``, or a run of anything else.
TOKEN = re.compile(r'"(?:[^"]|"")*"?|[()]|,|\^|\*|:|[^\s(),"^*:]+')


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase: ``text`` as searched (quotes undone)."""

    text: str
    prefix: bool = False
    caret: bool = False


@dataclass(frozen=True, slots=True)
class Near:
    terms: tuple[Term, ...]
    distance: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """A column filter (``headline:``, ``-text:``) on what follows it."""

    spec: str
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    keep: Node
    drop: Node


Node = Term | Near | Column | And | Or | Not


def parse(expression: str) -> Node:
    """The tree of an FTS5 expression; `ValueError` when it is not one this module reads."""
    parser = _Parser(TOKEN.findall(expression))
    node = parser.or_()
    if parser.peek() is not None:
        raise ValueError(f"unexpected {parser.peek()!r}")
    return node


def terms(node: Node) -> list[Term]:
    """Every term of ``node``, in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Near):
        return list(node.terms)
    if isinstance(node, Column):
        return terms(node.child)
    if isinstance(node, Not):
        return terms(node.keep) + terms(node.drop)
    return [t for part in node.parts for t in terms(part)]


def render(node: Node, *, substrings: bool = False) -> str:
    """``node`` as an FTS5 expression, every group in parentheses. With ``substrings`` (for the
    trigram index) a prefix ``*`` is dropped: a trigram match is a substring already."""
    if isinstance(node, Term):
        star = "*" if node.prefix and not substrings else ""
        return ("^" if node.caret else "") + quote(node.text) + star
    if isinstance(node, Near):
        inner = " ".join(render(t, substrings=substrings) for t in node.terms)
        return f"NEAR({inner}{', ' + node.distance if node.distance else ''})"
    if isinstance(node, Column):
        return f"{node.spec}:({render(node.child, substrings=substrings)})"
    if isinstance(node, Not):
        keep, drop = (render(n, substrings=substrings) for n in (node.keep, node.drop))
        return f"({keep}) NOT ({drop})"
    joiner = " AND " if isinstance(node, And) else " OR "
    return joiner.join(f"({render(p, substrings=substrings)})" for p in node.parts)


def quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self, ahead: int = 0) -> str | None:
        at = self.pos + ahead
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected or 'more'}, found {token!r}")
        self.pos += 1
        return token

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek() == "AND":
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def not_(self) -> Node:
        node = self.sequence()
        while self.peek() == "NOT":
            self.take()
            node = Not(node, self.sequence())
        return node

    def sequence(self) -> Node:
        parts = [self.unit()]
        while self.peek() not in (None, "OR", "AND", "NOT", ")", ","):
            parts.append(self.unit())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unit(self) -> Node:
        token = self.peek()
        if token is not None and self.peek(1) == ":" and re.fullmatch(r"-?\w+", token):
            self.pos += 2
            return Column(token, self.unit())
        if token == "(":
            self.take()
            node = self.or_()
            self.take(")")
            return node
        if token == "NEAR" and self.peek(1) == "(":
            return self.near()
        return self.term()

    def near(self) -> Near:
        self.take("NEAR")
        self.take("(")
        found = [self.term()]
        while self.peek() not in (")", ","):
            found.append(self.term())
        distance = None
        if self.peek() == ",":
            self.take()
            distance = self.take()
            if not distance.isdigit():
                raise ValueError(f"NEAR distance {distance!r}")
        self.take(")")
        return Near(tuple(found), distance)

    def term(self) -> Term:
        caret = self.peek() == "^"
        if caret:
            self.take()
        token = self.take()
        if re.fullmatch(r'"(?:[^"]|"")*"', token):
            text = token[1:-1].replace('""', '"')
        elif token in ("OR", "AND", "NOT", "(", ")", ",", "*", ":", "^") or token.startswith('"'):
            raise ValueError(f"unexpected {token!r}")
        else:
            text = token
        prefix = self.peek() == "*"
        if prefix:
            self.take()
        return Term(text, prefix, caret)
