"""Accessibility helpers: names for the parts Qt builds itself, and contrast (WCAG) arithmetic."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLineEdit,
    QScrollBar,
    QTableView,
    QToolButton,
    QWidget,
)


def name_built_in_parts(root: QWidget) -> None:
    """Name what Qt creates without a name: scroll bars and the icon buttons of line edits.

    Call it once the widgets exist; a screen reader otherwise announces them
    as a bare "scroll bar" or "button".
    """
    for bar in root.findChildren(QScrollBar):
        if not bar.accessibleName():
            vertical = bar.orientation() == Qt.Orientation.Vertical
            bar.setAccessibleName(
                QCoreApplication.translate("A11y", "Vertical scroll bar")
                if vertical
                else QCoreApplication.translate("A11y", "Horizontal scroll bar")
            )
    for edit in root.findChildren(QLineEdit):
        for button in edit.findChildren(QToolButton):
            if button.accessibleName():
                continue
            action = button.defaultAction()
            text = action.text() if action is not None else ""
            if not text and edit.isClearButtonEnabled() and _is_clear_button(button):
                text = QCoreApplication.translate("A11y", "Clear the field")
            button.setAccessibleName(text or edit.accessibleName())


def _is_clear_button(button: QToolButton) -> bool:
    action = button.defaultAction()
    return action is not None and action.objectName() == "_q_qlineeditclearaction"


FOCUS_FRAME = (
    "{kind} {{ border: 1px solid {rest}; border-radius: 3px; }}"
    " {kind}:focus {{ border: 1px solid palette(highlight); }}"
)


def show_focus(*widgets: QWidget) -> None:
    """A frame in the highlight colour while the widget has focus.

    For the widgets the style draws no focus on: labels that take focus
    (links, selectable text) and an empty list. Labels keep an invisible
    frame without focus, so nothing moves; a list keeps a plain one.
    """
    for widget in widgets:
        if isinstance(widget, QAbstractScrollArea):
            kind, rest = "QAbstractScrollArea", "palette(mid)"
        else:
            kind, rest = "QLabel", "transparent"
        widget.setStyleSheet(FOCUS_FRAME.format(kind=kind, rest=rest))


def fit_columns(table: QTableView, samples: dict[int, list[str]]) -> None:
    """Widen the columns of ``samples`` to fit their header and the widest sample text.

    Default widths are in pixels; with a larger system font or another
    language ("Évaluation", "25 nov. 2026") they would clip. A column the
    user made wider stays as it is.
    """
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    for column, texts in samples.items():
        needed = max(
            [header.sectionSizeFromContents(column).width()]
            + [metrics.horizontalAdvance(text) + 16 for text in texts]
        )
        if table.columnWidth(column) < needed:
            table.setColumnWidth(column, needed)


def fit_width(widget: QWidget, texts: list[str], extra: int) -> None:
    """Make ``widget`` at least wide enough for each of ``texts`` plus ``extra`` pixels."""
    needed = max(widget.fontMetrics().horizontalAdvance(t) for t in texts) + extra
    widget.setMinimumWidth(max(widget.minimumWidth(), needed))


# -- contrast --------------------------------------------------------------------


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    return (
        0.2126 * _channel(color.redF())
        + 0.7152 * _channel(color.greenF())
        + 0.0722 * _channel(color.blueF())
    )


def blend(top: QColor, bottom: QColor) -> QColor:
    """``top`` (maybe translucent) painted over the opaque ``bottom``."""
    alpha = top.alphaF()
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )


def contrast(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio, 1 to 21; a translucent foreground is blended over the background."""
    fg = blend(foreground, background) if foreground.alpha() < 255 else foreground
    lighter, darker = sorted((luminance(fg), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
