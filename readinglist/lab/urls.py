"""libpq connection URLs: parsed, shown without their password, turned into SQLAlchemy URLs."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from readinglist.lab.errors import LabError


def parse(text: str) -> URL:
    """A ``postgresql://`` (or ``postgres://``) URL; anything else is a one-line error."""
    text = text.strip()
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://") :]
    try:
        url = make_url(text)
    except ArgumentError:
        raise LabError(f"'{text}' is not a PostgreSQL URL (postgresql://USER@HOST/DB).") from None
    if url.get_backend_name() != "postgresql" or not url.database:
        raise LabError(
            f"'{shown(url)}' is not a PostgreSQL URL with a database (postgresql://USER@HOST/DB)."
        )
    return url


def without_password(url: URL) -> URL:
    # URL.set(password=None) leaves the password as it was.
    return url._replace(password=None)


def shown(url: URL) -> str:
    """The URL as a libpq URL, without its password."""
    plain = url._replace(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False)


def with_password(url: URL, password: str | None) -> str:
    """The libpq URL carrying ``password`` (for the member's join line)."""
    return url._replace(drivername="postgresql", password=password).render_as_string(
        hide_password=False
    )


def for_sqlalchemy(url: URL, password: str | None) -> URL:
    return url._replace(drivername="postgresql+psycopg", password=password)


def keyring_user(url: URL) -> str:
    """The name the password is kept under in the keyring: member@host:port/database."""
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
