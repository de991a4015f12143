"""Exact round trips through real libraries: export with reading state, import into an empty one."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist import formats
from readinglist.formats import ReadResult, Record, WriteOptions
from readinglist.library import Library
from readinglist.library.db import DB_FILENAME
from tests.formats.test_round_trip import _NAME, _TAG, _text


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """An empty library made by the real migrations, copied for each example (fast)."""
    with tempfile.TemporaryDirectory() as tmp:
        Library.open(Path(tmp), auto_backup=False).close()
        yield Path(tmp) / DB_FILENAME


def _fresh(template: Path, folder: Path) -> Library:
    folder.mkdir()
    shutil.copyfile(template, folder / DB_FILENAME)
    return Library.open(folder, auto_backup=False)


papers = st.lists(
    st.fixed_dictionaries(
        {
            "title": _text(3),
            "authors": st.lists(_NAME, max_size=3, unique=True).map(tuple),
            "abstract": st.one_of(st.none(), _text(3)),
            "year": st.one_of(st.none(), st.integers(1900, 2030)),
            "venue": st.one_of(st.none(), _text(2)),
            "doi": st.one_of(
                st.none(), st.from_regex(r"10\.[0-9]{4}/[a-z0-9]{1,10}", fullmatch=True)
            ),
            "status": st.sampled_from(["new", "to-read", "reading", "read", "not-reading"]),
            "rating": st.integers(0, 5),
            "tags": st.lists(_TAG, max_size=3, unique_by=str.lower),
            # The source's keywords: on export with state they share the field with tags.
            "keywords": st.lists(_TAG, max_size=2, unique_by=str.lower),
            "note": st.one_of(st.none(), _text(1).map(lambda t: f"# {t}\n\n- one\n- two")),
        }
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda p: "".join(c for c in p["title"].casefold() if c.isalnum()),
).filter(lambda ps: all(any(c.isalnum() for c in p["title"]) for p in ps))


def _state(library: Library) -> dict[str, tuple[object, ...]]:
    ids = library.paper_ids()
    fields = library.bib_fields(ids)
    out = {}
    for pid in ids:
        d = library.paper(pid)
        f = fields[pid]
        out[d.title] = (
            d.authors,
            d.abstract,
            f["year"],
            f["venue"],
            f["doi"],
            d.status,
            d.rating,
            tuple(sorted(d.tags, key=str.lower)),
            d.note,
        )
    return out


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "ris", "csljson"])
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated=papers)
def test_export_then_import_into_an_empty_library_gives_the_same_papers(
    template: Path, fmt: str, generated: list[dict[str, object]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first = _fresh(template, root / "a")
        with first:
            records = [
                Record(
                    title=str(p["title"]),
                    authors=p["authors"],  # type: ignore[arg-type]
                    abstract=p["abstract"],  # type: ignore[arg-type]
                    year=p["year"],  # type: ignore[arg-type]
                    venue=p["venue"],  # type: ignore[arg-type]
                    doi=p["doi"],  # type: ignore[arg-type]
                    keywords=tuple(p["keywords"]),  # type: ignore[arg-type]
                )
                for p in generated
            ]
            first.import_records([ReadResult("made.bib", "bibtex", records)])
            ids = {s.title: s.id for s in first.summaries(first.paper_ids())}
            for p in generated:
                pid = ids[str(p["title"])]
                if p["status"] != "new":
                    first.set_status([pid], str(p["status"]))
                first.set_rating([pid], int(p["rating"]))  # type: ignore[call-overload]
                if p["tags"]:
                    first.change_tags([pid], add=p["tags"])  # type: ignore[arg-type]
                if p["note"]:
                    first.set_note(pid, str(p["note"]))
            expected = _state(first)
            path = root / "out.txt"
            formats.write_path(
                path,
                first.export_records(first.paper_ids()),
                formats.get(fmt),
                WriteOptions(with_state=True),
            )
        second = _fresh(template, root / "b")
        with second:
            second.import_records([formats.read_path(path)])
            assert _state(second) == expected
