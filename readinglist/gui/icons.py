"""UI icons: SVGs from resources/icons/ui, drawn in the palette's text colour at any DPI."""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from readinglist.assets import resource

log = logging.getLogger(__name__)


@functools.cache
def _svg_text(name: str) -> str:
    try:
        return resource("icons", "ui", f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        log.warning("UI icon %s is missing", name)
        return ""


class _TintedSvgEngine(QIconEngine):
    """Renders an SVG whose strokes say ``currentColor`` in the colour the palette has for the mode.

    Colours are looked up at paint time, so icons follow a switch between
    light and dark schemes without being rebuilt.
    """

    def __init__(self, name: str, color_role: QPalette.ColorRole | None = None) -> None:
        super().__init__()
        self.name = name
        self.color_role = color_role

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self.name, self.color_role)

    def _color(self, mode: QIcon.Mode) -> str:
        palette = QGuiApplication.palette()
        if self.color_role is not None:
            return palette.color(self.color_role).name()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
        if mode == QIcon.Mode.Selected:
            return palette.color(QPalette.ColorRole.HighlightedText).name()
        return palette.color(QPalette.ColorRole.WindowText).name()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        text = _svg_text(self.name).replace("currentColor", self._color(mode))
        renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
        if renderer.isValid():
            renderer.render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def iconName(self) -> str:
        return self.name


def icon(name: str, color_role: QPalette.ColorRole | None = None) -> QIcon:
    """The UI icon called ``name`` (file name without .svg)."""
    return QIcon(_TintedSvgEngine(name, color_role))


def app_icon() -> QIcon:
    """The application icon, or an empty icon while it is not there."""
    try:
        path = resource("icons", "app", "readinglist.svg")
        if path.is_file():
            return QIcon(str(path))
    except OSError:
        pass
    return QIcon()
