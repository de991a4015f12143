"""A real PostgreSQL cluster for the lab tests (skipped, saying how, when it is not installed)."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lab.pgcluster import HOW_TO, Cluster, find_bin

_dbs = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the user's keyring (subprocesses inherit this too)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    monkeypatch.delenv("READINGLIST_LAB_PASSWORD", raising=False)


@pytest.fixture(scope="session")
def pg() -> Iterator[Cluster]:
    """A temporary PostgreSQL cluster for the whole session."""
    bin_dir = find_bin()
    if bin_dir is None:
        pytest.skip(HOW_TO)
    cluster = Cluster(bin_dir)
    try:
        cluster.init()
        cluster.start()
        cluster.wait_ready()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def lab_db(pg: Cluster) -> str:
    """A fresh, empty database of the cluster: its admin URL."""
    return pg.create_db(f"lab{next(_dbs)}_{os.getpid()}")


_members = itertools.count(1)


class Lab:
    """A lab on a fresh database: its admin URL, members added through the CLI."""

    def __init__(self, admin_url: str, tmp_path: Path) -> None:
        self.admin_url = admin_url
        self.tmp_path = tmp_path
        self.admin_dir = tmp_path / "admin"
        assert run("lab", "init", admin_url, data_dir=self.admin_dir) == 0

    def member(self, name: str, password: str | None = None) -> str:
        """Add a member (a unique role name) and return the URL they join with."""
        role = f"{name}_{os.getpid()}_{next(_members)}"
        more = ["--password", password] if password else []
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            args = ["lab", "add-member", role, "--url", self.admin_url, *more]
            assert run(*args, data_dir=self.admin_dir) == 0
        [url] = [line for line in out.getvalue().splitlines() if line.startswith("postgresql://")]
        return url

    def joined(self, name: str, url: str | None = None) -> Path:
        """A new library folder joined to the lab as a new member (or as ``url``)."""
        data_dir = self.tmp_path / f"lib-{name}-{next(_members)}"
        assert run("lab", "join", url or self.member(name), data_dir=data_dir) == 0
        return data_dir


def run(*args: str, data_dir: Path) -> int:
    from readinglist.cli import main

    try:
        return main([*args, "--data-dir", str(data_dir)])
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def lab(lab_db: str, tmp_path: Path) -> Lab:
    return Lab(lab_db, tmp_path)


def sync(data_dir: Path) -> int:
    return run("sync", data_dir=data_dir)
