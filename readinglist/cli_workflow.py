"""Command-line side of the reading workflow: the search language and reading statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readinglist.library import Library
    from readinglist.library.query import Query


def parse_query(library: Library, text: str) -> Query:
    """``text`` read as a query; a bad one becomes the CLI's one-line error."""
    from readinglist.cli import CliError
    from readinglist.library.query import QueryError

    try:
        return library.parse_query(text)
    except QueryError as exc:
        raise CliError(f"bad query: {exc.describe()}") from None
