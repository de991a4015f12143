"""Saved searches travel with a library's export (BibTeX, BibLaTeX, Markdown) and come back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from readinglist.library import Library
from tests.cli.test_cli import run
from tests.conftest import SEED_EN

SAVED = [
    ("Next up", 'status:to-read tag:"=ml"'),
    ("Odd {name} @ 100% = fine", "rating:>=4 or (author:curie -has:note)"),
    ("Lu récemment", "statut:lu read:2026"),
]


def _library_with_saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    lib = str(tmp_path / "lib")
    assert run(capsys, "--data-dir", lib, "import", str(SEED_EN))[0] == 0
    for name, query in SAVED:
        assert run(capsys, "--data-dir", lib, "saved", "add", name, query)[0] == 0
    return lib


@pytest.mark.parametrize("fmt", ["bib", "biblatex"])
def test_saved_searches_round_trip_through_bibtex_with_the_reading_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    lib = _library_with_saved(tmp_path, capsys)
    out = tmp_path / "all.bib"
    code, _, _ = run(
        capsys, "--data-dir", lib, "export", str(out), "--format", fmt, "--with-reading-state"
    )
    assert code == 0
    fresh = str(tmp_path / "fresh")
    code, printed, _ = run(capsys, "--data-dir", fresh, "import", str(out))
    assert code == 0
    assert "saved searches added: Next up, Odd {name} @ 100% = fine, Lu récemment" in printed
    with Library.open(Path(fresh), auto_backup=False) as library:
        assert library.saved_searches() == SAVED
        # And they are searches that work: the same papers as in the first library.
        with Library.open(Path(lib), auto_backup=False) as first:
            for name, query in SAVED:
                assert len(library.paper_ids(library.parse_query(query))) == len(
                    first.paper_ids(first.parse_query(query))
                ), name


def test_plain_exports_leave_saved_searches_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Citation files are shared: without the reading state nothing personal goes in.
    lib = _library_with_saved(tmp_path, capsys)
    out = tmp_path / "cite.bib"
    assert run(capsys, "--data-dir", lib, "export", str(out))[0] == 0
    assert "readinglist-saved-search" not in out.read_text(encoding="utf-8")


def test_an_import_keeps_the_users_own_saved_search_of_the_same_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = _library_with_saved(tmp_path, capsys)
    out = tmp_path / "all.bib"
    assert run(capsys, "--data-dir", lib, "export", str(out), "--with-reading-state")[0] == 0
    other = str(tmp_path / "other")
    assert run(capsys, "--data-dir", other, "saved", "add", "next up", "status:reading")[0] == 0
    code, printed, _ = run(capsys, "--data-dir", other, "import", str(out))
    assert code == 0
    assert "saved search 'Next up' kept as it was" in printed
    with Library.open(Path(other), auto_backup=False) as library:
        assert ("next up", "status:reading") in library.saved_searches()
        assert len(library.saved_searches()) == 3
        # The import, saved searches included, is one change that undoes.
        library.undo()
        assert library.saved_searches() == [("next up", "status:reading")]


def test_markdown_report_lists_saved_searches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = _library_with_saved(tmp_path, capsys)
    out = tmp_path / "report.md"
    assert run(capsys, "--data-dir", lib, "export", str(out), "--with-reading-state")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "## Saved searches (3)" in text
    assert '- **Next up**: `status:to-read tag:"=ml"`' in text


@pytest.mark.skipif(
    shutil.which("bibtex") is None,
    reason="bibtex is not installed (.ci/run installs texlive-binaries)",
)
def test_bibtex_reads_an_export_with_saved_searches_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = _library_with_saved(tmp_path, capsys)
    assert (
        run(
            capsys, "--data-dir", lib, "export", str(tmp_path / "refs.bib"), "--with-reading-state"
        )[0]
        == 0
    )
    (tmp_path / "doc.aux").write_text(
        "\\citation{*}\n\\bibdata{refs}\n\\bibstyle{plain}\n", encoding="utf-8"
    )
    done = subprocess.run(
        ["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert "Warning" not in done.stdout, done.stdout
