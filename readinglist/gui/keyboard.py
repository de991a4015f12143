"""Keyboard use: window shortcuts that work from any field, the tab order, the F1 help page."""

from __future__ import annotations

import html
import itertools

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.a11y import name_built_in_parts, show_focus

# What a text field needs for itself even when a window action has the same key.
EDITING_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
    QKeySequence.StandardKey.SelectNextWord,
)

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)


def _editing_key(event: QKeyEvent) -> bool:
    return any(event.matches(key) for key in EDITING_KEYS)


class ShortcutRelease(QObject):
    """Lets a window's Ctrl/Alt shortcuts through a text field that would swallow them.

    Qt asks the focused widget first (a ShortcutOverride event); a line edit
    claims Ctrl+E (end of line, an Emacs binding) and others that it lists as
    its own, so the window's Edit note shortcut did nothing from the tag
    field. The field keeps the keys it needs for editing (copy, paste, undo,
    word moves) and every unmodified key, so typing is never taken away.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def _window_sequences(self) -> list[QKeySequence]:
        sequences = []
        for action in self.window.actions():
            if action.isEnabled() and action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut:
                sequences.extend(action.shortcuts())
        return sequences

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if not modifiers or _editing_key(event):
            return False
        pressed = QKeySequence(event.keyCombination())
        for sequence in self._window_sequences():
            if sequence.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                # Swallowed unaccepted: the field does not claim the key, and
                # the window's shortcut map runs the action.
                event.ignore()
                return True
        return False


def release_shortcuts(window: QWidget, fields: list[QWidget] | None = None) -> ShortcutRelease:
    """Make the window's shortcuts work from its text fields (all of them by default)."""
    release = ShortcutRelease(window)
    for field in fields if fields is not None else window.findChildren(QWidget):
        if isinstance(field, TEXT_FIELDS):
            field.installEventFilter(release)
    window.setProperty("readinglistShortcutRelease", True)
    return release


def chain_focus(widgets: list[QWidget]) -> None:
    """Tab visits ``widgets`` in this order (each after the one before)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


# -- the shortcuts help ---------------------------------------------------------


def _plain(text: str) -> str:
    # "&Import listings…" → "Import listings…" ("&&" is a literal ampersand).
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    names = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
    # A standard key may repeat one given by hand (Undo is Ctrl+Z on most systems).
    return ", ".join(dict.fromkeys(n for n in names if n))


HELP_TEXT = "readinglistHelpText"


def _help_text(action: QAction) -> str:
    # Actions whose text changes (Undo names the change) carry a fixed one for the help.
    fixed = action.property(HELP_TEXT)
    return str(fixed) if fixed else _plain(action.text())


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every action with a shortcut, grouped by the menu it is in, in menu order."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, rows: list[tuple[str, str]]) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, rows)
            elif not action.isSeparator() and action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                rows.append((_help_text(action), _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows: list[tuple[str, str]] = []
        walk(menu, rows)
        if rows:
            groups.append((_plain(top.text()), rows))
    return groups


def _native(*keys: str) -> str:
    # Key names through QKeySequence, so that Qt's own translation names them.
    return ", ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) or k for k in keys
    )


def other_keys() -> list[tuple[str, str]]:
    """Keys that are not menu actions: they belong to one widget."""
    translate = QCoreApplication.translate
    return [
        (translate("Keyboard", "Clear the search (in the search field)"), _native("Esc")),
        (
            translate("Keyboard", "From the search field to the paper list"),
            _native("Down", "Return"),
        ),
        (translate("Keyboard", "Filter by the sidebar item"), _native("Return", "Space")),
        (translate("Keyboard", "Change the rating (on the stars)"), "← →, 0 – 5"),
        (translate("Keyboard", "Add the typed tags (in the tag field)"), _native("Return")),
        (translate("Keyboard", "Next or previous control"), _native("Tab", "Shift+Tab")),
    ]


def shortcuts_html(window: QMainWindow) -> str:
    """The F1 page: the menus' shortcuts as the actions define them, then the widgets' keys."""
    elsewhere = QCoreApplication.translate("Keyboard", "Elsewhere")
    groups = [*menu_shortcuts(window), (elsewhere, other_keys())]
    # One table, so that the keys line up from one menu to the next.
    rows = []
    for title, entries in groups:
        rows.append(f"<tr><td colspan='2'><h4>{html.escape(title)}</h4></td></tr>")
        rows.extend(
            f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for text, keys in entries
        )
    return f"<table cellpadding='3'>{''.join(rows)}</table>"


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: a page generated from the window's actions."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        self.page = QTextBrowser()
        self.page.setObjectName("shortcutsPage")
        self.page.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.page.setHtml(shortcuts_html(window))
        layout.addWidget(self.page, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if isinstance(close, QAbstractButton):
            close.setAccessibleName(self.tr("Close"))
        layout.addWidget(buttons)
        name_built_in_parts(self)
        self.page.setFocus()


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# -- the main window ---------------------------------------------------------------


def focus_order(window) -> list[QWidget]:
    """The main window's tab stops, in order: sidebar, search, table, detail pane, note."""
    detail = window.detail
    saved = getattr(window, "saved_panel", None)
    names = [
        (window, "facet_panel"),
        (saved, "list"),
        (saved, "save_button"),
        (window, "trash_button"),
        (window, "search_edit"),
        (window, "clear_filters_button"),
        (window, "table"),
        (window, "no_results_button"),
        (detail, "authors_label"),
        (detail, "edit_button"),
        (detail, "status_selector"),
        (detail, "rating_selector"),
        (detail, "tag_chips"),
        (detail, "tag_editor"),
        (detail, "abstract_label"),
        (detail, "attachments_list"),
        (detail, "open_attachment_button"),
        (detail, "locate_button"),
        (detail, "remove_attachment_button"),
        (detail, "attach_button"),
        (detail, "link_button"),
        (detail, "note_tabs"),
        (detail, "notes_edit"),
    ]
    # getattr: a pane that has not (or no longer) got one of these is skipped.
    found = [getattr(owner, name, None) for owner, name in names]
    return [w for w in found if isinstance(w, QWidget)]


def install(window) -> None:
    """Keyboard wiring of a built main window: the tab order and shortcuts from any field."""
    chain_focus(focus_order(window))
    release_shortcuts(window)
    fixed_texts = {
        "undoAction": QCoreApplication.translate("Keyboard", "Undo the last change"),
        "redoAction": QCoreApplication.translate("Keyboard", "Redo the change undone"),
    }
    for action in window.findChildren(QAction):
        if action.objectName() in fixed_texts:
            action.setProperty(HELP_TEXT, fixed_texts[action.objectName()])
    # The style draws no focus on these: labels that take focus, a list that may be empty.
    names = ("authors_label", "abstract_label", "attachments_list")
    framed = [getattr(window.detail, name, None) for name in names]
    framed.append(getattr(getattr(window, "saved_panel", None), "list", None))
    show_focus(*[w for w in framed if isinstance(w, QWidget)])
