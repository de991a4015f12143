"""Light or dark: follow the system's colour scheme or the user's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from readinglist.gui.a11y import blend, contrast

SYSTEM, LIGHT, DARK = "system", "light", "dark"

# The import preview's rows to check: a soft amber over the table's base colour.
FLAGGED_BACKGROUND = QColor(255, 176, 32, 60)
# WCAG AA: body text, and large text, icons and focus indicators.
TEXT_CONTRAST, NON_TEXT_CONTRAST = 4.5, 3.0


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    disabled = QPalette.ColorGroup.Disabled
    colors = {
        role.Window: "#26282b",
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
        role.Highlight: "#2e77b8",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb2ff",
        role.LinkVisited: "#b69cff",
        role.Accent: "#2e77b8",
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
    if dark != palette_dark:
        # The platform could not switch (no theme support, e.g. a bare X server):
        # draw it ourselves with Fusion, which follows the palette completely.
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(dark_palette() if dark else app.style().standardPalette())
    apply_accessible_contrast(app)


def apply_accessible_contrast(app: QApplication) -> None:
    """Adjust the colours of the palette in use that fall short of WCAG AA (see ``legible``)."""
    palette = app.palette()
    fixed = legible(palette)
    if fixed != palette:
        app.setPalette(fixed)


def legible(palette: QPalette) -> QPalette:
    """``palette`` with the text colours the app shows brought to WCAG AA contrast.

    Secondary text (dates, hints, section titles, rows left out of an import)
    is drawn in the disabled text colour, and counts in the placeholder
    colour; themes often make these too faint (Fusion's grey on white is
    1.9:1). Each colour is moved towards black or white just far enough.
    """
    p = QPalette(palette)
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    active, disabled = group.Active, group.Disabled
    base, alternate = p.color(active, role.Base), p.color(active, role.AlternateBase)
    window = p.color(active, role.Window)
    flagged = [blend(FLAGGED_BACKGROUND, base), blend(FLAGGED_BACKGROUND, alternate)]
    text_on = {
        (disabled, role.WindowText): [window, base],
        (disabled, role.Text): [base, alternate, *flagged],
        (active, role.PlaceholderText): [base, window],
        (active, role.Text): [base, alternate, *flagged],
        (active, role.WindowText): [window],
        (active, role.Link): [base, window],
    }
    for (grp, name), backgrounds in text_on.items():
        color = _reach(p.color(grp, name), backgrounds, TEXT_CONTRAST)
        groups = (grp,) if grp == disabled else (active, group.Inactive)
        for g in groups:
            p.setColor(g, name, color)
    # Selected rows: white (or black) text on the highlight, and the
    # highlight (also the focus ring) against the window.
    highlight = p.color(active, role.Highlight)
    on_highlight = p.color(active, role.HighlightedText)
    for _ in range(100):
        if contrast(on_highlight, highlight) >= TEXT_CONTRAST:
            break
        # Fusion's focus ring is the highlight colour: it must stay visible too.
        highlight = _step(highlight, towards_dark=on_highlight.lightness() > 127)
    for g in (active, group.Inactive):
        p.setColor(g, role.Highlight, highlight)
    return p


def _step(color: QColor, towards_dark: bool) -> QColor:
    h, s, lightness, a = color.getHslF()
    lightness = max(0.0, lightness - 0.01) if towards_dark else min(1.0, lightness + 0.01)
    return QColor.fromHslF(max(h, 0.0), s, lightness, a)


def _reach(color: QColor, backgrounds: list[QColor], target: float) -> QColor:
    """``color`` if it reaches ``target`` on every background, else the nearest that does."""

    def enough(c: QColor) -> bool:
        return min(contrast(c, b) for b in backgrounds) >= target

    if enough(color):
        return color  # a translucent colour (Fusion's placeholder) stays as it is
    current = blend(color, backgrounds[0]) if color.alpha() < 255 else QColor(color)
    dark_background = sum(b.lightnessF() for b in backgrounds) / len(backgrounds) < 0.5
    for _ in range(100):
        if enough(current):
            break
        current = _step(current, towards_dark=not dark_background)
    return current
