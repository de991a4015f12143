"""Light or dark: follow the system's colour scheme or the user's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM, LIGHT, DARK = "system", "light", "dark"


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    disabled = QPalette.ColorGroup.Disabled
    colors = {
        role.Window: "#2b2d30",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f2023",
        role.AlternateBase: "#26282b",
        role.ToolTipBase: "#3a3d41",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8c8f94",
        role.Text: "#e6e6e6",
        role.Button: "#35373b",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4d52",
        role.Midlight: "#3e4145",
        role.Mid: "#2f3134",
        role.Dark: "#1a1b1d",
        role.Shadow: "#111214",
        role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb2ff",
        role.LinkVisited: "#b69cff",
        role.Accent: "#3d6fb4",
    }
    for name, value in colors.items():
        palette.setColor(name, QColor(value))
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, name, QColor("#80838a"))
    palette.setColor(disabled, role.Highlight, QColor("#44474c"))
    return palette


def wants_dark(choice: str) -> bool:
    if choice == DARK:
        return True
    if choice == LIGHT:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_color_scheme(app: QApplication, choice: str) -> None:
    """Use the scheme ``choice`` asks for: the platform's when it can, else Fusion and a palette."""
    hints = app.styleHints()
    requested = {DARK: Qt.ColorScheme.Dark, LIGHT: Qt.ColorScheme.Light}.get(
        choice, Qt.ColorScheme.Unknown
    )
    hints.setColorScheme(requested)
    dark = wants_dark(choice) or choice == DARK
    palette_dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if dark == palette_dark:
        return
    # The platform could not switch (no theme support, e.g. a bare X server):
    # draw it ourselves with Fusion, which follows the palette completely.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
