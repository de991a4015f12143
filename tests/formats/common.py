"""The suite each format's tests inherit: detection, reading, line numbers, newlines, round trip."""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

import pytest

from readinglist import formats
from readinglist.formats import Record, WriteOptions

DATA = Path(__file__).parent / "data"


def sample_records() -> list[Record]:
    """Papers with every field and some reading state, for writer round trips."""
    return [
        Record(
            title="The DNA of École & ångström: 100% of $5 #1 {braces} under_scores",
            authors=("Jörg Müller", "Jean de la Fontaine", "Martin Luther King Jr.", "Madonna"),
            abstract="An abstract with ~ tildes, ^ carets and a back\\slash.",
            type="article",
            year=2020,
            date="2020-03",
            venue="Journal of Things",
            volume="12",
            number="3",
            pages="1-10",
            doi="10.1000/abc_1",
            url="https://example.org/a_b?c=1&d=%20",
            key="Muller2020DNA",
            language="english",
            keywords=("alpha", "beta"),
            status="read",
            rating=4,
            tags=("alpha", "beta", "queue"),
            note="Read it.\n\n- point one\n- point two",
        ),
        Record(
            title="A second paper",
            authors=("World Health Organization",),
            type="inproceedings",
            year=2019,
            venue="Proceedings of Stuff",
            status="to-read",
            tags=(),
        ),
        Record(title="No authors, no year", type="misc", status="not-reading", rating=1),
    ]


class FormatSuite:
    """Set ``name`` (the registry's), ``sample`` (a data file) and ``count`` (its entries)."""

    name: ClassVar[str]
    sample: ClassVar[str]
    count: ClassVar[int]
    #: The word every entry's first line starts with (TY, @, {...).
    entry_start: ClassVar[str]
    writes: ClassVar[bool] = True
    #: Record fields a write and read give back unchanged.
    kept: ClassVar[tuple[str, ...]] = (
        "title",
        "authors",
        "abstract",
        "year",
        "venue",
        "volume",
        "number",
        "doi",
        "url",
        "key",
    )

    @property
    def path(self) -> Path:
        return DATA / self.sample

    def test_registered_with_a_reader(self) -> None:
        fmt = formats.get(self.name)
        assert fmt.read_text is not None and fmt.sniff is not None
        assert fmt.extensions

    def test_detected_by_content_whatever_the_extension(self, tmp_path: Path) -> None:
        text = self.path.read_text(encoding="utf-8-sig")
        assert formats.guess(text, "clipboard.txt").name == self.name
        renamed = tmp_path / "exported.txt"
        renamed.write_bytes(self.path.read_bytes())
        assert formats.detect(renamed).name == self.name

    def test_reads_every_entry_with_its_line(self) -> None:
        result = formats.read_path(self.path)
        assert result.format == self.name
        assert len(result.records) == self.count
        lines = self.path.read_text(encoding="utf-8-sig").splitlines()
        for record in result.records:
            assert record.file == self.path.name
            assert record.format == self.name
            assert lines[record.line - 1].lstrip().startswith(self.entry_start), record

    def test_crlf_bom_and_lf_read_alike(self, tmp_path: Path) -> None:
        text = self.path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        crlf = tmp_path / f"crlf{self.path.suffix}"
        crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        lf = tmp_path / f"lf{self.path.suffix}"
        lf.write_text(text, encoding="utf-8")
        a, b = formats.read_path(crlf).records, formats.read_path(lf).records
        assert [(r.title, r.authors, r.line) for r in a] == [
            (r.title, r.authors, r.line) for r in b
        ]

    def test_read_text_is_read_path(self) -> None:
        by_path = formats.read_path(self.path).records
        by_text = formats.read_text(self.path.read_text(encoding="utf-8-sig"), self.path.name)
        assert [r.title for r in by_text.records] == [r.title for r in by_path]

    def _round_trip(self, options: WriteOptions) -> tuple[list[Record], list[Record]]:
        fmt = formats.get(self.name)
        assert fmt.write is not None
        out = io.StringIO()
        records = sample_records()
        assert fmt.write(records, out, options) == len(records)
        return records, formats.read_text(out.getvalue(), "out", self.name).records

    def test_write_then_read_keeps_the_fields(self) -> None:
        if not self.writes:
            pytest.skip("this format is read only")
        records, back = self._round_trip(WriteOptions())
        assert len(back) == len(records)
        for before, after in zip(records, back, strict=True):
            for field in self.kept:
                want = getattr(before, field)
                if field == "key" and want is None:
                    continue
                assert getattr(after, field) == want, field
            assert after.status is None and not after.rating and after.note is None

    def test_reading_state_round_trips_on_request(self) -> None:
        if not self.writes:
            pytest.skip("this format is read only")
        records, back = self._round_trip(WriteOptions(with_state=True))
        for before, after in zip(records, back, strict=True):
            assert after.status == before.status
            assert (after.rating or 0) == (before.rating or 0)
            assert after.note == before.note
            if before.status:
                assert set(after.tags) == set(before.tags) | set(before.keywords)
