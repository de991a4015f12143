"""parse, import and export of BibTeX, RIS and CSL-JSON on the command line, as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from readinglist import formats
from tests.cli.test_cli import run
from tests.conftest import SEED_EN, dump_database
from tests.formats.common import DATA

CONTRACT = {
    "title", "authors", "abstract", "truncated", "confidence", "flagged", "line", "file",
    "year", "venue", "doi", "url", "key", "type", "format",
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("accents.bib", "bibtex"), ("tags.ris", "ris"), ("items.json", "csljson")],
)
def test_parse_json_reads_every_format(
    capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    code, out, _ = run(capsys, "parse", str(DATA / name), "--json")
    assert code == 0
    entries = json.loads(out)
    assert entries and all(set(e) == CONTRACT and e["format"] == fmt for e in entries)


def test_parse_json_bibtex_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(DATA / "names.bib"), "--json")
    assert code == 0
    [entry] = json.loads(out)
    assert entry["authors"][4] == "World Health Organization"
    assert (entry["year"], entry["venue"], entry["key"], entry["type"]) == (
        2000,
        "J",
        "names",
        "article",
    )


def test_parse_json_listing_has_the_new_fields_empty(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(SEED_EN), "--json")
    assert code == 0
    first = json.loads(out)[0]
    assert set(first) == CONTRACT and first["format"] == "listing"
    assert first["year"] is None and first["key"] is None


def test_import_refuses_a_file_with_broken_entries_unless_skip_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    code, _, err = run(capsys, "--data-dir", lib, "import", str(DATA / "jabref.bib"))
    assert code == 0
    before = dump_database(tmp_path / "lib" / "library.sqlite3")
    code, _, err = run(
        capsys, "--data-dir", lib, "import", str(DATA / "tags.ris"), str(DATA / "malformed.bib")
    )
    assert code == 1
    assert "malformed.bib, line 7" in err and "line 17" in err and "line 21" in err
    assert "--skip-bad" in err
    assert dump_database(tmp_path / "lib" / "library.sqlite3") == before
    code, out, _ = run(
        capsys, "--data-dir", lib, "import", "--skip-bad", str(DATA / "malformed.bib")
    )
    assert code == 0 and "3 new" in out


def test_a_file_of_no_format_names_the_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.json"
    page.write_text('{"not": "csl"}')
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "l"), "import", str(page))
    assert code == 1 and err.count("\n") == 1


def test_export_every_format_with_list_filters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    run(capsys, "--data-dir", lib, "import", str(DATA / "jabref.bib"), str(DATA / "items.json"))
    for name, fmt in [
        ("out.bib", "bibtex"),
        ("out.ris", "ris"),
        ("out.json", "csljson"),
        ("out.md", None),
        ("out.csv", None),
    ]:
        target = tmp_path / name
        code, out, _ = run(capsys, "--data-dir", lib, "export", str(target), "--status", "read")
        assert code == 0 and "Exported 1 paper" in out
        if fmt:
            [record] = formats.read_path(target).records
            assert record.title == "A paper read in full"
    code, _, _ = run(
        capsys, "--data-dir", lib, "export", str(tmp_path / "x.txt"), "--format", "biblatex"
    )
    assert code == 0 and "@article{" in (tmp_path / "x.txt").read_text()


def test_list_and_show_json_gain_the_bibliographic_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    run(capsys, "--data-dir", lib, "import", str(DATA / "items.json"))
    code, out, _ = run(capsys, "--data-dir", lib, "list", "--json", "--year", "2019-2020")
    items = json.loads(out)
    assert [i["title"] for i in items] == ["A CSL item", "Date range"]
    assert items[0]["doi"] == "10.1000/csl.1" and items[0]["type"] == "article"
    code, out, _ = run(capsys, "--data-dir", lib, "show", str(items[0]["id"]), "--json")
    shown = json.loads(out)
    assert (shown["venue"], shown["key"], shown["url"]) == (
        "Journal of CSL",
        "csl1",
        "https://example.org/csl",
    )
    code, out, _ = run(capsys, "--data-dir", lib, "list", "--json", "--sort", "year", "--desc")
    assert code == 0
    assert [i["year"] for i in json.loads(out)] == [2020, 2019, 2018, 2015]


def _bib_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    lib = str(tmp_path / "lib")
    files = ["accents.bib", "case_braces.bib", "strings.bib", "keys.bib", "jabref.bib"]
    run(capsys, "--data-dir", lib, "import", *(str(DATA / f) for f in files), str(SEED_EN))
    out = tmp_path / "refs.bib"
    code, _, _ = run(capsys, "--data-dir", lib, "export", str(out), "--with-reading-state")
    assert code == 0
    return out


def test_bibtex_reads_our_export_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("bibtex") is None:
        pytest.skip(
            "bibtex is not installed (Debian: apt-get install texlive-binaries texlive-base)"
        )
    bib = _bib_library(tmp_path, capsys)
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n")
    done = subprocess.run(
        ["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    log = (tmp_path / "doc.blg").read_text(errors="replace")
    assert done.returncode == 0, done.stdout + log
    assert "Warning" not in log and "error" not in log.lower(), log
    assert bib.exists() and (tmp_path / "doc.bbl").read_text().count("\\bibitem") >= 17


def test_biber_tool_reads_our_export_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("biber") is None:
        pytest.skip("biber is not installed (Debian: apt-get install biber)")
    bib = _bib_library(tmp_path, capsys)
    biblatex = tmp_path / "refs-biblatex.bib"
    code, _, _ = run(
        capsys,
        "--data-dir",
        str(tmp_path / "lib"),
        "export",
        str(biblatex),
        "--format",
        "biblatex",
        "--with-reading-state",
    )
    assert code == 0
    for source in (bib, biblatex):
        done = subprocess.run(
            [
                "biber",
                "--tool",
                "--nolog",
                "--output-file",
                str(tmp_path / "tool.bib"),
                str(source),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert "WARN" not in output and "ERROR" not in output, output


def test_a_bib_imported_then_exported_keeps_every_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the library: every field of every entry, compared after whitespace only."""
    from bibtexparser.entrypoint import parse_string

    from readinglist.formats import bibtex

    files = ["accents.bib", "case_braces.bib", "strings.bib", "biblatex.bib", "jabref.bib"]
    lib = str(tmp_path / "lib")
    code, _, _ = run(capsys, "--data-dir", lib, "import", *(str(DATA / f) for f in files))
    assert code == 0
    out = tmp_path / "back.bib"
    code, _, _ = run(capsys, "--data-dir", lib, "export", str(out), "--with-reading-state")
    assert code == 0
    after = {e.key: e for e in parse_string(out.read_text(), parse_stack=[]).entries}
    macros = dict(bibtex.MONTH_MACROS)
    macros.update(jgr="Journal of Geophysical Research", lab="Lab", ed="Second edition")
    compared = 0
    for name in files:
        for entry in parse_string((DATA / name).read_text(), parse_stack=[]).entries:
            got = after[entry.key].fields_dict
            for f in entry.fields:
                key = f.key.lower()
                old = " ".join(bibtex.evaluate(str(f.value), macros, set()).split())
                new = " ".join(bibtex.evaluate(str(got[key].value), macros, set()).split())
                if key == "month":
                    old, new = str(bibtex._month(old)), str(bibtex._month(new))
                assert new == old, (name, entry.key, key)
                compared += 1
    assert compared > 40
