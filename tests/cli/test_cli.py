"""The command line, run as a user would: its output, --json fields and exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.cli import main
from tests.conftest import ROOT, SEED_EN, SEED_FR, dump_database


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "lib")
    code, _, _ = run(capsys, "--data-dir", folder, "import", str(SEED_FR), str(SEED_EN))
    assert code == 0
    return folder


def test_parse_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(SEED_EN), "--json")
    assert code == 0
    entries = json.loads(out)
    assert len(entries) == 12
    first = entries[0]
    assert {"title", "authors", "abstract", "truncated", "confidence", "line"} <= set(first)
    assert first["title"].startswith("Bigger, Better, Faster")
    assert first["authors"] == ["Max Schwarzer", "Johan Samir Obando Ceron", "Rishabh Agarwal"]
    assert "scaling the neural" in first["abstract"] and "see more" not in first["abstract"]
    assert first["line"] == 3 and first["truncated"] is False
    assert 0 <= first["confidence"] <= 1
    no_abstract = next(e for e in entries if e["title"] == "Discrete Key-Value Bottleneck")
    assert no_abstract["abstract"] is None


def test_parse_does_not_touch_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "lib"), "parse", str(SEED_FR))
    assert code == 0 and "12 entries" in out
    assert not (tmp_path / "lib").exists()


def test_import_report_and_idempotence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--data-dir", folder, "import", str(SEED_FR), str(SEED_EN))
    assert code == 0
    assert "12 new" in out and "4 new" in out and "16 papers" in out
    code, out, _ = run(capsys, "--data-dir", folder, "import", str(SEED_FR), "--json")
    reports = json.loads(out)
    assert reports[0]["new"] == 0 and reports[0]["unchanged"] == 12


def test_list_json_fields_and_filters(lib_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", lib_dir, "list", "--json")
    papers = json.loads(out)
    assert code == 0 and len(papers) == 16
    assert {"id", "title", "authors", "abstract", "status", "rating", "tags", "sources"} <= set(
        papers[0]
    )
    assert all(isinstance(p["authors"], list) and isinstance(p["sources"], list) for p in papers)
    shared = [p for p in papers if len(p["sources"]) == 2]
    assert len(shared) == 8

    _, out, _ = run(capsys, "--data-dir", lib_dir, "list", "--search", "scholkopf", "--json")
    assert [p["title"] for p in json.loads(out)] == ["Discrete Key-Value Bottleneck"]
    _, out, _ = run(capsys, "--data-dir", lib_dir, "list", "--author", "Yan Zhang", "--json")
    assert len(json.loads(out)) == 2


def test_status_rate_tag_note_show(lib_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", lib_dir]
    assert run(capsys, *d, "status", "3", "to read")[0] == 0
    assert run(capsys, *d, "status", "3", "reading")[0] == 0
    assert run(capsys, *d, "rate", "3", "4")[0] == 0
    assert run(capsys, *d, "tag", "3", "+optimisation", "+later")[0] == 0
    assert run(capsys, *d, "tag", "3", "-later")[0] == 0
    assert run(capsys, *d, "note", "3", "--set", "Key idea: *forward* gradients.")[0] == 0
    assert run(capsys, *d, "note", "3", "--append", "Check appendix B.")[0] == 0
    code, out, _ = run(capsys, *d, "show", "3", "--json")
    paper = json.loads(out)
    assert code == 0
    assert paper["status"] == "reading" and paper["rating"] == 4
    assert paper["tags"] == ["optimisation"]
    assert paper["note"] == "Key idea: *forward* gradients.\n\nCheck appendix B."
    assert [(h["from"], h["to"]) for h in paper["history"]] == [
        ("new", "to-read"),
        ("to-read", "reading"),
    ]
    _, out, _ = run(capsys, *d, "list", "--status", "reading", "--json")
    assert [p["id"] for p in json.loads(out)] == [3]
    code, out, _ = run(capsys, *d, "stats")
    assert code == 0 and "16 papers" in out and "reading      1" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["status", "1", "skimmed"], "not a reading status"),
        (["show", "999"], "no paper with id 999"),
        (["rate", "999", "3"], "no paper with id 999"),
        (["tag", "1", "oops"], "+NAME"),
    ],
)
def test_errors_are_one_line_and_non_zero(
    lib_dir: str, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    code, _, err = run(capsys, "--data-dir", lib_dir, *args)
    assert code == 1
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_bad_file_is_refused_without_traceback(tmp_path: Path, lib_dir: str) -> None:
    bad = tmp_path / "page.html"
    bad.write_text("<html><body>Publications</body></html>", encoding="utf-8")
    db = Path(lib_dir) / "library.sqlite3"
    before = dump_database(db)
    done = subprocess.run(
        [sys.executable, "-m", "readinglist", "--data-dir", lib_dir, "import", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "page.html" in lines[0]
    assert "Traceback" not in done.stderr
    assert dump_database(db) == before


def test_data_dir_from_environment(tmp_path: Path) -> None:
    env_dir = tmp_path / "from-env"
    import os

    env = {**os.environ, "READINGLIST_DATA_DIR": str(env_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "readinglist", "import", str(SEED_EN)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (env_dir / "library.sqlite3").is_file()


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("readinglist ")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "import" in out and "parse" in out


def test_backup_and_restore(lib_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", lib_dir]
    run(capsys, *d, "note", "1", "--set", "before")
    assert run(capsys, *d, "backup")[0] == 0
    run(capsys, *d, "note", "1", "--set", "after")
    code, out, _ = run(capsys, *d, "restore")
    assert code == 0 and "16 papers" in out
    _, out, _ = run(capsys, *d, "note", "1")
    assert out.strip() == "before"


def test_export_csv_neutralizes_formulas(
    lib_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    d = ["--data-dir", lib_dir]
    run(capsys, *d, "note", "2", "--set", '=HYPERLINK("http://x")')
    out = tmp_path / "papers.csv"
    code, text, _ = run(capsys, *d, "export", str(out), "--status", "new")
    assert code == 0 and "16 papers" in text
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 16
    noted = [r for r in rows if "HYPERLINK" in "".join(r.values())]
    assert len(noted) == 1
    assert not any(v.startswith("=") for v in noted[0].values())


def test_ctrl_c_cancels_an_import_and_keeps_nothing(tmp_path: Path) -> None:
    import os
    import signal
    import time

    from tests.support.synth import iter_entries, write_listing

    big = tmp_path / "big.txt"
    write_listing(big, iter_entries(60_000, 11), "en")
    folder = tmp_path / "lib"
    run_cli = [sys.executable, "-m", "readinglist", "--data-dir", str(folder)]
    subprocess.run([*run_cli, "import", str(SEED_EN)], check=True, cwd=ROOT, capture_output=True)
    before = dump_database(folder / "library.sqlite3")
    with subprocess.Popen(
        [*run_cli, "import", str(big)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # A shell running this suite in the background ignores SIGINT, and
        # children inherit that; a user's terminal does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as proc:
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert dump_database(folder / "library.sqlite3") == before
