"""The main window's actions and menus, built once; the window only wires them.

Every user-visible string is translated in the window's context ("MainWindow"),
where these were first written, so that the translations follow them here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from readinglist.gui import appearance
from readinglist.gui.export_dialog import FormatActions
from readinglist.gui.i18n import Counts
from readinglist.gui.icons import icon
from readinglist.gui.lab import add_lab_menu
from readinglist.gui.language_menu import add_language_menu
from readinglist.gui.paper_model import status_label
from readinglist.gui.settings import Preferences
from readinglist.gui.workflow import add_view_actions
from readinglist.library import STATUSES

if TYPE_CHECKING:
    from collections.abc import Callable

    from readinglist.gui.main_window import MainWindow


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | str | list[QKeySequence] | None = None,
    icon_name: str | None = None,
    name: str | None = None,
) -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> None:
    """The window's own actions (the library's are in ``LibraryActions``)."""
    window.import_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Import listings…"),
        window.imports.choose_files,
        QKeySequence("Ctrl+I"),
        "import",
        "importAction",
    )
    window.import_samples_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Import the &sample listings"),
        window.imports.import_samples,
        None,
        "book",
        "importSamplesAction",
    )
    window.backup_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Back up now"),
        window.backups.backup_now,
        None,
        "backup",
        "backupAction",
    )
    window.restore_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Restore from backup…"),
        window.backups.choose,
        None,
        "restore",
        "restoreAction",
    )
    window.quit_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Quit"),
        window.close,
        QKeySequence(QKeySequence.StandardKey.Quit),
        "quit",
        "quitAction",
    )
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.find_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Find"),
        window.focus_search,
        [QKeySequence("Ctrl+F"), QKeySequence("/")],
        "search",
        "findAction",
    )
    window.clear_filters_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Clear search and filters"),
        window.clear_filters,
        QKeySequence("Ctrl+Shift+F"),
        "filter-off",
        "clearFiltersAction",
    )
    window.focus_sidebar_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Go to &sidebar"),
        lambda: window.facet_panel.setFocus(Qt.FocusReason.ShortcutFocusReason),
        QKeySequence("Alt+1"),
        None,
        "focusSidebarAction",
    )
    window.focus_table_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Go to &paper list"),
        window.focus_table,
        QKeySequence("Alt+2"),
        None,
        "focusTableAction",
    )
    window.focus_detail_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Go to &details"),
        lambda: window.detail.status_selector.setFocus(Qt.FocusReason.ShortcutFocusReason),
        QKeySequence("Alt+3"),
        None,
        "focusDetailAction",
    )
    window.edit_note_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Edit note"),
        window.edit_note,
        QKeySequence("Ctrl+E"),
        "note",
        "editNoteAction",
    )
    window.add_tag_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Add &tag…"),
        window.add_tag,
        QKeySequence("Ctrl+T"),
        "tag",
        "addTagAction",
    )
    window.status_actions = []
    for number, status in enumerate(STATUSES, start=1):
        action = QAction(status_label(status), window)
        action.setObjectName(f"statusAction_{status}")
        action.setShortcut(QKeySequence(str(number)))
        # Bare digits belong to the table: typing them anywhere else stays typing.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False, s=status: window.set_status(s))
        window.table.addAction(action)
        window.status_actions.append(action)
    window.rating_actions = []
    for stars in range(6):
        text = (
            QCoreApplication.translate("MainWindow", "No rating")
            if stars == 0
            else Counts().stars(stars)
        )
        action = _action(
            window,
            text,
            lambda n=stars: window.set_rating(n),
            QKeySequence(f"Ctrl+{stars}"),
            None,
            f"ratingAction_{stars}",
        )
        window.rating_actions.append(action)
    window.scheme_group = QActionGroup(window)
    window.scheme_actions = {}
    for choice, label in (
        (appearance.SYSTEM, QCoreApplication.translate("MainWindow", "Follow the &system")),
        (appearance.LIGHT, QCoreApplication.translate("MainWindow", "&Light")),
        (appearance.DARK, QCoreApplication.translate("MainWindow", "&Dark")),
    ):
        action = QAction(label, window)
        action.setCheckable(True)
        action.setObjectName(f"scheme_{choice}")
        action.triggered.connect(lambda _checked=False, c=choice: window.set_color_scheme(c))
        window.scheme_group.addAction(action)
        window.scheme_actions[choice] = action
    current = Preferences.COLOR_SCHEME.read(Preferences.store())
    window.scheme_actions.get(current, window.scheme_actions[appearance.SYSTEM]).setChecked(True)
    window.about_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&About readinglist"),
        window.show_about,
        None,
        None,
        "aboutAction",
    )
    window.shortcuts_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"),
        window.show_shortcuts,
        QKeySequence("F1"),
        None,
        "shortcutsAction",
    )


def build_menus(window: MainWindow) -> None:
    """The menu bar, from the actions of the window and of its parts."""
    bar = window.menuBar()
    acts = window.library_actions
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(acts.new_paper_action)
    file_menu.addAction(window.import_action)
    file_menu.addAction(window.import_samples_action)
    file_menu.addSeparator()
    file_menu.addAction(window.backup_action)
    file_menu.addAction(window.restore_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    add_lab_menu(window, file_menu)

    edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit_menu.setObjectName("editMenu")
    edit_menu.addAction(acts.undo_action)
    edit_menu.addAction(acts.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(acts.history_action)
    edit_menu.addSeparator()
    edit_menu.addAction(acts.duplicates_action)
    edit_menu.addAction(acts.empty_trash_action)
    edit_menu.addSeparator()
    edit_menu.addAction(acts.settings_action)

    window.format_actions = FormatActions(window, file_menu, edit_menu)  # export, copy, paste

    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addAction(window.find_action)
    view_menu.addAction(window.clear_filters_action)
    view_menu.addSeparator()
    view_menu.addAction(window.focus_sidebar_action)
    view_menu.addAction(window.focus_table_action)
    view_menu.addAction(window.focus_detail_action)
    view_menu.addSeparator()
    add_view_actions(window, view_menu)
    scheme_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Appearance"))
    for action in window.scheme_actions.values():
        scheme_menu.addAction(action)
    add_language_menu(window, view_menu)

    paper_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Paper"))
    status_menu = paper_menu.addMenu(QCoreApplication.translate("MainWindow", "Set &status"))
    for action in window.status_actions:
        status_menu.addAction(action)
    rating_menu = paper_menu.addMenu(QCoreApplication.translate("MainWindow", "Set &rating"))
    for action in window.rating_actions:
        rating_menu.addAction(action)
    paper_menu.addAction(window.add_tag_action)
    paper_menu.addAction(window.edit_note_action)
    paper_menu.addAction(acts.edit_paper_action)
    paper_menu.addSeparator()
    paper_menu.addAction(acts.open_action)
    paper_menu.addAction(acts.attach_file_action)
    paper_menu.addAction(acts.add_link_action)
    paper_menu.addSeparator()
    paper_menu.addAction(acts.read_next_action)
    queue_menu = paper_menu.addMenu(QCoreApplication.translate("MainWindow", "&Queue"))
    for action in (
        acts.move_up_action,
        acts.move_down_action,
        acts.move_top_action,
        acts.move_bottom_action,
    ):
        queue_menu.addAction(action)
    paper_menu.addSeparator()
    paper_menu.addAction(acts.delete_action)
    paper_menu.addAction(acts.restore_action)

    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(window.shortcuts_action)
    help_menu.addAction(window.about_action)
