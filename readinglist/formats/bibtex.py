"""BibTeX and BibLaTeX: the reader (bibtexparser splits, we evaluate) and the two writers."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import TextIO

from bibtexparser import model
from bibtexparser.entrypoint import parse_string

from readinglist.formats import saved
from readinglist.formats.keys import KeyMaker
from readinglist.formats.latex import (
    ascii_latex,
    decode_groups,
    to_latex,
    to_text,
    to_text_keep_paragraphs,
)
from readinglist.formats.names import bib_name_list, bib_names
from readinglist.formats.record import (
    PLAIN,
    BadEntry,
    ReadResult,
    Record,
    State,
    WriteOptions,
    split_state,
    state_lines,
    tags_and_keywords,
)
from readinglist.formats.textio import content_hash

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_MACROS = {name[:3].lower(): name for name in MONTH_NAMES}
_MONTH_NUMBER = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{str(i): i for i in range(1, 13)},
    **{f"{i:02d}": i for i in range(1, 13)},
}
BIBTEX_TYPES = frozenset(
    [
        "article",
        "book",
        "booklet",
        "conference",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
    ]
)
BIBLATEX_TYPES = frozenset(
    [
        "article",
        "book",
        "mvbook",
        "inbook",
        "bookinbook",
        "suppbook",
        "booklet",
        "collection",
        "mvcollection",
        "incollection",
        "suppcollection",
        "dataset",
        "manual",
        "misc",
        "online",
        "patent",
        "periodical",
        "suppperiodical",
        "proceedings",
        "mvproceedings",
        "inproceedings",
        "reference",
        "mvreference",
        "inreference",
        "report",
        "set",
        "software",
        "thesis",
        "unpublished",
        "xdata",
        "customa",
        "customb",
        "customc",
        "customd",
        "custome",
        "customf",
        "artwork",
        "audio",
        "bibnote",
        "commentary",
        "image",
        "jurisdiction",
        "legislation",
        "legal",
        "letter",
        "movie",
        "music",
        "performance",
        "review",
        "standard",
        "video",
        "electronic",
        "www",
    ]
)
# Entries that are not works: IEEEtran's style control, BibLaTeX entry sets.
SKIP_TYPES = frozenset(["ieeetranbstctl", "set"])
KNOWN_TYPES = BIBTEX_TYPES | BIBLATEX_TYPES
# BibLaTeX types a BibTeX style knows under another name.
TO_BIBTEX_TYPE = {
    "thesis": "phdthesis",
    "report": "techreport",
    "online": "misc",
    "electronic": "misc",
    "www": "misc",
    "collection": "book",
    "mvbook": "book",
    "bookinbook": "inbook",
    "inreference": "incollection",
    "mvproceedings": "proceedings",
}
# Where each kind of entry names its venue, in order of preference.
_VENUE_BY_TYPE: dict[str, tuple[str, ...]] = {
    "article": ("journaltitle", "journal"),
    "periodical": ("journaltitle", "journal", "title"),
    "inproceedings": ("booktitle", "eventtitle", "journaltitle", "journal"),
    "conference": ("booktitle",),
    "incollection": ("booktitle",),
    "inbook": ("booktitle", "publisher"),
    "bookinbook": ("booktitle",),
    "inreference": ("booktitle",),
    "phdthesis": ("school", "institution"),
    "mastersthesis": ("school", "institution"),
    "thesis": ("institution", "school"),
    "techreport": ("institution", "publisher"),
    "report": ("institution", "publisher"),
}
_VENUE_ANY = (
    "journaltitle",
    "journal",
    "booktitle",
    "publisher",
    "school",
    "institution",
    "organization",
    "howpublished",
)
# Fields the writer fills from the record; the rest of ``extra`` goes out verbatim.
_STATE_FIELDS = ("readstatus", "ranking", "annote")
_ZOTERO_FIELDS = ("extra", "note")
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID.pattern, re.IGNORECASE)
_ARXIV_NAMED = re.compile(r"arxiv[:.]\s*" + _ARXIV_ID.pattern, re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(\d{4})")
_JABREF_STATUS = {"read": "read", "skimmed": "reading"}
_JABREF_STATUS_BACK = {"read": "read", "reading": "skimmed"}
_RANK = re.compile(r"^rank([1-5])$")


# -- values ------------------------------------------------------------------------------


_BRACE = re.compile(r"[{}]")
_BRACE_OR_QUOTE = re.compile(r'[{}"]')


def _closing(text: str, start: int, close: str) -> int:
    """Index of the ``close`` that ends the group opened just before ``start`` (-1: none)."""
    depth = 0
    # Jumping from brace to brace: abstracts are long and mostly plain.
    for m in (_BRACE if close == "}" else _BRACE_OR_QUOTE).finditer(text, start):
        ch = m.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0 and close == "}":
                return m.start()
            depth -= 1
        elif depth == 0:
            return m.start()
    return -1


class MalformedValue(ValueError):
    """A field value that is not parts joined by ``#``: mostly a missing comma."""


