"""The search language and reading statistics on the command line: same answers, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readinglist.cli import main
from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib_dir(tmp_path: Path) -> str:
    folder = tmp_path / "lib"
    with Library.open(folder) as library:
        library.import_files([SEED_FR, SEED_EN])
        ids = library.paper_ids()
        library.set_status(ids[:3], "to-read")
        library.set_status(ids[3:5], "read")
        library.set_rating(ids[:4], 4)
        library.change_tags(ids[1:4], add=["ml"])
    return str(folder)


@pytest.mark.parametrize(
    "query",
    [
        "learning",
        "status:to-read rating:>=4",
        'tag:"=ml" or status:read',
        "-(reinforcement or learning) has:abstract",
        "statut:lu",
        "auteur:zhang -listing:publications-en",
    ],
)
def test_list_query_matches_the_library(
    capsys: pytest.CaptureFixture[str], lib_dir: str, query: str
) -> None:
    code, out, err = run(capsys, "--data-dir", lib_dir, "list", "--query", query, "--json")
    assert code == 0, err
    with Library.open(lib_dir) as library:
        expected = library.paper_ids(library.parse_query(query))
    assert [p["id"] for p in json.loads(out)] == expected
    assert expected  # each of these finds something in the sample library


def test_list_query_combines_with_options(capsys: pytest.CaptureFixture[str], lib_dir: str) -> None:
    code, out, _ = run(
        capsys, "--data-dir", lib_dir, "list", "--query", "tag:ml", "--status", "read", "--json"
    )
    assert code == 0
    assert {p["status"] for p in json.loads(out)} == {"read"}
    assert all("ml" in p["tags"] for p in json.loads(out))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("rating:>=x", "rating:>=x: a rating is a number from 0 to 5 (at character 1)"),
        ("deep (learning", "(: this parenthesis is not closed (at character 6)"),
        ("year:20x", "year:20x: a year is written like 2023 (at character 1)"),
        ("read:2026-02-30", "read:2026-02-30: there is no such date"),
    ],
)
def test_list_bad_query_is_one_line(
    capsys: pytest.CaptureFixture[str], lib_dir: str, query: str, message: str
) -> None:
    code, out, err = run(capsys, "--data-dir", lib_dir, "list", "--query", query)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_stats_json_fields(capsys: pytest.CaptureFixture[str], lib_dir: str) -> None:
    code, out, err = run(capsys, "--data-dir", lib_dir, "stats", "--json", "--by", "week")
    assert code == 0, err
    stats = json.loads(out)
    assert {"papers", "statuses", "read_per_month"} <= set(stats)  # today's fields stay
    assert sum(p["count"] for p in stats["read_per_period"]) == 2
    assert all(p["period"].count("-W") == 1 for p in stats["read_per_period"])
    assert stats["backlog"][-1]["to_read"] == 3
    assert set(stats["backlog"][0]) == {"date", "to_read"}
    assert stats["median_days_to_read"] is not None
    assert stats["rereads"] == 0


def test_stats_since_and_bad_date(capsys: pytest.CaptureFixture[str], lib_dir: str) -> None:
    code, out, _ = run(capsys, "--data-dir", lib_dir, "stats", "--since", "7d")
    assert code == 0
    assert "Read per period" in out and "To read now: 3" in out
    code, out, err = run(capsys, "--data-dir", lib_dir, "stats", "--since", "someday")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "'someday' is not a date" in err
