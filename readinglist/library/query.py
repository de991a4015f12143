"""The search language: words, "phrases", field:value terms, -negation, or, parentheses.

``parse`` turns what the user types into a small tree, or raises a
``QueryError`` that says where and why; ``compile_query`` turns the tree into
one SQL condition on ``paper p``. Text goes to FTS5 only as words this module
quotes itself, so nothing the user types is ever read as FTS5 syntax.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeAlias

from readinglist.library.errors import LibraryError
from readinglist.library.search import fts_query, name_key
from readinglist.library.status import STATUSES, utcnow

# Letters and digits: what FTS5's unicode61 tokenizer keeps. An underscore is a
# separator to it, and a phrase of nothing joined by AND matches nothing.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FIELD = re.compile(r"[^\W\d_][\w\-]*:", re.UNICODE)
_BARE_END = re.compile(r'[\s()"]')
_VALUE_END = re.compile(r"[\s()]")

# Field names as typed (after folding case and accents) -> the field they mean.
FIELD_ALIASES: dict[str, str] = {
    "status": "status",
    "statut": "status",
    "rating": "rating",
    "note": "note",
    "tag": "tag",
    "etiquette": "tag",
    "author": "author",
    "auteur": "author",
    "listing": "listing",
    "liste": "listing",
    "title": "title",
    "titre": "title",
    "abstract": "abstract",
    "resume": "abstract",
    "year": "year",
    "annee": "year",
    "added": "added",
    "ajoute": "added",
    "read": "read",
    "lu": "read",
    "has": "has",
    "in": "in",
    "dans": "in",
    "lab": "lab",
    "labo": "lab",
}
FIELDS: tuple[str, ...] = (
    "status",
    "rating",
    "tag",
    "author",
    "listing",
    "title",
    "abstract",
    "note",
    "year",
    "added",
    "read",
    "has",
    "in",
    "lab",
)
HAS_VALUES: dict[str, str] = {
    "note": "note",
    "attachment": "attachment",
    "attachments": "attachment",
    "piece-jointe": "attachment",
    "abstract": "abstract",
    "resume": "abstract",
}
# lab:read, papers someone in the lab (sharing their status) has read; lab:reading, is reading.
LAB_VALUES: dict[str, str] = {
    "read": "read",
    "lu": "read",
    "reading": "reading",
    "en-cours": "reading",
}
# The papers someone in the lab is reading. The sync keeps who reads what as JSON,
# one library_setting per lab paper someone reads or has read (the key is
# readinglist.lab.sync.READERS_KEY + the paper's uuid): walking that key range
# costs what the lab has read, not what the library holds.
LAB_READING_IDS = (
    "SELECT lp.paper_id FROM library_setting s JOIN lab_paper lp ON lp.uuid = substr(s.key, 13)"
    " WHERE s.key >= 'lab_readers:' AND s.key < 'lab_readers;'"
    " AND json_array_length(s.value, '$.reading') > 0"
)
IN_VALUES: dict[str, str] = {
    "queue": "queue",
    "file": "queue",
    "trash": "trash",
    "corbeille": "trash",
}
# Status names in English and French, folded (lower case, no accents, hyphens).
STATUS_NAMES: dict[str, str] = {
    **{s: s for s in STATUSES},
    "toread": "to-read",
    "notreading": "not-reading",
    "nouveau": "new",
    "a-lire": "to-read",
    "en-cours": "reading",
    "lu": "read",
    "pas-a-lire": "not-reading",
}
# Where a text field lives in the full-text index.
FTS_COLUMNS = {"title": "title", "author": "authors", "abstract": "abstract", "note": "note"}
COMPARISONS = ("<=", ">=", "<", ">", "=")
MAX_DEPTH = 50


class QueryError(LibraryError):
    """A query that cannot be read: ``position`` (0-based) and ``end`` mark the culprit.

    ``str(err)`` is the reason after the term it is about, as in
    "rating:>=x: a rating is a number from 0 to 5"; ``describe()`` adds where.
    """

    def __init__(self, message: str, position: int, end: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.end = position + 1 if end is None else end

    def describe(self) -> str:
        """The message with its place: what the CLI prints and the search field's tooltip says."""
        return f"{self.message} (at character {self.position + 1})"


