"""Fixtures that set the app's language for a test and put the suite's language back after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from readinglist.gui import i18n

LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", i18n.ENV)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in LOCALE_VARS:
        # Set first, so that undo removes what the test (or the CLI) puts there.
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    return monkeypatch


@pytest.fixture
def language(qapp, clean_env) -> Iterator[pytest.MonkeyPatch]:
    """Set the language through the environment; the test suite's language is put back after."""
    yield clean_env
    clean_env.undo()
    i18n.install_translators(i18n.effective_language())


@pytest.fixture(params=["en", "fr"])
def each_language(request, language) -> str:
    """Runs the test once in English and once in French (installed by create_window)."""
    language.setenv(i18n.ENV, request.param)
    i18n.install_translators(request.param)
    return request.param