def evaluate(raw: str, macros: dict[str, str], unknown: set[str]) -> str:
    """A field's value: braced and quoted parts, numbers and @string macros joined by ``#``.

    Two parts with no ``#`` between them mean the field ran into the next one (a
    missing comma): MalformedValue.
    """
    # The usual shapes first: one braced value, a number, a macro.
    first = raw[:1]
    if first == "{":
        if raw[-1] == "}":
            inner = raw[1:-1]
            if ("{" not in inner and "}" not in inner) or _closing(raw, 1, "}") == len(raw) - 1:
                return inner
    elif raw.isdigit():
        return raw
    elif first != '"' and (found := macros.get(raw.lower())) is not None:
        return found
    out: list[str] = []
    i, n = 0, len(raw)
    joined = True
    while i < n:
        ch = raw[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "#":
            joined = True
            i += 1
            continue
        if not joined:
            raise MalformedValue(f"text after the value: {raw[i : i + 30].strip()!r}")
        joined = False
        if ch in '{"':
            end = _closing(raw, i + 1, "}" if ch == "{" else '"')
            if end < 0:
                raise MalformedValue("a value that does not end")
            out.append(raw[i + 1 : end])
            i = end + 1
        else:
            j = i
            while j < n and not raw[j].isspace() and raw[j] != "#":
                j += 1
            word = raw[i:j]
            if word.isdigit():
                out.append(word)
            elif word.lower() in macros:
                out.append(macros[word.lower()])
            else:
                if "=" in word or "{" in word or "}" in word or '"' in word:
                    raise MalformedValue(f"text after the value: {word!r}")
                unknown.add(word)
                out.append(word)
            i = j
    return "".join(out)


def _plain(value: str) -> str:
    """A DOI's or URL's text: braces and TeX escapes of URL characters removed."""
    if "\\" in value:
        if value.startswith("\\url{") and value.endswith("}"):
            value = value[5:-1]
        value = _TEX_ESCAPED.sub(r"\1", value)
    return value.replace("{", "").replace("}", "").strip()


_TEX_ESCAPED = re.compile(r"\\([_%#&~$])")


def clean_doi(value: str) -> str:
    return _DOI_PREFIX.sub("", _plain(value)).strip()


_NOTE_ESCAPES = {"\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}"}
_NOTE_ESCAPE = re.compile(r"[\\{}]")
_NOTE_UNESCAPE = re.compile(r"\\text(?:backslash|braceleft|braceright)\{\}")
_NOTE_BACK = {v: k for k, v in _NOTE_ESCAPES.items()}


def _note_text(value: str) -> str:
    """A note field as text: the writer escapes only the backslash and braces (and, with
    --ascii, writes accents as braced LaTeX groups)."""
    return _NOTE_UNESCAPE.sub(lambda m: _NOTE_BACK[m.group(0)], decode_groups(value))


def _note_tex(text: str) -> str:
    """A note (Markdown) as a field: only what BibTeX would misread is escaped."""
    return _NOTE_ESCAPE.sub(lambda m: _NOTE_ESCAPES[m.group(0)], text)


def _keywords(value: str) -> tuple[str, ...]:
    sep = ";" if ";" in value else ","
    return tuple(dict.fromkeys(k.strip() for k in to_text(value).split(sep) if k.strip()))


def _month(value: str) -> int | None:
    found = _MONTH_NUMBER.get(value.lower())
    if found is not None:  # plain text already
        return found
    return _MONTH_NUMBER.get(to_text(value).strip().lower().rstrip("."))


# -- reading -----------------------------------------------------------------------------


def _entry_fields(entry: model.Entry, macros: dict[str, str], unknown: set[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for f in entry.fields:
        value = f.value
        if type(value) is not str:
            value = str(value)
        fields[f.key.strip().lower()] = evaluate(value, macros, unknown)
    return fields


def _inherit(
    fields: dict[str, str], parents: dict[str, dict[str, str]], parent_types: dict[str, str]
) -> set[str]:
    """Fill fields from ``crossref`` and ``xdata`` parents; return the names filled."""
    filled: set[str] = set()
    keys = [k.strip().lower() for k in fields.get("xdata", "").split(",") if k.strip()]
    if fields.get("crossref"):
        keys.append(fields["crossref"].strip().lower())
    for key in keys:
        parent = parents.get(key)
        if parent is None:
            continue
        for name, value in parent.items():
            if name in ("crossref", "xdata", "ids"):
                continue
            target = name
            # A proceedings' or book's title is its children's booktitle.
            if name == "title" and parent_types.get(key) in ("proceedings", "book", "collection"):
                target = "booktitle"
            if target not in fields:
                fields[target] = value
                filled.add(target)
    return filled


def _venue(kind: str, fields: dict[str, str]) -> str | None:
    for name in (*_VENUE_BY_TYPE.get(kind, ()), *_VENUE_ANY):
        if fields.get(name, "").strip():
            return to_text(fields[name])
    return None


def _arxiv(fields: dict[str, str]) -> str | None:
    eprint = fields.get("eprint", "").strip()
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if eprint and (kind == "arxiv" or (not kind and _ARXIV_ID.fullmatch(eprint))):
        return _plain(eprint)
    for name in ("url", "doi", "journal", "note", "howpublished"):
        value = fields.get(name, "")
        if not value or "arxiv" not in value.lower():
            continue
        m = _ARXIV_URL.search(value) or (_ARXIV_NAMED.search(value) if name != "url" else None)
        if m:
            return m.group(1)
    return None


def _date(fields: dict[str, str], year: int | None) -> str | None:
    if fields.get("date", "").strip():
        return _plain(fields["date"])
    if year is None:
        return None
    month = _month(fields.get("month", "")) if fields.get("month") else None
    if month is None:
        return None
    day = fields.get("day", "").strip()
    return f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day.isdigit() else "")


def to_record(
    kind: str, key: str, fields: dict[str, str], inherited: set[str], line: int, name: str
) -> Record:
    """A BibTeX entry's evaluated fields as a record; ``inherited`` are not kept verbatim."""
    year_text = fields.get("year", "") or fields.get("date", "")
    m = _YEAR.match(_plain(year_text)) if year_text else None
    year = int(m.group(1)) if m else None
    authors, _others = bib_names(fields["author"]) if fields.get("author") else ([], False)
    extra = {k: v for k, v in fields.items() if k not in inherited and k not in _STATE_FIELDS}
    state = State()
    for field_name in _ZOTERO_FIELDS:
        if field_name in extra:
            found = split_state(extra[field_name])
            if found.status or found.date or found.rating or found.tags is not None:
                state = State(
                    found.status or state.status,
                    found.date or state.date,
                    found.rating or state.rating,
                    found.tags if found.tags is not None else state.tags,
                )
                if found.rest:
                    extra[field_name] = found.rest
                else:
                    del extra[field_name]
    status, date, rating = state.status, state.date, state.rating
    jabref = _JABREF_STATUS.get(fields.get("readstatus", "").strip().lower())
    if jabref and not status:
        status = jabref
    rank = _RANK.match(fields.get("ranking", "").strip().lower())
    if rank and not rating:
        rating = int(rank.group(1))
    keywords = _keywords(fields["keywords"]) if fields.get("keywords") else ()
    note = _note_text(fields["annote"]).strip() if fields.get("annote", "").strip() else None
    has_state = bool(status or rating or "readstatus" in fields or "ranking" in fields)
    tags, keywords = tags_and_keywords(keywords, state, has_state)
    return Record(
        title=to_text(fields.get("title", "")),
        authors=tuple(authors),
        abstract=to_text_keep_paragraphs(fields["abstract"]) if fields.get("abstract") else None,
        type=kind,
        year=year,
        date=_date(fields, year),
        venue=_venue(kind, fields),
        volume=to_text(fields["volume"]) if fields.get("volume") else None,
        number=to_text(number) or None
        if (number := fields.get("number") or fields.get("issue"))
        else None,
        pages=to_text(fields["pages"]) if fields.get("pages") else None,
        doi=clean_doi(fields["doi"]) if fields.get("doi") else None,
        url=_plain(fields["url"]) if fields.get("url") else None,
        arxiv=_arxiv(fields),
        key=key or None,
        language=to_text(language) or None
        if (language := fields.get("langid") or fields.get("language"))
        else None,
        keywords=keywords,
        extra=extra,
        status=status,
        status_date=date,
        rating=rating,
        # JabRef and Zotero keep tags as keywords: a file that carries reading state
        # gives them back as tags.
        tags=tags,
        note=note,
        line=line,
        file=name,
        format="bibtex",
    )


def read_text(text: str, name: str = "") -> ReadResult:
    """Read BibTeX or BibLaTeX text: every entry that parses, and each broken one's line."""
    # The splitter logs each broken block; we report them ourselves, with the file name.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = parse_string(text, parse_stack=[])
    result = ReadResult(name=name, format="bibtex", records=[], content_hash=content_hash(text))
    macros: dict[str, str] = dict(MONTH_MACROS)
    unknown: set[str] = set()
    found: list[tuple[str, str, dict[str, str], int]] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            kept = block.ignore_error_block
            if isinstance(kept, model.String):
                block = kept
            elif isinstance(kept, model.Entry):
                result.warnings.append(
                    f"{name}, line {line}: the key '{kept.key}' is used twice; both entries kept."
                )
                block = kept
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            kept = block.ignore_error_block
            fields = ", ".join(sorted(block.duplicate_keys))
            result.warnings.append(f"{name}, line {line}: field(s) {fields} given twice.")
            if isinstance(kept, model.Entry):
                block = kept
        if isinstance(block, model.String):
            try:
                macros[block.key.strip().lower()] = evaluate(str(block.value), macros, unknown)
            except MalformedValue as exc:
                result.bad.append(BadEntry(name, line, f"@string{{{block.key}: {exc}"))
        elif isinstance(block, model.Entry):
            kind = block.entry_type.strip().lower()
            if kind in SKIP_TYPES:
                continue
            if kind not in KNOWN_TYPES:
                result.bad.append(BadEntry(name, line, f"unknown entry type '@{kind}'"))
                continue
            try:
                values = _entry_fields(block, macros, unknown)
            except MalformedValue as exc:
                why = f"@{kind}{{{block.key.strip()}: {exc} (a missing comma?)"
                result.bad.append(BadEntry(name, line, why))
                continue
            found.append((kind, block.key.strip(), values, line))
        elif isinstance(block, model.ParsingFailedBlock):
            result.bad.append(BadEntry(name, line, _failure(block)))
        elif isinstance(block, model.ExplicitComment) and (
            search := saved.from_bibtex_comment(str(block.comment))
        ):
            result.saved_searches.append(search)
    parents = {key.lower(): fields for _, key, fields, _ in found if key}
    parent_types = {key.lower(): kind for kind, key, _, _ in found if key}
    for kind, key, entry_fields_, line in found:
        if kind == "xdata":
            continue
        inherited = _inherit(entry_fields_, parents, parent_types)
        record = to_record(kind, key, entry_fields_, inherited, line, name)
        if not record.title:
            result.warnings.append(f"{name}, line {line}: @{kind}{{{key}}} has no title.")
        result.records.append(record)
    if unknown:
        result.warnings.append(
            f"{name}: undefined @string macro(s) kept as written: {', '.join(sorted(unknown))}."
        )
    return result


def _failure(block: model.ParsingFailedBlock) -> str:
    why = str(getattr(block.error, "abort_reason", "") or block.error).strip()
    raw = (block.raw or "").lstrip()
    head = raw.split(",", 1)[0].split("\n", 1)[0][:60] if raw else "the entry"
    return f"{head}: {why or 'malformed entry'}"


def sniff(head: str) -> float:
    """How much ``head`` looks like BibTeX: an ``@type{`` at the start of a line."""
    m = re.search(r"^[ \t]*@([A-Za-z]+)[ \t]*[{(]", head, re.MULTILINE)
    if m is None:
        return 0.0
    kind = m.group(1).lower()
    return 0.95 if kind in KNOWN_TYPES or kind in ("string", "comment", "preamble") else 0.6


# -- writing -----------------------------------------------------------------------------


def _venue_field(kind: str, dialect: str) -> str:
    if kind in ("article", "periodical"):
        return "journaltitle" if dialect == "biblatex" else "journal"
    if kind in ("inproceedings", "conference", "incollection", "inbook", "bookinbook"):
        return "booktitle"
    if kind in ("phdthesis", "mastersthesis", "thesis"):
        return "institution" if dialect == "biblatex" else "school"
    if kind in ("techreport", "report"):
        return "institution"
    if kind in ("book", "proceedings", "collection", "mvbook", "manual", "booklet"):
        return "publisher"
    return "howpublished"


def _entry_type(record: Record, dialect: str) -> str:
    kind = (record.type or "").lower()
    if not kind or kind not in KNOWN_TYPES or kind == "xdata":
        # What we know nothing about: an article when it has a journal and a year.
        kind = "article" if record.venue and record.year else "misc"
    if dialect == "bibtex":
        kind = TO_BIBTEX_TYPE.get(kind, kind)
        if kind not in BIBTEX_TYPES:
            kind = "misc"
    return kind


def _keep_or(
    raw: str | None, value: str, decode: Callable[[str], str], encoded: str | Callable[[], str]
) -> str:
    """The source's own text when it still says ``value``, else the freshly encoded one."""
    if raw is None:
        return encoded if isinstance(encoded, str) else encoded()
    if raw == value:
        return raw
    # Encoding is cheaper than decoding, and the source is often what we would write.
    text = encoded if isinstance(encoded, str) else encoded()
    if text == raw or decode(raw) == value:
        return raw
    return text


def _text_value(source: str | None, value: str, asc: bool, protect: bool) -> str:
    """``_keep_or`` for a text field (``to_text`` / ``to_latex``), without the closures."""
    if source is not None and source == value:
        return source
    text = to_latex(value, ascii_only=asc, protect_case=protect)
    if source is None or text == source:
        return text
    return source if to_text(source) == value else text


def _ascii(value: str) -> str:
    return value if value.isascii() else ascii_latex(value)


def to_store(record: Record) -> dict[str, str]:
    """The source fields a library keeps for export: ``record.extra`` without those the
    writer gives back as they were from the record's own values.

    A field is left out only when the source's text is exactly what the writer makes
    of the value without it (in both dialects, and with --ascii, which encodes a
    character at a time), so that an export writes the same text either way, edited
    or not; only its place among the fields may change. Most abstracts, titles,
    DOIs and URLs are such: keeping them again doubled the database.
    """
    extra = record.extra
    same: list[str] = []
    for name, value, protect in (
        ("abstract", record.abstract, False),
        ("title", record.title, True),
        ("volume", record.volume, False),
        ("pages", record.pages, False),
    ):
        raw = extra.get(name)
        if raw is not None and value and raw == to_latex(value, protect_case=protect):
            same.append(name)
    for name, value in (("url", record.url), ("doi", record.doi)):
        raw = extra.get(name)
        if raw is not None and value and raw == _url_text(value):
            same.append(name)
    raw = extra.get("keywords")
    if (
        raw is not None
        and record.keywords
        and not any("," in k or ";" in k for k in record.keywords)
        and raw == ", ".join(to_latex(k) for k in record.keywords)
    ):
        same.append("keywords")
    raw = extra.get("author")
    # ASCII only: with --ascii a name that does not read back is braced whole.
    if (
        raw is not None
        and record.authors
        and raw.isascii()
        and raw == bib_name_list(list(record.authors))
    ):
        same.append("author")
    if not same:
        return extra
    return {k: v for k, v in extra.items() if k not in same}


def entry_fields(record: Record, kind: str, dialect: str, options: WriteOptions) -> dict[str, str]:
    """The fields of a record's entry, in order: the source's first, then the mapped ones."""
    raw = {k: v for k, v in record.extra.items() if ":" not in k}
    asc = options.ascii
    mapped: dict[str, str] = {}

    def text_field(name: str, value: str | None, protect: bool = False) -> None:
        if value:
            mapped[name] = _text_value(raw.get(name), value, asc, protect)

    if record.authors:
        current = list(record.authors)
        source = raw.get("author")
        generated = bib_name_list(current, asc)
        if source is not None and source != generated and bib_names(source)[0] == current:
            mapped["author"] = source
        else:
            mapped["author"] = generated
    text_field("title", record.title, protect=True)
    if record.venue:
        candidates = [n for n in (*_VENUE_BY_TYPE.get(kind, ()), *_VENUE_ANY) if n in raw]
        same = [n for n in candidates if to_text(raw[n]) == record.venue]
        text_field(same[0] if same else _venue_field(kind, dialect), record.venue)
    if record.year is not None:
        if dialect == "biblatex" and "year" not in raw:
            mapped["date"] = _keep_or(raw.get("date"), record.date or "", _plain, record.date or "")
            if not record.date:
                mapped["date"] = str(record.year)
        else:
            mapped["year"] = _keep_or(raw.get("year"), str(record.year), _plain, str(record.year))
            month = _date_month(record.date)
            if month and (raw.get("month") is None or _month(raw["month"]) != month):
                mapped["month"] = MONTH_NAMES[month - 1][:3].lower()
            if record.date and dialect == "biblatex" and "date" not in raw:
                mapped["date"] = record.date
    elif record.date:
        mapped["date"] = _keep_or(raw.get("date"), record.date, _plain, record.date)
    text_field("volume", record.volume)
    if record.number:
        name = "issue" if "issue" in raw and "number" not in raw else "number"
        text_field(name, record.number)
    text_field("pages", record.pages)
    if record.doi:
        mapped["doi"] = _keep_or(raw.get("doi"), record.doi, clean_doi, _url_text(record.doi))
    if record.url:
        mapped["url"] = _keep_or(raw.get("url"), record.url, _plain, _url_text(record.url))
    if record.arxiv and _arxiv(raw) != record.arxiv:
        mapped["eprint"] = record.arxiv
        if dialect == "biblatex":
            mapped["eprinttype"] = "arxiv"
        else:
            mapped["archiveprefix"] = "arXiv"
    if record.language:
        name = "langid" if "langid" in raw or dialect == "biblatex" else "language"
        text_field(name, record.language)
    if record.abstract:
        abstract = record.abstract
        mapped["abstract"] = _keep_or(
            raw.get("abstract"),
            abstract,
            to_text_keep_paragraphs,
            lambda: to_latex(abstract, ascii_only=asc),
        )
    keywords = list(record.keywords)
    if options.with_state:
        keywords += [t for t in record.tags if t not in keywords]
    if keywords:
        source = raw.get("keywords")
        generated = ", ".join(to_latex(k, ascii_only=asc) for k in keywords)
        if source is not None and source != generated and list(_keywords(source)) == keywords:
            mapped["keywords"] = source
        else:
            mapped["keywords"] = generated
    elif "keywords" in raw:
        mapped["keywords"] = raw["keywords"]
    if options.with_state:
        if record.status in _JABREF_STATUS_BACK:
            mapped["readstatus"] = _JABREF_STATUS_BACK[record.status]
        if record.rating:
            mapped["ranking"] = f"rank{record.rating}"
        if record.note:
            mapped["annote"] = _note_tex(record.note)
        lines = state_lines(record)
        if lines:
            before = raw.get("extra")
            mapped["extra"] = "\n".join(lines) + (f"\n{before}" if before else "")
    if raw:
        out: dict[str, str] = {}
        for name, value in raw.items():
            out[name] = mapped.pop(name) if name in mapped else value
        out.update(mapped)
    else:
        out = mapped
    if asc:
        out = {k: _ascii(v) for k, v in out.items()}
    return {k: v for k, v in out.items() if v.strip()}


_DATE_MONTH = re.compile(r"^\d{4}-(\d{2})")


def _date_month(date: str | None) -> int | None:
    if not date:
        return None
    m = _DATE_MONTH.match(date)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None


def _url_text(value: str) -> str:
    # Inside braces BibTeX takes everything but unbalanced braces; a URL never needs them.
    return value.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _braced(name: str, value: str) -> str:
    if name == "month" and (number := _month(value)):
        # As the macro: Biber wants a month as a number and warns about "March".
        return MONTH_NAMES[number - 1][:3].lower()
    return "{" + value + "}"


def write(
    records: Iterable[Record],
    out: TextIO,
    options: WriteOptions = PLAIN,
    dialect: str = "bibtex",
) -> int:
    """Write ``records`` as BibTeX (``dialect='biblatex'`` for BibLaTeX); returns the count."""
    keys = KeyMaker()
    count = 0
    write_ = out.write
    if options.with_state and options.saved_searches:
        write_(saved.bibtex_block(options.saved_searches))
    for record in records:
        kind = _entry_type(record, dialect)
        key = keys.key(record.key, record.authors, record.year, record.title)
        fields = entry_fields(record, kind, dialect, options)
        if fields:
            if "month" in fields:
                lines = [
                    f"  {name} = {_braced(name, value)}"
                    if name == "month"
                    else f"  {name} = {{{value}}}"
                    for name, value in fields.items()
                ]
            else:
                lines = [f"  {name} = {{{value}}}" for name, value in fields.items()]
            write_(f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}\n\n")
        else:
            write_(f"@{kind}{{{key}\n}}\n\n")
        count += 1
    return count


def write_biblatex(records: Iterable[Record], out: TextIO, options: WriteOptions = PLAIN) -> int:
    return write(records, out, options, dialect="biblatex")