def fold(text: str) -> str:
    """Lower case without accents, spaces and underscores as hyphens: how names compare."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(plain.replace("_", " ").replace("-", " ").split())


# -- the tree -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Words (or a phrase) to find in title, authors, abstract or note."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = True
    column: str | None = None  # an FTS5 column, or None for all of them


@dataclass(frozen=True, slots=True)
class Term:
    """A field condition other than text: ``field`` with a checked, normalized ``value``."""

    field: str
    op: str
    value: Any


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    nodes: tuple[Node, ...]


Node: TypeAlias = Text | Term | Not | And | Or


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: what was typed and its tree (None matches every paper)."""

    text: str
    root: Node | None

    @property
    def is_empty(self) -> bool:
        return self.root is None

    @property
    def includes_trash(self) -> bool:
        """True when the query asks for the Trash (``in:trash``); lists leave it out otherwise."""
        return self.root is not None and _mentions_trash(self.root)

    def fields(self) -> set[str]:
        """The fields the query uses (``text`` for plain words)."""
        found: set[str] = set()
        if self.root is not None:
            _collect_fields(self.root, found)
        return found


def _mentions_trash(node: Node) -> bool:
    if isinstance(node, Term):
        return node.field == "in" and node.value == "trash"
    if isinstance(node, Not):
        return False
    if isinstance(node, And | Or):
        return any(_mentions_trash(n) for n in node.nodes)
    return False


def _collect_fields(node: Node, found: set[str]) -> None:
    if isinstance(node, Text):
        found.add("text")
    elif isinstance(node, Term):
        found.add(node.field)
    elif isinstance(node, Not):
        _collect_fields(node.node, found)
    else:
        for child in node.nodes:
            _collect_fields(child, found)


# -- tokens -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(" ")" "or" "and" "not" "-" "word" "phrase" "field"
    start: int
    end: int
    text: str = ""  # the word, the phrase, or the field's value
    name: str = ""  # the field name as typed
    quoted: bool = False
    closed: bool = True  # a phrase whose closing quote was typed


def _read_quoted(text: str, start: int) -> tuple[str, int, bool]:
    """The string opened by the quote at ``start``: its content, where it ends, whether closed.

    Inside quotes, a backslash makes the next character literal (``\\"`` is a quote).
    """
    out: list[str] = []
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if c == '"':
            return "".join(out), i + 1, True
        out.append(c)
        i += 1
    return "".join(out), i, False


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Token(c, i, i + 1))
            i += 1
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != "-":
            out.append(_Token("-", i, i + 1))
            i += 1
        elif c == '"':
            value, end, closed = _read_quoted(text, i)
            out.append(_Token("phrase", i, end, value, quoted=True, closed=closed))
            i = end
        else:
            m = _FIELD.match(text, i)
            if m is not None:
                name = m.group()[:-1]
                j = m.end()
                if j < n and text[j] == '"':
                    value, end, closed = _read_quoted(text, j)
                    if not closed:
                        raise QueryError(f"{text[i:end]}: the quote is not closed", j, end)
                    out.append(_Token("field", i, end, value, name, quoted=True))
                else:
                    stop = _VALUE_END.search(text, j)
                    end = stop.start() if stop else n
                    out.append(_Token("field", i, end, text[j:end], name))
                i = end
                continue
            stop = _BARE_END.search(text, i)
            end = stop.start() if stop else n
            if end == i:  # a lone character the patterns above do not take
                end = i + 1
            word = text[i:end]
            kind = word.lower() if word.lower() in ("or", "and", "not") else "word"
            if end == n:
                # Still being typed ("or" on its way to "orange"): a word until a space follows.
                kind = "word"
            out.append(_Token(kind, i, end, word))
            i = end
    return out


