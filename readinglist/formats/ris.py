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


def _first(tags: dict[str, list[str]], names: Iterable[str]) -> str | None:
    for name in names:
        for value in tags.get(name, ()):
            if value.strip():
                return value.strip()
    return None


def _date(tags: dict[str, list[str]]) -> tuple[int | None, str | None]:
    year = None
    date = None
    for name in _DATES:
        for value in tags.get(name, ()):
            parts = [p for p in re.split(r"[/-]", value.strip())]
            if not parts or not re.fullmatch(r"\d{4}", parts[0]):
                continue
            year = year or int(parts[0])
            numbers = [p for p in parts[1:3] if p.isdigit()]
            if numbers and date is None:
                date = "-".join([parts[0], *(f"{int(p):02d}" for p in numbers)])
    return year, date


def _record(
    tags: dict[str, list[str]], authors: list[str], order: list[str], line: int, name: str
) -> Record:
    kind_code = (_first(tags, ["TY"]) or "GEN").upper()
    kind = TYPE_FROM_RIS.get(kind_code, "misc")
    year, date = _date(tags)
    venue_order = ("T2", *_VENUES) if kind in ("inproceedings", "incollection") else _VENUES
    start, end = _first(tags, ["SP"]), _first(tags, ["EP"])
    pages = f"{start}-{end}" if start and end and start != end else start
    keywords = tuple(dict.fromkeys(k.strip() for k in tags.get("KW", ()) if k.strip()))
    notes = tags.get("N1")
    state = split_state("\n".join(notes) if notes else None)
    status, status_date, rating, note = state.status, state.date, state.rating, state.rest
    extra = {f"ris:{t}": "\n".join(tags[t]) for t in order if t not in _MAPPED}
    if kind_code not in TYPE_FROM_RIS:
        extra["ris:TY"] = kind_code
    url = _first(tags, ["UR"])
    doi = _first(tags, ["DO"])
    arxiv = None
    for value in (url or "", doi or "", *tags.get("N1", ())):
        m = _ARXIV.search(value)
        if m:
            arxiv = m.group(1) or m.group(2)
            break
    has_state = bool(status or rating)
    paper_tags, keywords = tags_and_keywords(keywords, state, has_state)
    return Record(
        title=" ".join((_first(tags, _TITLES) or "").split()),
        authors=tuple(a for a in (ris_display(x) for x in authors) if a),
        abstract=_first(tags, _ABSTRACTS),
        type=kind,
        year=year,
        date=date,
        venue=_first(tags, venue_order),
        volume=_first(tags, ["VL"]),
        number=_first(tags, ["IS"]),
        pages=pages,
        doi=clean_doi(doi) if doi else None,
        url=url,
        arxiv=arxiv,
        key=_first(tags, ["ID"]),
        language=_first(tags, ["LA"]),
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
    tags: dict[str, list[str]] | None = None
    authors: list[str] = []
    order: list[str] = []
    start = 0
    last = ""

    def close() -> None:
        nonlocal tags
        if tags is None:
            return
        record = _record(tags, authors, order, start, name)
        if record.title:
            result.records.append(record)
        else:
            result.warnings.append(f"{name}, line {start}: an entry without a title (TI or T1).")
            result.records.append(record)
        tags = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
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
                result.bad.append(BadEntry(name, number, f"not a RIS line: {line.strip()[:40]!r}"))
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if tags is not None:
                result.warnings.append(f"{name}, line {start}: entry without ER; taken as ended.")
            close()
            tags, authors, order, start = {"TY": [value]}, [], ["TY"], number
            last = "TY"
            continue
        if tag == "ER":
            if tags is None:
                result.bad.append(BadEntry(name, number, "ER without an entry"))
            close()
            last = ""
            continue
        if tags is None:
            result.bad.append(BadEntry(name, number, f"{tag} line outside an entry (no TY)"))
            continue
        if tag not in tags:
            order.append(tag)
        tags.setdefault(tag, []).append(value)
        if tag in _AUTHORS:
            authors.append(value)
        last = tag
    close()
    return result


def sniff(head: str) -> float:
    if re.search(r"^\ufeff?TY  ?- ", head, re.MULTILINE):
        return 0.95
    if len(re.findall(r"^[A-Z][A-Z0-9]  - ", head, re.MULTILINE)) >= 3:
        return 0.6
    return 0.0


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}\n"


def write(records: Iterable[Record], out: TextIO, options: WriteOptions = PLAIN) -> int:
    """Write ``records`` as RIS; the reading state (on request) goes in N1 and KW."""
    count = 0
    for r in records:
        extra = {k[4:]: v for k, v in r.extra.items() if k.startswith("ris:")}
        code = extra.pop("TY", None) or TYPE_TO_RIS.get(r.type, "GEN" if r.type else "JOUR")
        lines = [_line("TY", code)]
        lines += [_line("AU", to_ris_name(a)) for a in r.authors]
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
