"""The app's language: how it is chosen, the French window, dates and numbers by locale."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from readinglist import cli
from readinglist.gui import i18n
from readinglist.gui.language_menu import choose_language
from tests.conftest import ROOT


def test_the_environment_the_choice_and_the_system_in_that_order(clean_env) -> None:
    clean_env.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.system_language() == "fr" and i18n.effective_language() == "fr"
    clean_env.setenv("LC_ALL", "en_GB.UTF-8")
    assert i18n.effective_language() == "en"  # LC_ALL wins over LANG
    clean_env.delenv("LC_ALL")
    clean_env.setenv("LANG", "de_DE.UTF-8")
    assert i18n.effective_language() == "en"  # not shipped: English
    clean_env.setenv("LANG", "C.UTF-8")
    assert i18n.effective_language() == "en"
    i18n.set_chosen_language("fr")
    assert i18n.effective_language() == "fr"  # the user's choice beats the system
    clean_env.setenv(i18n.ENV, "en")
    assert i18n.effective_language() == "en"  # --lang / READINGLIST_LANG beat both
    clean_env.setenv(i18n.ENV, "fr_CA")
    assert i18n.effective_language() == "fr"
    i18n.set_chosen_language(i18n.SYSTEM)
    assert i18n.chosen_language() == i18n.SYSTEM


@pytest.mark.parametrize(
    ("how", "value"), [("env", "READINGLIST_LANG"), ("env", "LANG"), ("choice", "")]
)
def test_create_window_speaks_the_language_in_effect(
    language, open_window, seeded_dir: Path, how: str, value: str
) -> None:
    if how == "env":
        language.setenv(value, "fr" if value == i18n.ENV else "fr_FR.UTF-8")
    else:
        i18n.set_chosen_language("fr")
    window = open_window(seeded_dir)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&Fichier"
    assert window.import_action.text() == "&Importer une liste de publications…"
    assert window.model._headers[0] == "Titre"
    assert window.count_label.text() == "16 articles"
    assert window.facet_panel.find_item("status", "to-read").text(0) == "À lire"
    # Qt's own strings (here a standard button) come from qtbase_fr.
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"


def test_english_by_default_with_english_plurals(language, open_window, seeded_dir) -> None:
    language.setenv("LANG", "C.UTF-8")
    window = open_window(seeded_dir)
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.count_label.text() == "16 papers"
    assert QCoreApplication.translate("PaperList", "%Ln papers", "", 1) == "1 paper"


def test_cli_lang_sets_the_language_of_the_app(
    clean_env, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    seen = []
    monkeypatch.setattr(
        "readinglist.gui.run_app", lambda *_a: seen.append(i18n.effective_language()) or 0
    )
    assert cli.main(["--data-dir", str(tmp_path), "--lang", "fr"]) == 0
    clean_env.delenv(i18n.ENV)
    assert cli.main(["--data-dir", str(tmp_path), "gui", "--lang", "en"]) == 0
    assert seen == ["fr", "en"]


def test_dates_and_numbers_follow_the_language(language) -> None:
    moment = datetime(2026, 11, 25, 12, 0)
    i18n.install_translators("fr")
    assert i18n.format_date(moment) == "25 nov. 2026"
    assert i18n.format_number(1234).replace("\u202f", " ").replace("\u00a0", " ") == "1 234"
    assert (
        QCoreApplication.translate("PaperList", "%Ln papers", "", 1234).replace("\u202f", " ")
        == "1 234 articles"
    )
    i18n.install_translators("en")
    assert i18n.format_number(1234) == "1,234"
    assert "2026" in i18n.format_date(moment) and "Nov" in i18n.format_date(moment)


def test_choosing_a_language_is_remembered_and_said_in_both(language, window) -> None:
    box = choose_language(window, "fr")
    assert i18n.chosen_language() == "fr"
    assert box is not None
    assert "next time" in box.text() and "prochain démarrage" in box.text()
    box.close()
    menu = window.findChild(QWidget, "languageMenu")
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Follow the &system", "English", "Français"]
    assert choose_language(window, "en") is None  # already in English: nothing to say


def english_sources() -> set[str]:
    """Every English GUI string, from the French .ts, with what is the same in both dropped."""
    tree = ET.parse(ROOT / "resources" / "translations" / "readinglist_fr.ts")
    same = set()
    sources = set()
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = translation.text if translation is not None else ""
        if text == source:
            same.add(source)
        sources.add(source)
    return {s for s in sources - same if len(s) > 3}


def shown_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        texts += [a.text() for a in widget.actions()]
    return [t for t in texts if t]


def test_nothing_is_left_in_english_in_the_french_window(language, open_window, seeded_dir) -> None:
    language.setenv(i18n.ENV, "fr")
    window = open_window(seeded_dir)
    window.table.selectRow(0)
    english = english_sources()
    for menu_action in window.menuBar().actions():
        assert menu_action.menu() is not None
    left = [t for t in shown_texts(window) if t in english]
    assert not left
    assert QApplication.instance() is not None


def mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def test_no_two_menu_entries_share_an_access_key(each_language, open_window, seeded_dir) -> None:
    window = open_window(seeded_dir)
    clashes = []
    menus = [("menu bar", window.menuBar().actions())]
    while menus:
        where, actions = menus.pop()
        keys: dict[str, str] = {}
        for action in actions:
            if action.menu() is not None:
                menus.append((action.text(), action.menu().actions()))
            key = mnemonic(action.text())
            if key is None or not action.isVisible():
                continue
            if key in keys:
                clashes.append(f"{where}: {keys[key]!r} and {action.text()!r}")
            keys[key] = action.text()
    assert not clashes
