"""Where the password comes from: the URL, READINGLIST_LAB_PASSWORD, then the keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from readinglist.lab import password as passwords
from readinglist.lab import urls
from tests.lab.conftest import Lab, run
from tests.lab.test_lab_sync import PASSWORD


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict: the tests never touch the user's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)


def test_the_url_password_goes_to_the_keyring_and_serves_later_syncs(
    lab: Lab,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = lab.member("key", PASSWORD)
    data_dir = tmp_path / "lib"
    assert run("lab", "join", url, data_dir=data_dir) == 0
    assert "in the system keyring" in capsys.readouterr().out
    assert list(memory_keyring.store.values()) == [PASSWORD]
    assert run("sync", data_dir=data_dir) == 0
    # The environment wins over the keyring (here with a wrong password).
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", "not-it")
    capsys.readouterr()
    assert run("sync", data_dir=data_dir) == 1
    assert "refused the login" in capsys.readouterr().err


def test_the_environment_keeps_the_keyring_untouched(
    lab: Lab, tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    url = lab.member("env", PASSWORD).replace(f":{PASSWORD}@", "@")
    assert run("lab", "join", url, data_dir=tmp_path / "lib") == 0
    assert memory_keyring.store == {}
    parsed = urls.parse(url)
    assert passwords.resolve(parsed, ask=False) == (PASSWORD, "env")
    monkeypatch.delenv("READINGLIST_LAB_PASSWORD")
    assert passwords.resolve(parsed, ask=False) == (None, "none")
    assert passwords.resolve(parsed.set(password="in-url"), ask=False) == ("in-url", "url")


def test_no_password_anywhere_is_one_clear_line(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    url = lab.member("nopw", PASSWORD).replace(f":{PASSWORD}@", "@")
    assert run("lab", "join", url, data_dir=tmp_path / "lib") == 0
    monkeypatch.delenv("READINGLIST_LAB_PASSWORD")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    capsys.readouterr()
    assert run("sync", data_dir=tmp_path / "lib") == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "asks for a password" in err
