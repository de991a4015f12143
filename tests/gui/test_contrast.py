"""Contrast (WCAG AA) of the colours the app shows, in the light and the dark scheme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from readinglist.gui import appearance
from readinglist.gui.a11y import blend, contrast
from readinglist.gui.appearance import FLAGGED_BACKGROUND

TEXT = 4.5  # body text
LARGE = 3.0  # large text, icons, focus indicators

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@pytest.fixture(params=["system", "light (Fusion)", "dark"])
def palette(request, qapp) -> QPalette:
    """The palettes apply_color_scheme puts in place, each made legible as it does.

    Computed without setting them: a palette change reaches every widget
    still alive from earlier tests.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    source = {
        "system": app.palette(),
        "light (Fusion)": QStyleFactory.create("Fusion").standardPalette(),
        "dark": appearance.dark_palette(),
    }[request.param]
    return appearance.legible(QPalette(source))


def pairs(p: QPalette) -> list[tuple[str, QColor, QColor, float]]:
    def c(role: QPalette.ColorRole, group: QPalette.ColorGroup = Group.Active) -> QColor:
        return p.color(group, role)

    flagged = [blend(FLAGGED_BACKGROUND, c(base)) for base in (Role.Base, Role.AlternateBase)]
    return [
        ("table text", c(Role.Text), c(Role.Base), TEXT),
        (
            "table text, alternate rows (bold unread titles too)",
            c(Role.Text),
            c(Role.AlternateBase),
            TEXT,
        ),
        ("window text", c(Role.WindowText), c(Role.Window), TEXT),
        ("buttons", c(Role.ButtonText), c(Role.Button), TEXT),
        ("selected rows", c(Role.HighlightedText), c(Role.Highlight), TEXT),
        ("sidebar counts, placeholders", c(Role.PlaceholderText), c(Role.Base), TEXT),
        ("author links", c(Role.Link), c(Role.Window), TEXT),
        ("active sidebar item", c(Role.Link), c(Role.Base), TEXT),
        ("sidebar section titles", c(Role.WindowText, Group.Disabled), c(Role.Base), TEXT),
        ("secondary text (dates, hints)", c(Role.WindowText, Group.Disabled), c(Role.Window), TEXT),
        ("icons and stars", c(Role.WindowText), c(Role.Window), LARGE),
        ("focus frame", c(Role.Highlight), c(Role.Window), LARGE),
        ("flagged import rows", c(Role.Text), flagged[0], TEXT),
        ("flagged import rows, alternate", c(Role.Text), flagged[1], TEXT),
        ("flagged rows left out", c(Role.Text, Group.Disabled), flagged[0], TEXT),
        ("rows left out", c(Role.Text, Group.Disabled), c(Role.Base), TEXT),
    ]


def test_text_meets_wcag_aa(palette: QPalette) -> None:
    failing = [
        f"{what}: {contrast(fg, bg):.2f} < {need} ({fg.name()} on {bg.name()})"
        for what, fg, bg, need in pairs(palette)
        if contrast(fg, bg) < need
    ]
    assert not failing, "\n".join(failing)


def test_the_contrast_formula() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor(0, 0, 0, 0), QColor("white")) == pytest.approx(1.0)


def test_the_untouched_palettes_would_fail() -> None:
    # What legible() is for: Fusion's grey secondary text on white is 1.9:1.
    fusion = QStyleFactory.create("Fusion").standardPalette()
    grey = fusion.color(Group.Disabled, Role.WindowText)
    assert contrast(grey, fusion.color(Group.Active, Role.Base)) < TEXT