# -- parsing ------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, known: Callable[[str], str | None]) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0
        self.known = known
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr()
        token = self.peek()
        if token is not None:  # only a ")" stops or_expr early
            raise QueryError("): there is no '(' to close", token.start, token.end)
        return node

    def or_expr(self) -> Node | None:
        first = self.peek()
        if first is not None and first.kind == "or":
            raise QueryError(
                f"{first.text}: 'or' needs a term on each side", first.start, first.end
            )
        nodes = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            after = self.peek()
            if after is None or after.kind in ("or", ")"):
                raise QueryError(
                    f"{token.text}: 'or' needs a term on each side", token.start, token.end
                )
            nodes.append(self.and_expr())
        found = [n for n in nodes if n is not None]
        if not found:
            return None
        return found[0] if len(found) == 1 else Or(tuple(found))

    def and_expr(self) -> Node | None:
        nodes: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("or", ")"):
            if token.kind == "and":
                self.take()
                after = self.peek()
                if not nodes or after is None or after.kind in ("or", "and", ")"):
                    raise QueryError(
                        f"{token.text}: 'and' needs a term on each side", token.start, token.end
                    )
                continue
            node = self.unary()
            if node is not None:
                nodes.append(node)
        if not nodes:
            return None
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def unary(self) -> Node | None:
        token = self.take()
        if token.kind in ("not", "-", "("):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(
                    f"{token.text or token.kind}: the query is nested too deeply",
                    token.start,
                    token.end,
                )
            try:
                return self.nested(token)
            finally:
                self.depth -= 1
        if token.kind == "field":
            return self.field(token)
        if token.kind == "phrase":
            return _text(token.text, phrase=True, prefix=not token.closed)
        return _text(token.text)

    def nested(self, token: _Token) -> Node | None:
        if token.kind in ("not", "-"):
            after = self.peek()
            if after is None or after.kind in ("or", "and", ")"):
                what = "'not'" if token.kind == "not" else "'-'"
                raise QueryError(
                    f"{token.text or '-'}: {what} needs a term after it", token.start, token.end
                )
            inner = self.unary()
            return None if inner is None else Not(inner)
        else:
            if (after := self.peek()) is not None and after.kind == ")":
                raise QueryError("(): the parentheses are empty", token.start, after.end)
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError("(: this parenthesis is not closed", token.start, token.end)
            self.take()
            return node

    def field(self, token: _Token) -> Node | None:
        shown = self.text[token.start : token.end]
        name = FIELD_ALIASES.get(fold(token.name))
        if name is None and not token.text and not token.quoted:
            # "NeuroSAT: learning", pasted from a title: a word, not a field.
            return _text(token.name)
        if name is None:
            raise QueryError(
                f"{token.name}: there is no such field; use one of {', '.join(FIELDS)}",
                token.start,
                token.start + len(token.name) + 1,
            )
        problem = self.known(name)
        if problem is not None:
            raise QueryError(f"{shown}: {problem}", token.start, token.end)
        value = token.text
        if not value.strip():
            raise QueryError(
                f"{shown}: {name} needs a value after the colon", token.start, token.end
            )
        try:
            node = _FIELD_READERS[name](name, value, token.quoted)
        except _BadValue as exc:
            raise QueryError(f"{shown}: {exc}", token.start, token.end) from None
        if isinstance(node, Term) and name in ("in", "has", "lab"):
            problem = self.known(f"{name}:{node.value}")
            if problem is not None:
                raise QueryError(f"{shown}: {problem}", token.start, token.end)
        return node


class _BadValue(Exception):
    pass


def _text(
    value: str, *, phrase: bool = False, prefix: bool = True, column: str | None = None
) -> Node | None:
    words = tuple(_WORD.findall(unicodedata.normalize("NFKC", value)))
    if not words:
        return None  # punctuation alone searches for nothing, as the plain search does
    return Text(words, phrase=phrase and len(words) > 1, prefix=prefix, column=column)


