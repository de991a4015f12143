"""Inputs that are not listings are refused with one clear line naming the file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from readinglist.listing import ListingError, iter_listing, parse_text, read_listing

GOOD = "Publications\n\nDeep Sets\nManzil Zaheer\n"


def refuse(path: Path, *fragments: str) -> str:
    with pytest.raises(ListingError) as info:
        read_listing(path)
    message = str(info.value)
    assert "\n" not in message
    assert path.name in message
    for fragment in fragments:
        assert fragment.lower() in message.lower()
    return message


def test_missing_path(tmp_path: Path) -> None:
    refuse(tmp_path / "nowhere.txt", "does not exist")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    refuse(folder, "folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        refuse(path, "permission")
    finally:
        path.chmod(0o600)


CASES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"\n\n  \r\n", "empty"),
    "header-only.txt": (b"Publications\n\n", "no entries"),
    "binary.bin": (b"Publications\n\x00\x01\x02\x03garbage", "binary"),
    "page.html": (b"<!DOCTYPE html><html><body>Publications</body></html>", "HTML"),
    "refs.bib": (b"@article{key,\n  title={Deep Sets},\n}\n", "BibTeX"),
    "refs.ris": (b"TY  - JOUR\nTI  - Deep Sets\nAU  - Zaheer, M.\nER  - \n", "RIS"),
    "data.json": (b'{"title": "Deep Sets", "authors": ["Manzil Zaheer"]}', "JSON"),
    "list.json": (b'[{"title": "Deep Sets"}]\n', "JSON"),
    "notes.txt": (b"Shopping list\nmilk\neggs\nbread\n", "Publications"),
    "pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary"),
    "numbers.txt": (b"Publications\n\n1\n2\n3.5\n--\n", "no plausible entry"),
}


@pytest.mark.parametrize("filename", sorted(CASES))
def test_bad_content(tmp_path: Path, filename: str) -> None:
    data, fragment = CASES[filename]
    path = tmp_path / filename
    path.write_bytes(data)
    refuse(path, fragment)


def test_huge_single_line(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    with path.open("wb") as fh:
        fh.write(b"Publications\n\n")
        block = b"abcdefghij" * 100_000
        for _ in range(30):
            fh.write(block)
    refuse(path, "longer than")


def test_streaming_refuses_too(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(CASES["refs.bib"][0])
    with pytest.raises(ListingError, match=r"refs\.bib"):
        list(iter_listing(path))


@pytest.mark.parametrize(
    "text",
    ["", "   \n", "Publications\n", "<html></html>", "@inproceedings{x,\n}", "{}", "a\x00b"],
)
def test_parse_text_refuses(text: str) -> None:
    with pytest.raises(ListingError) as info:
        parse_text(text, name="pasted")
    assert "\n" not in str(info.value)
    assert "pasted" in str(info.value)


def test_error_is_a_value_error() -> None:
    check: Callable[[], object] = lambda: parse_text("")  # noqa: E731
    with pytest.raises(ValueError):
        check()


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs even as root: the OS error is simulated where the reader opens the file.
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    refuse(path, "permission")
