"""Import records of any format (BibTeX, RIS, CSL-JSON, listings) into the library.

The listing importer (``importer.import_entries``) adds the papers and fills
titles, authors and abstracts; this module first decides which paper each
record is (by DOI, then by title and first author), then writes what the
exchange formats carry besides: the bibliographic fields, the verbatim field
store and the reading state. A field a paper already has, or that the user
edited, is never overwritten; a status is never lowered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from readinglist.formats.bibtex import to_store
from readinglist.formats.names import split_display
from readinglist.formats.record import ReadResult, Record
from readinglist.library import commands, importer
from readinglist.library.journal import Recorder
from readinglist.library.records_export import fetch
from readinglist.library.types import ImportReport
from readinglist.listing import name_key, normalize_title

#: Record attribute -> paper column, for the fields an import fills in.
COLUMNS = {
    "type": "entry_type",
    "year": "year",
    "date": "date",
    "venue": "venue",
    "volume": "volume",
    "number": "number",
    "pages": "pages",
    "doi": "doi",
    "url": "url",
    "arxiv": "arxiv",
    "key": "cite_key",
    "language": "language",
    "keywords": "keywords",
}
# How far along a status is: an import may move a paper forward, never back.
STATUS_RANK = {"new": 0, "to-read": 1, "reading": 2, "not-reading": 2, "read": 3}


def normalize_doi(doi: str | None) -> str | None:
    """The DOI in the form two copies of it share: lower case, no resolver prefix."""
    if not doi:
        return None
    value = doi.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value.strip() or None


def family_key(authors: Sequence[str]) -> str:
    """The first author's family name as a matching key ('' without authors)."""
    return name_key(split_display(authors[0])[2]) if authors else ""


def _value(record: Record, attr: str) -> Any:
    value = getattr(record, attr)
    if attr == "keywords":
        return ", ".join(value) or None
    if attr == "type":
        return value or None
    if attr == "doi":
        return value or None
    return value


def _columns(r: Record) -> tuple[object, ...]:
    """A record's values for the COLUMNS, in their order."""
    return (
        r.type or None,
        r.year,
        r.date,
        r.venue,
        r.volume,
        r.number,
        r.pages,
        r.doi or None,
        r.url,
        r.arxiv,
        r.key,
        r.language,
        ", ".join(r.keywords) or None,
    )


def _keys(conn: Connection, records: Sequence[Record]) -> list[str]:
    """Which paper each record is, as the title key the listing importer matches by.

    The same DOI is the same paper, whatever the titles. The same title is the
    same paper unless both the first author and the year differ: then it is
    another paper with the same title, kept apart (its key names author and
    year) so that the duplicates view shows the two side by side.
    """
    dois = sorted({d for d in (normalize_doi(r.doi) for r in records) if d})
    by_doi: dict[str, str] = {}
    for doi, key in fetch(
        conn,
        "SELECT lower(doi), title_key FROM paper WHERE lower(doi) IN ({marks})"
        " AND trashed_at IS NULL",
        dois,
    ):
        by_doi.setdefault(normalize_doi(str(doi)) or "", str(key))
    plain = sorted({normalize_title(r.title) for r in records if r.title})
    known: dict[str, tuple[str, int | None]] = {}
    for key, authors, year in fetch(
        conn,
        "SELECT p.title_key, (SELECT a.name FROM paper_author pa JOIN author a"
        " ON a.id = pa.author_id WHERE pa.paper_id = p.id ORDER BY pa.position LIMIT 1), p.year"
        " FROM paper p WHERE p.title_key IN ({marks})",
        plain,
    ):
        known[str(key)] = (family_key([str(authors)]) if authors else "", year)
    out: list[str] = []
    for record in records:
        doi = normalize_doi(record.doi)
        if doi and doi in by_doi:
            out.append(by_doi[doi])
            continue
        key = normalize_title(record.title)
        family = family_key(record.authors)
        seen = known.get(key)
        if seen is not None and key:
            other_family, other_year = seen
            if (
                family
                and other_family
                and family != other_family
                and record.year
                and other_year
                and record.year != other_year
            ):
                key = f"{key} ~ {family} {record.year}"
        elif key:
            known[key] = (family, record.year)
        if doi:
            by_doi.setdefault(doi, key)
        out.append(key)
    return out


def preview_keys(conn: Connection, results: Sequence[ReadResult]) -> list[str]:
    """The matching key of every record of these files, as the import will decide it."""
    keys: list[str] = []
    for result in results:
        if result.format == "listing":
            keys.extend(normalize_title(r.title) for r in result.records)
        else:
            keys.extend(_keys(conn, result.records))
    return keys


def _prepared(records: Sequence[Record], keys: Sequence[str]) -> list[importer.Prepared]:
    return [
        importer.Prepared(
            r.title,
            tuple(r.authors),
            r.abstract,
            r.line,
            r.confidence,
            r.truncated,
            key,
            tuple(map(name_key, r.authors)),
        )
        for r, key in zip(records, keys, strict=True)
    ]


