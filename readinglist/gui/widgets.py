"""Small widgets: flow layout, star rating, tag editor, a Markdown view loading nothing remote."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCompleter,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QTextBrowser,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from readinglist.gui.icons import icon


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to a new line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, apply: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x = rect.x()
                y += line_height + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class RatingSelector(QSlider):
    """Zero to five stars: click a star (again to clear), or Left/Right/0–5 on the keyboard.

    A QSlider underneath, painted as stars: Qt's accessibility then exposes it
    as a slider whose value (0–5) a screen reader reads and sets, which a
    plain widget painting stars could not offer from Python.
    """

    ratingChosen = Signal(int)

    STAR_COUNT = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("ratingSelector")
        self.setRange(0, self.STAR_COUNT)
        self.setPageStep(1)
        self._quiet = False
        self._hover = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Rating"))
        self._full = icon("star")
        self._empty = icon("star-empty")
        # Assistive technology sets the value like any slider's: that is a choice too.
        self.valueChanged.connect(self._value_changed)
        self._update_description()

    def rating(self) -> int:
        return self.value()

    def set_rating(self, rating: int) -> None:
        """Show ``rating`` without emitting (the library already holds it)."""
        self._quiet = True
        try:
            self.setValue(max(0, min(self.STAR_COUNT, rating)))
        finally:
            self._quiet = False
        self._update_description()
        self.update()

    def _value_changed(self, value: int) -> None:
        self._update_description()
        self.update()
        if not self._quiet:
            self.ratingChosen.emit(value)

    def _choose(self, rating: int) -> None:
        if rating == self.value():
            self.ratingChosen.emit(rating)
        else:
            self.setValue(rating)

    def _update_description(self) -> None:
        text = self.tr("%n of 5 stars", "", self.value())
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def _star_size(self) -> int:
        return max(16, self.fontMetrics().height() + 4)

    def sizeHint(self) -> QSize:
        side = self._star_size()
        return QSize(side * self.STAR_COUNT + 8, side + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _star_at(self, pos: QPoint) -> int:
        side = self._star_size()
        index = (pos.x() - 4) // side
        return index + 1 if 0 <= index < self.STAR_COUNT else -1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = self._star_size()
        shown = self._hover if self._hover > 0 else self.value()
        for i in range(self.STAR_COUNT):
            rect = QRect(4 + i * side, 3, side - 2, side - 2)
            (self._full if i < shown else self._empty).paint(painter, rect)
        if self.hasFocus():
            pen = QPen(self.palette().highlight().color())
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover = self._star_at(event.position().toPoint())
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        star = self._star_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and star > 0:
            self._choose(0 if star == self.value() else star)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The wheel scrolls the pane under the pointer; it never rates.
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self._choose(min(self.STAR_COUNT, self.value() + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self._choose(max(0, self.value() - 1))
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_5 and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._choose(key - Qt.Key.Key_0)
        else:
            event.ignore()


class TagEditor(QLineEdit):
    """Type tags (comma-separated), Enter adds them; completes from the library's tags."""

    tagsEntered = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagEditor")
        self.setPlaceholderText(self.tr("Add a tag…"))
        self.setAccessibleName(self.tr("Add tags"))
        self.setToolTip(self.tr("Type a tag and press Enter; separate several with commas"))
        self._known = QStringListModel(self)
        completer = QCompleter(self._known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.returnPressed.connect(self._enter)

    def set_known_tags(self, tags: list[str]) -> None:
        self._known.setStringList(tags)

    def _enter(self) -> None:
        tags = [t.strip() for t in self.text().split(",") if t.strip()]
        if tags:
            self.clear()
            self.tagsEntered.emit(tags)


class TagChips(QWidget):
    """A paper's tags as buttons; activating one removes that tag."""

    tagRemoved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagChips")
        self._layout = FlowLayout(self)
        self._buttons: list[QToolButton] = []

    def set_tags(self, tags: tuple[str, ...] | list[str]) -> None:
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for tag in tags:
            button = QToolButton(self)
            button.setText(tag)
            button.setIcon(icon("close"))
            button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(False)
            button.setAccessibleName(self.tr("Remove tag {tag}").format(tag=tag))
            button.setToolTip(self.tr("Remove the tag “{tag}”").format(tag=tag))
            button.clicked.connect(lambda _=False, t=tag: self.tagRemoved.emit(t))
            self._layout.addWidget(button)
            button.show()
            self._buttons.append(button)
        self.setVisible(bool(tags))
        self.updateGeometry()

    def tags(self) -> list[str]:
        return [b.text() for b in self._buttons]


class SafeMarkdownView(QTextBrowser):
    """Renders Markdown; runs no script, loads nothing remote, opens links only on click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open)

    def loadResource(self, kind: int, url: QUrl):
        # Images and style sheets named in a note would be fetched here; only
        # local files are allowed, so a note cannot call out to the network.
        if url.isLocalFile():
            return super().loadResource(kind, url)
        return None

    def _open(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def set_markdown(self, text: str) -> None:
        # Raw HTML in a note is shown as text: an unclosed <style> or <iframe>
        # would otherwise hide the rest of the note.
        features = QTextDocument.MarkdownFeature
        self.document().setMarkdown(text, features.MarkdownDialectGitHub | features.MarkdownNoHTML)
