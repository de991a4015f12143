"""CSL-JSON, what Zotero, Better BibTeX and citation processors exchange: reader and writer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from readinglist.formats.bibtex import clean_doi
from readinglist.formats.names import csl_display, csl_name
from readinglist.formats.record import (
    PLAIN,
    BadEntry,
    FormatError,
    ReadResult,
    Record,
    WriteOptions,
    split_state,
    tags_and_keywords,
    with_state_note,
)
from readinglist.formats.textio import content_hash

TYPE_FROM_CSL = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "book": "book",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "report": "techreport",
    "webpage": "online",
    "post-weblog": "online",
    "post": "online",
    "manuscript": "unpublished",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "standard": "standard",
    "article": "misc",
}
TYPE_TO_CSL = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "standard": "standard",
    "misc": "document",
}
_MAPPED = frozenset(
    [
        "id",
        "type",
        "title",
        "author",
        "issued",
        "container-title",
        "volume",
        "issue",
        "page",
        "DOI",
        "URL",
        "abstract",
        "keyword",
        "note",
        "language",
    ]
)
_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5}(?:v\d+)?)|arXiv[:.]\s*(\d{4}\.\d{4,5})"
)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _date_part(parts: Any) -> str | None:
    if not isinstance(parts, list) or not parts:
        return None
    try:
        numbers = [int(p) for p in parts[:3]]
    except (TypeError, ValueError):
        return None
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


def _issued(value: Any) -> tuple[int | None, str | None]:
    if not isinstance(value, dict):
        return None, None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts:
        dates = [d for d in (_date_part(p) for p in parts[:2]) if d]
        if dates:
            return int(dates[0][:4]), "/".join(dates)
    for key in ("raw", "literal"):
        text = _text(value.get(key))
        if text:
            m = re.search(r"\b(\d{4})\b", text)
            if m:
                iso = re.match(r"^\d{4}(?:-\d{2}){0,2}(?:/\d{4}(?:-\d{2}){0,2})?$", text)
                return int(m.group(1)), text if iso else None
    return None, None


def _record(item: dict[str, Any], line: int, name: str) -> Record:
    kind = TYPE_FROM_CSL.get(str(item.get("type", "")), "misc")
    year, date = _issued(item.get("issued"))
    if date is not None and len(date) == 4:
        date = None
    raw_keywords = item.get("keyword")
    if isinstance(raw_keywords, list):
        keywords = tuple(str(k).strip() for k in raw_keywords if str(k).strip())
    else:
        text = _text(raw_keywords) or ""
        sep = ";" if ";" in text else ","
        keywords = tuple(k.strip() for k in text.split(sep) if k.strip())
    state = split_state(_text(item.get("note")))
    status, status_date, rating, note = state.status, state.date, state.rating, state.rest
    url, doi = _text(item.get("URL")), _text(item.get("DOI"))
    arxiv = None
    for value in (url or "", doi or "", _text(item.get("number")) or ""):
        m = _ARXIV.search(value)
        if m:
            arxiv = m.group(1) or m.group(2)
            break
    extra = {
        f"csl:{k}": json.dumps(v, ensure_ascii=False) for k, v in item.items() if k not in _MAPPED
    }
    if str(item.get("type", "")) not in TYPE_FROM_CSL and item.get("type"):
        extra["csl:type"] = json.dumps(item["type"])
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    key = _text(item.get("id"))
    if key and "://" in key:
        # Zotero's item URI is an id, not a citation key: kept, and written back.
        extra["csl:id"] = json.dumps(item["id"])
        key = None
    has_state = bool(status or rating)
    tags, keywords = tags_and_keywords(keywords, state, has_state)
    return Record(
        title=" ".join((_text(item.get("title")) or "").split()),
        authors=tuple(d for d in (csl_display(a) for a in authors or ()) if d),
        abstract=_text(item.get("abstract")),
        type=kind,
        year=year,
        date=date,
        venue=_text(item.get("container-title")),
        volume=_text(item.get("volume")),
        number=_text(item.get("issue")),
        pages=_text(item.get("page")),
        doi=clean_doi(doi) if doi else None,
        url=url,
        arxiv=arxiv,
        key=key,
        language=_text(item.get("language")),
        keywords=keywords,
        extra=extra,
        status=status,
        status_date=status_date,
        rating=rating,
        tags=tags,
        note=note,
        line=line,
        file=name,
        format="csljson",
    )


def _items(text: str, name: str, result: ReadResult) -> list[tuple[Any, int]]:
    """The top-level items with their line numbers (read one by one to know where each is)."""
    decoder = json.JSONDecoder()
    label = f"'{name}'" if name else "the text"
    i = len(text) - len(text.lstrip())
    if text[i : i + 1] == "{":
        try:
            value, _ = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"Cannot import {label}: bad JSON at line {exc.lineno}: {exc.msg}."
            ) from None
        if isinstance(value, dict) and isinstance(value.get("items"), list):
            return [(v, 1) for v in value["items"]]
        return [(value, text.count("\n", 0, i) + 1)]
    if text[i : i + 1] != "[":
        raise FormatError(f"Cannot import {label}: it is not CSL-JSON (no list of items).")
    items: list[tuple[Any, int]] = []
    i += 1
    n = len(text)
    while i < n:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n or text[i] == "]":
            break
        line = text.count("\n", 0, i) + 1
        try:
            value, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            result.bad.append(BadEntry(name, exc.lineno, f"bad JSON: {exc.msg}"))
            break
        items.append((value, line))
    return items


def read_text(text: str, name: str = "") -> ReadResult:
    """Read CSL-JSON: a list of items (or one item, or Zotero's ``{"items": [...]}``)."""
    text = text.lstrip("\ufeff")
    result = ReadResult(name=name, format="csljson", records=[], content_hash=content_hash(text))
    items = _items(text, name, result)
    if items and not any(isinstance(i, dict) and ("title" in i or "type" in i) for i, _ in items):
        from readinglist.formats import READ_NAMES

        label = f"'{name}'" if name else "the text"
        raise FormatError(
            f"Cannot import {label}: it is JSON but not CSL-JSON (no item has a title or a type);"
            f" readinglist reads {READ_NAMES}."
        )
    for item, line in items:
        if not isinstance(item, dict):
            result.bad.append(BadEntry(name, line, "an item that is not a JSON object"))
            continue
        record = _record(item, line, name)
        if record.title:
            result.records.append(record)
        else:
            result.warnings.append(f"{name}, line {line}: an item without a title.")
            result.records.append(record)
    return result


def sniff(head: str) -> float:
    stripped = head.lstrip("\ufeff \t\r\n")
    if not stripped.startswith(("[", "{")):
        return 0.0
    if re.search(r'"(?:title|container-title|issued|DOI)"\s*:', stripped):
        return 0.9
    return 0.3


def _date_parts(date: str | None, year: int | None) -> dict[str, Any] | None:
    if date:
        parts = []
        for piece in date.split("/")[:2]:
            numbers = [int(p) for p in piece.split("-") if p.isdigit()]
            if numbers:
                parts.append(numbers)
        if parts:
            return {"date-parts": parts}
        return {"raw": date}
    if year is not None:
        return {"date-parts": [[year]]}
    return None


def to_item(r: Record, options: WriteOptions) -> dict[str, Any]:
    item: dict[str, Any] = {"id": r.key or "", "type": TYPE_TO_CSL.get(r.type, "article-journal")}
    extra = {k[4:]: v for k, v in r.extra.items() if k.startswith("csl:")}
    if "type" in extra:
        item["type"] = json.loads(extra.pop("type"))
    item["title"] = r.title
    if r.authors:
        # Shared name objects: the items are only serialized.
        item["author"] = [csl_name(a) for a in r.authors]
    issued = _date_parts(r.date, r.year)
    if issued:
        item["issued"] = issued
    for key, value in (
        ("container-title", r.venue),
        ("volume", r.volume),
        ("issue", r.number),
        ("page", r.pages),
        ("DOI", r.doi),
        ("URL", r.url),
        ("language", r.language),
        ("abstract", r.abstract),
    ):
        if value:
            item[key] = value
    keywords = list(r.keywords)
    if options.with_state:
        keywords += [t for t in r.tags if t not in keywords]
    if keywords:
        item["keyword"] = ", ".join(keywords)
    note = with_state_note(r) if options.with_state else None
    if note:
        item["note"] = note
    for key, value in extra.items():
        try:
            item[key] = json.loads(value)
        except ValueError:
            item[key] = value
    return item


def write(records: Iterable[Record], out: TextIO, options: WriteOptions = PLAIN) -> int:
    """Write a JSON list of CSL items, one per record; returns the count."""
    from readinglist.formats.keys import KeyMaker

    keys = KeyMaker()
    count = 0
    # One encoder for all items (json.dumps builds one per call when given options),
    # one item a line: json's C encoder runs only without indent (4x faster).
    encode = json.JSONEncoder(ensure_ascii=options.ascii).encode
    out.write("[")
    for r in records:
        item = to_item(r, options)
        if "csl:id" not in r.extra:
            item["id"] = keys.key(r.key, r.authors, r.year, r.title)
        out.write((",\n" if count else "\n") + encode(item))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
