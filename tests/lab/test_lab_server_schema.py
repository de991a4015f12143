"""The lab server's schema: created by `lab init`, migrated by its own Alembic scripts."""

from __future__ import annotations

from importlib import resources

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from readinglist.lab import server, urls
from readinglist.lab.errors import LabError
from tests.lab.conftest import Lab, run
from tests.lab.test_lab_sync import PASSWORD


def _alembic(admin_url: str, action: str, target: str) -> None:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("readinglist.lab").joinpath("migrations"))
    )
    engine = create_engine(
        urls.for_sqlalchemy(urls.parse(admin_url), urls.parse(admin_url).password),
        poolclass=NullPool,
    )
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, target)
        conn.commit()
    engine.dispose()


def test_init_creates_then_finds_it_current(lab_db: str, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run("lab", "init", lab_db, data_dir=tmp_path / "admin") == 0
    assert "created to l0002" in capsys.readouterr().out
    with psycopg.connect(lab_db) as conn:
        assert conn.execute("SELECT version_num FROM lab_schema_version").fetchone() == (
            server.SERVER_HEAD,
        )
        tables = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
        assert {
            "lab_paper",
            "member_state",
            "member_private",
            "member_event",
            "member_note",
        } <= tables
        rls = dict(
            conn.execute(
                "SELECT relname, relrowsecurity FROM pg_class WHERE relname LIKE 'member_%'"
                " AND relkind = 'r'"
            ).fetchall()
        )
        assert all(rls.values()) and len(rls) == 4
    assert run("lab", "init", lab_db, data_dir=tmp_path / "admin") == 0
    assert "up to date" in capsys.readouterr().out


def test_schema_goes_down_and_up_again(lab: Lab) -> None:
    _alembic(lab.admin_url, "downgrade", "base")
    with psycopg.connect(lab.admin_url) as conn:
        assert conn.execute("SELECT to_regclass('lab_paper')").fetchone() == (None,)
    assert run("lab", "init", lab.admin_url, data_dir=lab.admin_dir) == 0
    with psycopg.connect(lab.admin_url) as conn:
        assert conn.execute("SELECT to_regclass('lab_paper')").fetchone() == ("lab_paper",)


def test_a_newer_server_schema_is_refused_with_a_clear_message(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = urls.parse(lab.member("new", PASSWORD))
    with psycopg.connect(lab.admin_url, autocommit=True) as conn:
        conn.execute("UPDATE lab_schema_version SET version_num = 'l0099'")
    lab_server = server.LabServer(url, PASSWORD)
    try:
        with pytest.raises(LabError, match="Update readinglist"):
            lab_server.hello()
    finally:
        lab_server.close()


def test_bad_urls_and_names_are_one_line_errors(lab: Lab, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run("lab", "join", "mysql://x@y/z", data_dir=lab.tmp_path / "x") == 1
    assert "is not a PostgreSQL URL" in capsys.readouterr().err
    args = ["lab", "add-member", "Robert'); DROP", "--url", lab.admin_url]
    assert run(*args, data_dir=lab.admin_dir) == 1
    assert "cannot be a member name" in capsys.readouterr().err
    url = lab.member("dup", PASSWORD)
    bad = url.replace(PASSWORD, "not-the-password")
    capsys.readouterr()
    assert run("lab", "join", bad, data_dir=lab.tmp_path / "y") == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "refused the login" in err
    assert "not-the-password" not in err


def test_a_lab_of_the_first_schema_is_upgraded_with_its_papers(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    _alembic(lab.admin_url, "downgrade", "l0001")
    with psycopg.connect(lab.admin_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO lab_paper (uuid, title_key, fields)"
            """ VALUES (gen_random_uuid(), 'kept', '{"title": "Kept", "authors": []}')"""
        )
    url = lab.member("old", PASSWORD)
    with pytest.raises(LabError, match="older than this readinglist's l0002: ask the lab's admin"):
        old = server.LabServer(urls.parse(url), PASSWORD)
        try:
            old.hello()
        finally:
            old.close()
    assert run("lab", "init", lab.admin_url, data_dir=lab.admin_dir) == 0
    data_dir = lab.joined("old", url)
    from readinglist.library import Library

    with Library.open(data_dir) as lib:
        assert [s.title for s in lib.summaries(lib.paper_ids())] == ["Kept"]
    with psycopg.connect(lab.admin_url) as conn:
        assert conn.execute(
            "SELECT value FROM lab_setting WHERE key = 'shared_tags'"
        ).fetchone() == ("off",)