def import_result(
    rec: Recorder,
    result: ReadResult,
    records: Sequence[Record] | None = None,
    *,
    progress: importer.ProgressFn | None = None,
    cancel: importer.CancelFn | None = None,
) -> ImportReport:
    """Import one file's records inside the caller's journaled transaction."""
    conn = rec.conn
    chosen = [r for r in (result.records if records is None else records) if r.title.strip()]
    if result.format == "listing":
        # A listing's papers are its titles, as the listing importer has always had it.
        keys = [normalize_title(r.title) for r in chosen]
    else:
        keys = _keys(conn, chosen)
    columns: importer.PaperColumns | None = None
    if result.format != "listing":
        # A new paper gets its bibliographic fields in the insert that adds it,
        # before it is indexed: an update afterwards would index it again.
        values: dict[str, tuple[object, ...]] = {}
        for record, key in zip(chosen, keys, strict=True):
            if key not in values:
                values[key] = _columns(record)
        columns = (tuple(COLUMNS.values()), values)
    report = importer.import_entries(
        conn,
        result,
        _prepared(chosen, keys),
        total=len(chosen),
        progress=progress,
        cancel=cancel,
        recorder=rec,
        columns=columns,
    )
    report.format = result.format
    report.warnings.extend(result.warnings)
    report.warnings.extend(str(b) for b in result.bad)
    if result.format != "listing":
        _apply(rec, chosen, keys, report)
    return report


def _apply(
    rec: Recorder, records: Sequence[Record], keys: Sequence[str], report: ImportReport
) -> None:
    """Write the bibliographic fields, the verbatim store and the reading state."""
    conn = rec.conn
    cols = ", ".join(COLUMNS.values())
    rows = fetch(
        conn,
        f"SELECT title_key, id, edited, status, rating, trashed_at IS NOT NULL, {cols}"
        " FROM paper WHERE title_key IN ({marks})",
        sorted(set(keys)),
    )
    papers = {str(r[0]): r[1:] for r in rows}
    first_new = report.first_new_id or 1 << 62
    seen: set[int] = set()
    updates: dict[str, list[tuple[Any, int]]] = defaultdict(list)
    fields: list[tuple[int, str, str]] = []
    statuses: dict[str, list[int]] = defaultdict(list)
    ratings: dict[int, list[int]] = defaultdict(list)
    tags: dict[str, list[int]] = defaultdict(list)
    notes: list[tuple[int, str]] = []
    old_ids = [int(p[0]) for p in papers.values() if int(p[0]) < first_new and not p[4]]
    if old_ids:
        # Before anything changes them: the journal keeps these rows as they were.
        rec.watch_papers(old_ids, tables=("paper", "paper_field"))
        held_notes = {
            int(pid)
            for (pid,) in fetch(
                conn, "SELECT paper_id FROM note WHERE paper_id IN ({marks})", old_ids
            )
        }
    else:
        held_notes = set()
    for record, key in zip(records, keys, strict=True):
        row = papers.get(key)
        if row is None:
            continue
        pid, edited_text, status, rating, trashed = int(row[0]), row[1], row[2], row[3], row[4]
        if trashed or pid in seen:
            continue
        seen.add(pid)
        fresh = pid >= first_new
        if not fresh:
            # A paper this import added got its columns with it (see import_result);
            # a known one gets those it lacks.
            current = dict(zip(COLUMNS.values(), row[5:], strict=True))
            edited = set(str(edited_text or "").split(","))
            filled = []
            for attr, column in COLUMNS.items():
                value = _value(record, attr)
                if value is None or value == "" or column in edited or attr in edited:
                    continue
                if current[column] is None or current[column] == "":
                    updates[column].append((value, pid))
                    filled.append(column if column != "cite_key" else "key")
            if filled:
                report.filled[pid] = filled
        if record.extra:
            kept = to_store(record) if record.format == "bibtex" else record.extra
            fields.extend((pid, name, value) for name, value in kept.items())
        if record.status and record.status != status:
            if STATUS_RANK.get(record.status, 0) > STATUS_RANK.get(str(status), 0):
                statuses[record.status].append(pid)
            else:
                report.status_kept.append((pid, str(status), record.status))
        if record.rating and not rating:
            ratings[record.rating].append(pid)
        for tag in record.tags:
            tags[tag].append(pid)
        if record.note and (fresh or pid not in held_notes):
            notes.append((pid, record.note))
    for column, values in updates.items():
        conn.exec_driver_sql(
            f"UPDATE paper SET {column} = ? WHERE id = ? AND ({column} IS NULL OR {column} = '')",
            values,
        )
    if fields:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO paper_field (paper_id, name, value) VALUES (?, ?, ?)", fields
        )
    for status, ids in statuses.items():
        commands.set_status(rec, ids, status)
    for stars, ids in ratings.items():
        commands.set_rating(rec, ids, stars)
    for tag, ids in tags.items():
        commands.change_tags(rec, ids, [tag], [])
    for pid, body in notes:
        commands.set_note(rec, pid, body)
