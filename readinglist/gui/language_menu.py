"""View ▸ Language: follow the system or choose English or French, from the next start."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from readinglist.assets import resource
from readinglist.gui import i18n

CONTEXT = "LanguageMenu"
RESTART = QT_TRANSLATE_NOOP(
    "LanguageMenu", "The new language is used the next time readinglist starts."
)


def add_language_menu(window: QMainWindow, parent_menu: QMenu) -> QMenu:
    """Add the Language submenu to ``parent_menu``; the choice is kept in the preferences."""
    menu = parent_menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    chosen = i18n.chosen_language()
    system = QCoreApplication.translate("LanguageMenu", "Follow the &system")
    # Each language is named in itself, as language pickers do.
    for code, label in [(i18n.SYSTEM, system), *i18n.LANGUAGES.items()]:
        action = QAction(label, menu)
        action.setObjectName(f"language_{code or 'system'}")
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def choose_language(window: QMainWindow, code: str) -> QMessageBox | None:
    """Remember ``code``; say when it takes effect if the app speaks another language now."""
    i18n.set_chosen_language(code)
    wanted = i18n.normalize(code) or i18n.system_language()
    if wanted == i18n.installed_language():
        return None
    box = QMessageBox(window)
    box.setObjectName("languageChangedBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("LanguageMenu", "Language"))
    now = QCoreApplication.translate("LanguageMenu", RESTART)
    # Also in the language chosen: the user may not read the current one.
    later = in_language(wanted, RESTART)
    box.setText(now if later == now else f"{now}\n\n{later}")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def in_language(language: str, text: str) -> str:
    """``text`` (of this module) in ``language``, whichever language is installed."""
    translator = QTranslator()
    if translator.load(f"readinglist_{language}", str(resource("translations"))):
        return translator.translate(CONTEXT, text) or text
    return text
