"""RIS (Zotero, EndNote, Scopus, Web of Science, PubMed): a line reader and the writer.

Our own reader rather than rispy's: rispy drops a last entry that lacks ``ER``,
files ``AU`` and ``A1`` in two lists (the authors' order is lost) and gives no
line numbers, which the import preview needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from readinglist.formats.bibtex import clean_doi
from readinglist.formats.names import ris_display, to_ris_name
from readinglist.formats.record import (
    PLAIN,
    BadEntry,
    ReadResult,
    Record,
    WriteOptions,
    split_state,
    tags_and_keywords,
    with_state_note,
)
from readinglist.formats.textio import content_hash

_TAG = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*))?$")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TYPE_FROM_RIS = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "ELEC": "online",
    "WEB": "online",
    "BLOG": "online",
    "UNPB": "unpublished",
    "MANSCPT": "unpublished",
    "DATA": "dataset",
    "COMP": "software",
    "PAT": "patent",
    "STAND": "standard",
    "GEN": "misc",
}
TYPE_TO_RIS = {
    "article": "JOUR",
    "inproceedings": "CONF",
    "conference": "CONF",
    "book": "BOOK",
    "proceedings": "CONF",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "online": "ELEC",
    "unpublished": "UNPB",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "standard": "STAND",
}
_AUTHORS = ("AU", "A1")
_TITLES = ("TI", "T1")
_ABSTRACTS = ("AB", "N2")
_DATES = ("PY", "Y1", "DA")
_VENUES = ("JO", "JF", "T2", "JA", "J2")
# Tags the record holds: everything else is kept as ``ris:TAG``.
_MAPPED = frozenset(
    (
        *_AUTHORS,
        *_TITLES,
        *_ABSTRACTS,
        *_DATES,
        *_VENUES,
        "TY",
        "ER",
        "VL",
        "IS",
        "SP",
        "EP",
        "DO",
        "UR",
        "KW",
        "N1",
        "LA",
        "ID",
    )
)
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5}(?:v\d+)?)|arXiv[:.](\d{4}\.\d{4,5})")


# Every tag the line pattern allows: a line "XX  - value" is taken without the regex.
_TAG_NAMES = frozenset(a + b for a in _UPPER for b in _UPPER + "0123456789")
_DATE_PARTS = re.compile(r"[/-]")


def _first(tags: dict[str, list[str]], names: Iterable[str]) -> str | None:
    # The reader keeps values stripped: the first non-empty one is the value.
    for name in names:
        values = tags.get(name)
        if values:
            for value in values:
                if value:
                    return value
    return None


def _one(tags: dict[str, list[str]], name: str) -> str | None:
    return _first(tags, (name,))


def _date(tags: dict[str, list[str]]) -> tuple[int | None, str | None]:
    year = None
    date = None
    for name in _DATES:
        for value in tags.get(name, ()):
            parts = _DATE_PARTS.split(value)
            head = parts[0]
            if len(head) != 4 or not head.isdecimal():
                continue
            year = year or int(head)
            if date is None:
                numbers = [p for p in parts[1:3] if p.isdecimal()]
                if numbers:
                    date = "-".join([head, *(f"{int(p):02d}" for p in numbers)])
    return year, date


def _record(tags: dict[str, list[str]], authors: list[str], line: int, name: str) -> Record:
    kind_code = (_one(tags, "TY") or "GEN").upper()
    kind = TYPE_FROM_RIS.get(kind_code, "misc")
    year, date = _date(tags)
    venue_order = ("T2", *_VENUES) if kind in ("inproceedings", "incollection") else _VENUES
    start, end = _one(tags, "SP"), _one(tags, "EP")
    pages = f"{start}-{end}" if start and end and start != end else start
    found = tags.get("KW")
    keywords = tuple(dict.fromkeys(k for k in found if k)) if found else ()
    notes = tags.get("N1")
    state = split_state("\n".join(notes) if notes else None)
    status, status_date, rating, note = state.status, state.date, state.rating, state.rest
    extra = {f"ris:{t}": "\n".join(v) for t, v in tags.items() if t not in _MAPPED}
    if kind_code not in TYPE_FROM_RIS:
        extra["ris:TY"] = kind_code
    url = _one(tags, "UR")
    doi = _one(tags, "DO")
    arxiv = None
    for value in (url or "", doi or "", *(notes or ())):
        if "rxiv" in value:
            m = _ARXIV.search(value)
            if m:
                arxiv = m.group(1) or m.group(2)
                break
    has_state = bool(status or rating)
    paper_tags, keywords = tags_and_keywords(keywords, state, has_state)
    title = _first(tags, _TITLES) or ""
    return Record(
        title=" ".join(title.split()),
        authors=tuple(a for a in map(ris_display, authors) if a),
        abstract=_first(tags, _ABSTRACTS),
        type=kind,
        year=year,
        date=date,
        venue=_first(tags, venue_order),
        volume=_one(tags, "VL"),
        number=_one(tags, "IS"),
        pages=pages,
        doi=clean_doi(doi) if doi else None,
        url=url,
        arxiv=arxiv,
        key=_one(tags, "ID"),
        language=_one(tags, "LA"),
        keywords=keywords,
        extra=extra,
        status=status,
        status_date=status_date,
        rating=rating,
        tags=paper_tags,
        note=note,
        line=line,
        file=name,
        format="ris",
    )


def read_text(text: str, name: str = "") -> ReadResult:
    """Read RIS text: repeated tags, continuation lines, a missing last ``ER``, CRLF, BOM."""
    text = text.lstrip("\ufeff")
    result = ReadResult(name=name, format="ris", records=[], content_hash=content_hash(text))
    records, warnings, bad = result.records, result.warnings, result.bad
    tags: dict[str, list[str]] | None = None
    authors: list[str] = []
    start = 0
    last = ""
    tag_names = _TAG_NAMES

    def close() -> None:
        record = _record(tags or {}, authors, start, name)
        if not record.title:
            warnings.append(f"{name}, line {start}: an entry without a title (TI or T1).")
        records.append(record)

    for number, line in enumerate(text.splitlines(), 1):
        if line[2:6] == "  - " and line[:2] in tag_names:
            # The usual shape of a tag line, taken apart without the regex.
            tag, value = line[:2], line[6:].strip()
        else:
            line = line.rstrip()
            m = _TAG.match(line)
            if m is None:
                if not line.strip():
                    continue
                if tags is not None and last:
                    # A wrapped value (PubMed, Web of Science): it goes on.
                    values = tags[last]
                    values[-1] = f"{values[-1]} {line.strip()}".strip()
                    if last in _AUTHORS:
                        authors[-1] = values[-1]
                else:
                    bad.append(BadEntry(name, number, f"not a RIS line: {line.strip()[:40]!r}"))
                continue
            tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if tags is not None:
                warnings.append(f"{name}, line {start}: entry without ER; taken as ended.")
                close()
            tags, authors, start = {"TY": [value]}, [], number
            last = "TY"
            continue
        if tag == "ER":
            if tags is None:
                bad.append(BadEntry(name, number, "ER without an entry"))
            else:
                close()
                tags = None
            last = ""
            continue
        if tags is None:
            bad.append(BadEntry(name, number, f"{tag} line outside an entry (no TY)"))
            continue
        held = tags.get(tag)
        if held is None:
            tags[tag] = [value]
        else:
            held.append(value)
        if tag in _AUTHORS:
            authors.append(value)
        last = tag
    if tags is not None:
        close()
    return result


def sniff(head: str) -> float:
    if re.search(r"^\ufeff?TY  ?- ", head, re.MULTILINE):
        return 0.95
    if len(re.findall(r"^[A-Z][A-Z0-9]  - ", head, re.MULTILINE)) >= 3:
        return 0.6
    return 0.0


def _one_line(value: str) -> str:
    """``value`` on one line, its runs of white space made one space."""
    # Printable text has no white space but the plain space: most values are kept as is.
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return " ".join(value.split())


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {_one_line(value)}\n"


def write(records: Iterable[Record], out: TextIO, options: WriteOptions = PLAIN) -> int:
    """Write ``records`` as RIS; the reading state (on request) goes in N1 and KW."""
    count = 0
    for r in records:
        extra = {k[4:]: v for k, v in r.extra.items() if k.startswith("ris:")}
        code = extra.pop("TY", None) or TYPE_TO_RIS.get(r.type, "GEN" if r.type else "JOUR")
        lines = [_line("TY", code)]
        lines += [f"AU  - {_one_line(to_ris_name(a))}\n" for a in r.authors]
        lines.append(_line("TI", r.title))
        if r.venue:
            tag = "T2" if code in ("CONF", "CHAP", "ELEC") else "JO"
            lines.append(_line(tag, r.venue))
        if r.year is not None:
            lines.append(_line("PY", str(r.year)))
        if r.date and re.match(r"^\d{4}-\d{2}", r.date):
            lines.append(_line("DA", r.date.split("/")[0].replace("-", "/")))
        for tag, value in (("VL", r.volume), ("IS", r.number)):
            if value:
                lines.append(_line(tag, value))
        if r.pages:
            first, sep, end = r.pages.replace("–", "-").partition("-")
            lines.append(_line("SP", first if sep else r.pages))
            if sep and end:
                lines.append(_line("EP", end))
        for tag, value in (("DO", r.doi), ("UR", r.url), ("LA", r.language), ("ID", r.key)):
            if value:
                lines.append(_line(tag, value))
        if r.abstract:
            lines.append(_line("AB", r.abstract))
        keywords = list(r.keywords)
        if options.with_state:
            keywords += [t for t in r.tags if t not in keywords]
        lines += [_line("KW", k) for k in keywords]
        for tag, value in extra.items():
            lines += [_line(tag, v) for v in value.split("\n")]
        note = with_state_note(r) if options.with_state else None
        if note:
            lines += [_line("N1", part) for part in note.split("\n")]
        lines.append("ER  - \n\n")
        out.write("".join(lines))
        count += 1
    return count
