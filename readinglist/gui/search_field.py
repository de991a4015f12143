"""The search field: reads the search language as you type, says what is wrong, completes.

The field keeps the last query that could be read (``query()``), so the table
goes on showing its result while the text is being fixed; a bad query turns
the field red, with the reason and the place in its tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from readinglist.library import STATUSES, Facets
from readinglist.library.query import FIELD_ALIASES, FIELDS, Query, QueryError, fold

# The term under the cursor: an optional "-", a field name and colon, then its value so far.
_TERM = re.compile(r'(-?)(?:([^\W\d_][\w\-]*):)?("[^"]*"?|[^\s()"]*)$', re.UNICODE)
HAS_VALUES = ("note", "attachment", "abstract")
IN_VALUES = ("queue", "trash")
ORDERED = ("=", ">=", "<=", ">", "<")
INVALID_STYLE = "QLineEdit { border: 1px solid #d93025; background: rgba(217, 48, 37, 28); }"


def _quoted(value: str) -> str:
    if re.fullmatch(r"[^\s()\"]+", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class SearchField(QLineEdit):
    """The search field (``searchEdit``): Esc clears it (when empty: back to the table).

    Signals:
        leaveRequested: Down or Enter, to move to the table.
        queryChanged: a new query could be read from the text.
        queryRejected(str): the text cannot be read; the reason, with where.
    """

    leaveRequested = Signal()
    queryChanged = Signal()
    queryRejected = Signal(str)

    def __init__(self, parser: Callable[[str], Query], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchEdit")
        self._parser = parser
        self._query = Query("", None)
        self._candidate = self._query
        self._checked: str | None = None
        self._error: QueryError | None = None
        self._help = ""
        self._words = QStringListModel(self)
        self._completer = QCompleter(self._words, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert_completion)
        self._values: dict[str, list[str]] = {
            "status": list(STATUSES),
            "has": list(HAS_VALUES),
            "in": list(IN_VALUES),
            "lab": ["read", "reading"],
        }
        self.textChanged.connect(self._check)
        self.textEdited.connect(self._complete)

    # -- the query ---------------------------------------------------------

    def set_parser(self, parser: Callable[[str], Query]) -> None:
        """Read queries with ``parser`` from now on (another library was opened)."""
        self._parser = parser
        self._check(self.text())

    def query(self) -> Query:
        """The text's query; while the text cannot be read, the last query asked for.

        The window asks when it searches (after the typing pause), so a bad
        query leaves the table as it was, not at some half-typed word.
        """
        self._sync()
        if self._error is None:
            self._query = self._candidate
        return self._query

    def error(self) -> QueryError | None:
        """Why the current text cannot be read, or None."""
        self._sync()
        return self._error

    def _sync(self) -> None:
        # Text set with signals blocked (a restored or cleared search) is read on demand.
        if self.text().strip() != self._checked:
            self._check(self.text())

    def setToolTip(self, text: str) -> None:
        self._help = text
        if self._error is None:
            super().setToolTip(text)

    def _check(self, text: str) -> None:
        self._checked = text.strip()
        try:
            query = self._parser(text.strip())
        except QueryError as exc:
            self._error = exc
            message = exc.describe()
            shown = text.strip()
            where = shown[: exc.position] + "▸" + shown[exc.position :]
            super().setToolTip(
                self.tr("This search cannot be read: {why}\n{where}").format(
                    why=message, where=where
                )
            )
            self.setAccessibleDescription(message)
            self.setProperty("invalid", True)
            self.setStyleSheet(INVALID_STYLE)
            self.queryRejected.emit(message)
            return
        was_invalid = self._error is not None
        self._error = None
        if was_invalid:
            self.setProperty("invalid", False)
            self.setStyleSheet("")
            super().setToolTip(self._help)
            self.setAccessibleDescription("")
        if query != self._candidate:
            self._candidate = query
            self.queryChanged.emit()

    # -- completion --------------------------------------------------------

    def set_known(self, facets: Facets | None, tags: Iterable[str] = ()) -> None:
        """Values to offer after ``tag:``, ``listing:`` and ``author:`` (frequent authors)."""
        self._values["tag"] = sorted(set(tags), key=str.casefold)
        if facets is not None:
            self._values["listing"] = [name for name, _ in facets.listings]
            self._values["author"] = [name for name, _ in facets.authors]

    def completions(self, before_cursor: str) -> tuple[str, list[str]]:
        """The term being typed at the end of ``before_cursor`` and what could complete it."""
        m = _TERM.search(before_cursor)
        if m is None:
            return "", []
        minus, name, value = m.group(1), m.group(2), m.group(3)
        typed = m.group(0)
        if name is None:
            # Field names from the second letter: a lone letter starts too many words.
            if len(value) < 2 or value.startswith('"'):
                return typed, []
            return typed, [f"{minus}{f}:" for f in FIELDS if f.startswith(value.lower())]
        field = FIELD_ALIASES.get(fold(name), "")
        known = self._values.get(field, [])
        if field == "rating":
            known = [f"{op}{n}" for op in ORDERED for n in range(6)]
        bare = value.strip('"').lstrip("=")
        options = [
            f"{minus}{name}:{_quoted(v)}" for v in known if v.casefold().startswith(bare.casefold())
        ]
        return typed, options

    def _complete(self, _text: str) -> None:
        before = self.text()[: self.cursorPosition()]
        typed, options = self.completions(before)
        options = [o for o in options if o != typed]
        if not typed or not options:
            self._hide_popup()
            return
        self._words.setStringList(options)
        self._completer.setCompletionPrefix(typed)
        if self._completer.completionCount() == 0:
            self._hide_popup()
            return
        self._completer.complete()

    def _insert_completion(self, chosen: str) -> None:
        cursor = self.cursorPosition()
        before, after = self.text()[:cursor], self.text()[cursor:]
        typed, _ = self.completions(before)
        head = before[: len(before) - len(typed)]
        # A field name stays open for its value; a whole term gets a space after it.
        tail = "" if chosen.endswith(":") else " "
        self.setText(head + chosen + tail + after.lstrip())
        self.setCursorPosition(len(head + chosen + tail))
        if chosen.endswith(":"):
            self._complete(self.text())

    def _hide_popup(self) -> None:
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()

    # -- keys --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._completer.popup()
        if (
            popup is not None
            and popup.isVisible()
            and event.key()
            in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_Escape,
                Qt.Key.Key_Tab,
            )
        ):
            event.ignore()  # the completer's popup takes these
            return
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.leaveRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.leaveRequested.emit()
            return
        super().keyPressEvent(event)