def _split_op(value: str) -> tuple[str, str]:
    for op in COMPARISONS:
        if value.startswith(op):
            return op, value[len(op) :].strip()
    return "=", value.strip()


def _read_text_field(name: str, value: str, quoted: bool) -> Node:
    if name == "author" and value.startswith("="):
        key = name_key(value[1:])
        if not key:
            raise _BadValue("an exact author needs a name after '='")
        return Term("author", "=", key)
    node = _text(value, phrase=quoted, prefix=not quoted, column=FTS_COLUMNS[name])
    if node is None:
        raise _BadValue(f"{name} needs letters or digits to look for")
    return node


def _read_named(name: str, value: str, _quoted: bool) -> Node:
    if value.startswith("="):
        exact = value[1:].strip()
        if not exact:
            raise _BadValue(f"an exact {name} needs a name after '='")
        return Term(name, "=", exact)
    return Term(name, "~", value.strip())


def _read_status(_name: str, value: str, _quoted: bool) -> Node:
    names = [fold(v) for v in value.split(",")]
    found = []
    for typed in names:
        status = STATUS_NAMES.get(typed)
        if status is None:
            raise _BadValue(
                "a status is one of new, to-read, reading, read, not-reading"
                " (or nouveau, à lire, en cours, lu, pas à lire)"
            )
        found.append(status)
    return Term("status", "in", tuple(dict.fromkeys(found)))


def _number(text: str, low: int, high: int) -> int | None:
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    n = int(text)
    return n if low <= n <= high else None


def _read_numeric(name: str, value: str, low: int, high: int, what: str) -> Node:
    if ".." in value:
        lo_text, _, hi_text = value.partition("..")
        lo, hi = _number(lo_text, low, high), _number(hi_text, low, high)
        if lo is None or hi is None:
            raise _BadValue(what)
        if lo > hi:
            raise _BadValue(f"a range goes from low to high ({hi}..{lo})")
        return Term(name, "..", (lo, hi))
    op, rest = _split_op(value)
    n = _number(rest, low, high)
    if n is None:
        raise _BadValue(what)
    return Term(name, op, n)


def _read_rating(name: str, value: str, _quoted: bool) -> Node:
    return _read_numeric(name, value, 0, 5, "a rating is a number from 0 to 5")


