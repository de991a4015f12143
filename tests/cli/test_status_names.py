"""Status names on the command line: the English ones and their French aliases."""

from __future__ import annotations

import json

import pytest

from readinglist.library.status import STATUS_ALIASES, STATUSES, parse_status
from tests.cli.test_cli import lib_dir, run  # noqa: F401  (lib_dir is a fixture)


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("lu", "read"),
        ("Lu", "read"),
        ("à lire", "to-read"),
        ("a lire", "to-read"),
        ("À-LIRE", "to-read"),
        ("a_lire", "to-read"),
        ("en cours", "reading"),
        ("en-cours", "reading"),
        ("nouveau", "new"),
        ("pas à lire", "not-reading"),
        ("pas-a-lire", "not-reading"),
        ("To read", "to-read"),
        ("not_reading", "not-reading"),
    ],
)
def test_french_and_english_names(typed: str, status: str) -> None:
    assert parse_status(typed) == status


def test_unknown_names_and_every_alias_names_a_status() -> None:
    assert parse_status("skimmed") is None
    assert parse_status("") is None
    assert set(STATUS_ALIASES.values()) <= set(STATUSES)


def test_the_cli_takes_french_status_names(lib_dir: str, capsys) -> None:  # noqa: F811
    d = ["--data-dir", lib_dir]
    assert run(capsys, *d, "status", "2", "à lire")[0] == 0
    assert run(capsys, *d, "status", "3", "lu")[0] == 0
    code, out, _ = run(capsys, *d, "list", "--status", "a lire", "--status", "LU", "--json")
    assert code == 0
    assert sorted((p["id"], p["status"]) for p in json.loads(out)) == [
        (2, "to-read"),
        (3, "read"),
    ]
    code, _, err = run(capsys, *d, "status", "2", "peut-être")
    assert code == 1 and "à lire" in err and err.count("\n") == 1