def _read_year(name: str, value: str, _quoted: bool) -> Node:
    return _read_numeric(name, value, 1000, 9999, "a year is written like 2023")


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_AGO = re.compile(r"(\d{1,5})([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
DATE_HELP = "a date is 2026, 2026-11, 2026-11-03, today, or an age like 30d, 6w, 3m, 1y"


@dataclass(frozen=True, slots=True)
class _When:
    start: datetime
    end: datetime
    relative: bool  # an age ("30d"): a moment, compared the other way round


def _when(text: str, now: datetime) -> _When:
    text = text.strip().lower()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if text in ("today", "aujourd'hui", "aujourdhui"):
        return _When(today, today + timedelta(days=1), False)
    if text in ("yesterday", "hier"):
        return _When(today - timedelta(days=1), today, False)
    m = _AGO.match(text)
    if m:
        moment = now - timedelta(days=int(m.group(1)) * _UNIT_DAYS[m.group(2)])
        return _When(moment, moment, True)
    m = _DATE.match(text)
    if not m:
        raise _BadValue(DATE_HELP)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return _When(datetime(year, 1, 1), datetime(year + 1, 1, 1), False)
        mon = int(month)
        if day is None:
            start = datetime(year, mon, 1)
            return _When(start, start + timedelta(days=calendar.monthrange(year, mon)[1]), False)
        start = datetime(year, mon, int(day))
        return _When(start, start + timedelta(days=1), False)
    except (ValueError, OverflowError):
        raise _BadValue(f"there is no such date; {DATE_HELP}") from None


def _read_date(name: str, value: str, _quoted: bool) -> Node:
    """A date term as a half-open interval ``[lo, hi)`` of naive UTC (None: unbounded)."""
    now = utcnow()
    if ".." in value:
        a_text, _, b_text = value.partition("..")
        a, b = _when(a_text, now), _when(b_text, now)
        lo, hi = min(a.start, b.start), max(a.end, b.end)
        if a.relative and b.relative:
            # 7d..30d: from 30 days ago to 7 days ago.
            lo, hi = min(a.start, b.start), max(a.start, b.start)
        return Term(name, "..", (lo, hi))
    op, rest = _split_op(value)
    w = _when(rest, now)
    bounds: tuple[datetime | None, datetime | None]
    if w.relative:
        # "<30d": less than 30 days ago, so after that moment.
        bounds = (None, w.start) if op in (">", ">=") else (w.start, None)
    else:
        bounds = {
            "<": (None, w.start),
            "<=": (None, w.end),
            ">": (w.end, None),
            ">=": (w.start, None),
            "=": (w.start, w.end),
        }[op]
    return Term(name, "..", bounds)


def _read_choice(choices: dict[str, str], help_text: str) -> Callable[[str, str, bool], Node]:
    def read(name: str, value: str, _quoted: bool) -> Node:
        found = choices.get(fold(value))
        if found is None:
            raise _BadValue(help_text)
        return Term(name, "=", found)

    return read


_FIELD_READERS: dict[str, Callable[[str, str, bool], Node]] = {
    "status": _read_status,
    "rating": _read_rating,
    "tag": _read_named,
    "listing": _read_named,
    "author": _read_text_field,
    "title": _read_text_field,
    "abstract": _read_text_field,
    "note": _read_text_field,
    "year": _read_year,
    "added": _read_date,
    "read": _read_date,
    "has": _read_choice(HAS_VALUES, "has: takes note, attachment or abstract"),
    "in": _read_choice(IN_VALUES, "in: takes queue or trash"),
    "lab": _read_choice(LAB_VALUES, "lab: takes read or reading"),
}

# What each field needs in the database, and what to say when it is not there.
NEEDS: dict[str, tuple[str, str]] = {
    "year": ("paper.year", "the year is not known yet in this library"),
    "in:queue": ("paper.queue_position", "this library has no queue yet"),
    "in:trash": ("paper.trashed_at", "this library has no trash yet"),
    "has:attachment": ("attachment", "this library has no attachments yet"),
    "lab:read": ("lab_paper.read_by", "this library cannot be in a lab yet"),
    "lab:reading": ("lab_paper.uuid", "this library cannot be in a lab yet"),
}


def parse(text: str, schema: Iterable[str] | None = None) -> Query:
    """Read a query; raise ``QueryError`` (never anything else) when it cannot be read.

    Args:
        text: what the user typed.
        schema: the library's ``table`` and ``table.column`` names (``queries.schema_names``);
            fields the library cannot answer yet (``year:``) are errors. None skips that check.
    """
    names = None if schema is None else frozenset(schema)

    def known(name: str) -> str | None:
        if names is not None and name in NEEDS and NEEDS[name][0] not in names:
            return NEEDS[name][1]
        return None

    try:
        root = _Parser(text, known).parse()
    except QueryError:
        raise
    except (RecursionError, MemoryError):
        raise QueryError("the query is nested too deeply", 0, len(text)) from None
    return Query(text, root)


def term_for(kind: str, value: str | int) -> str:
    """The query term a sidebar facet stands for: ``term_for("tag", "ml") == 'tag:"=ml"'``."""
    if kind == "status":
        return f"status:{value}"
    if kind == "rating":
        return f"rating:{value}"
    if kind not in ("tag", "listing", "author"):
        raise ValueError(f"no query term for {kind!r}")
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'{kind}:"={escaped}"'


# -- SQL ----------------------------------------------------------------------


@dataclass
class Compiled:
    """An SQL condition on ``paper p`` with its named parameters."""

    sql: str
    params: dict[str, Any] = field(default_factory=dict)
    # Set when the whole condition is "p.id IN (rowids of this MATCH)".
    match: str | None = None


class _Compiler:
    """Builds the condition; text is folded into as few FTS5 queries as it can be.

    Words, "or" between words and "-word" beside words all become one MATCH
    (FTS5 has AND, OR and a binary NOT), answered from the index alone; an
    "or" of id lists (tags, listings, text) becomes one ``IN (... UNION ...)``
    that SQLite can walk instead of scanning every paper.
    """

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def bind(self, value: Any) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def pure(self, node: Node) -> str | None:
        """An FTS5 expression for ``node`` when it is made of text only; None otherwise."""
        if isinstance(node, Text):
            return fts_text(node)
        if isinstance(node, Or):
            parts = [self.pure(n) for n in node.nodes]
            if any(p is None for p in parts):
                return None
            return "(" + " OR ".join(p for p in parts if p is not None) + ")"
        if isinstance(node, And):
            found = self.split_text(node)
            if found is None or len(found[2]) < len(node.nodes):
                return None
            return found[0]
        return None

    def split_text(self, node: And) -> tuple[str, list[Node], list[Node]] | None:
        """The text part of an And as one FTS5 expression, the other children, the text ones.

        None when the And has no positive text to hang a NOT on.
        """
        positive: list[str] = []
        negative: list[str] = []
        used: list[Node] = []
        rest: list[Node] = []
        for child in node.nodes:
            if isinstance(child, Not) and (q := self.pure(child.node)) is not None:
                negative.append(q)
                used.append(child)
            elif not isinstance(child, Not) and (q := self.pure(child)) is not None:
                positive.append(q)
                used.append(child)
            else:
                rest.append(child)
        if not positive:
            return None
        expr = " AND ".join(positive)
        if negative:
            expr = f"({expr}) NOT ({' OR '.join(negative)})"
        elif len(positive) > 1:
            expr = f"({expr})"
        return expr, rest, used

    def idset(self, node: Node) -> str | None:
        """A SELECT of the ids of the papers ``node`` matches, when it is one; None otherwise."""
        bound = dict(self.params)
        found = self._idset(node)
        if found is None:
            self.params = bound  # what a failed try bound is not part of the query
        return found

    def _idset(self, node: Node) -> str | None:
        match = self.pure(node)
        if match is not None:
            return f"SELECT rowid FROM paper_fts WHERE paper_fts MATCH {self.bind(match)}"
        if isinstance(node, Term) and (
            node.field in ("tag", "listing", "author", "read", "lab")
            or (node.field == "has" and node.value in ("note", "attachment"))
        ):
            return self.subquery(node)
        if isinstance(node, Or):
            parts = [self.idset(n) for n in node.nodes]
            if all(p is not None for p in parts):
                return " UNION ".join(p for p in parts if p is not None)
        return None

    def node(self, node: Node) -> str:
        ids = self.idset(node)
        if ids is not None:
            return f"p.id IN ({ids})"
        if isinstance(node, Term):
            return self.term(node)
        if isinstance(node, Not):
            inner = self.idset(node.node)
            if inner is not None:
                return f"p.id NOT IN ({inner})"
            return f"NOT coalesce(({self.node(node.node)}), 0)"
        if isinstance(node, Or):
            return "(" + " OR ".join(self.node(n) for n in node.nodes) + ")"
        assert isinstance(node, And)
        parts: list[str] = []
        children: list[Node] = list(node.nodes)
        found = self.split_text(node)
        if found is not None:
            match, children, _ = found
            parts.append(
                f"p.id IN (SELECT rowid FROM paper_fts WHERE paper_fts MATCH {self.bind(match)})"
            )
        parts.extend(self.node(n) for n in children)
        return "(" + " AND ".join(parts) + ")"

    def subquery(self, t: Term) -> str:
        # Each looks the few matching names up first, then their papers by index.
        f, op, v = t.field, t.op, t.value
        if f == "lab" and v == "read":
            # Counts pulled from the lab at each sync (members who share their status).
            return "SELECT paper_id FROM lab_paper WHERE read_by > 0"
        if f == "lab":
            return LAB_READING_IDS
        if f == "has":
            if v == "note":
                return "SELECT paper_id FROM note WHERE body != ''"
            return "SELECT paper_id FROM attachment"
        if f in ("tag", "listing"):
            table, link, key = (
                ("tag", "paper_tag", "tag_id")
                if f == "tag"
                else ("source_listing", "paper_source", "listing_id")
            )
            cond = "name = {}" if op == "=" else "name LIKE {} ESCAPE '\\'"
            arg = v if op == "=" else _like(v)
            return (
                f"SELECT paper_id FROM {link} WHERE {key} IN"
                f" (SELECT id FROM {table} WHERE {cond.format(self.bind(arg))})"
            )
        if f == "author":
            return (
                "SELECT paper_id FROM paper_author WHERE author_id IN"
                f" (SELECT id FROM author WHERE name_key = {self.bind(v)})"
            )
        lo, hi = v
        conds = ["e.new_status = 'read'"]
        if lo is not None:
            conds.append(f"e.at >= {self.bind(_stamp(lo))}")
        if hi is not None:
            conds.append(f"e.at < {self.bind(_stamp(hi))}")
        return f"SELECT e.paper_id FROM reading_event e WHERE {' AND '.join(conds)}"

    def term(self, t: Term) -> str:
        f, op, v = t.field, t.op, t.value
        if f == "status":
            marks = ", ".join(self.bind(s) for s in v)
            return f"p.status IN ({marks})"
        if f in ("rating", "year"):
            column = f"p.{f}"
            if op == "..":
                return f"{column} BETWEEN {self.bind(v[0])} AND {self.bind(v[1])}"
            return f"{column} {op} {self.bind(v)}"
        if f in ("tag", "listing", "author", "read"):
            return f"p.id IN ({self.subquery(t)})"
        if f == "added":
            lo, hi = v
            conds = []
            if lo is not None:
                conds.append(f"p.added_at >= {self.bind(_stamp(lo))}")
            if hi is not None:
                conds.append(f"p.added_at < {self.bind(_stamp(hi))}")
            return "(" + " AND ".join(conds or ["1"]) + ")"
        if f == "has" and v == "abstract":
            # Most papers have one: looked up per paper by key, as listing
            # every abstract's id would read every abstract (80 MB at 100k).
            return (
                "EXISTS (SELECT 1 FROM paper_abstract a WHERE a.paper_id = p.id AND a.text != '')"
            )
        if f == "has":
            return f"p.id IN ({self.subquery(t)})"
        if v == "queue":
            return "p.queue_position IS NOT NULL"
        return "p.trashed_at IS NOT NULL"


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _stamp(moment: datetime) -> str:
    # The library stores "YYYY-MM-DD HH:MM:SS.ffffff", which compares as text.
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def fts_text(node: Text) -> str:
    """An FTS5 expression for a text node, built only from quoted words."""
    if node.phrase:
        body = '"' + " ".join(node.words) + '"' + ("*" if node.prefix else "")
    elif node.prefix:
        # The plain search's quoting, word by word; FTS5 reads phrases side by
        # side as AND but not a phrase beside a group, so AND is spelled out.
        body = " AND ".join(fts_query(w) or '""' for w in node.words)
    else:
        body = " AND ".join(f'"{w}"' for w in node.words)
    if node.column is not None:
        return f"{node.column} : ({body})"
    return f"({body})" if " " in body else body


def compile_query(query: Query) -> Compiled | None:
    """The SQL condition for ``query`` on ``paper p``; None when it matches every paper."""
    if query.root is None:
        return None
    compiler = _Compiler()
    match = compiler.pure(query.root)
    if match is not None:
        sql = f"p.id IN (SELECT rowid FROM paper_fts WHERE paper_fts MATCH {compiler.bind(match)})"
        return Compiled(sql, compiler.params, match)
    return Compiled(compiler.node(query.root), compiler.params)
