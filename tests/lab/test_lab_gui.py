"""The app in a lab: File ▸ Lab ▸ Join, the status bar, a change in one window shown in another."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from readinglist.gui.lab import JoinLabDialog
from readinglist.gui.paper_model import COL_TITLE
from readinglist.lab import sync as lab_sync
from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.gui.conftest import open_window, user_settings  # noqa: F401  (fixtures)
from tests.lab.conftest import Lab
from tests.lab.test_lab_sync import PASSWORD, _by_title, _join

TITLE = "Can Forward Gradient Match Backpropagation?"


def _titles(window) -> set[str]:  # type: ignore[no-untyped-def]
    model = window.model
    return {str(model.index(r, COL_TITLE).data()) for r in range(model.rowCount())}


def test_join_from_the_app_tests_the_connection_first(
    qtbot, lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "app"
    with Library.open(data_dir) as lib:
        lib.import_files([SEED_FR, SEED_EN])
        url = lab.member("gui", PASSWORD)
        dialog = JoinLabDialog(lib)
        qtbot.addWidget(dialog)
        dialog.url_edit.setText(url.replace(f":{PASSWORD}@", "@"))
        dialog.password_edit.setText("not the password")
        dialog.join()
        qtbot.waitUntil(lambda: dialog.join_button.isEnabled(), timeout=10000)
        assert "refused the login" in dialog.message.text()
        assert lab_sync.status(lib).server is None  # nothing was written
        dialog.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(dialog.joined, timeout=30000):
            dialog.join()
        assert lab_sync.status(lib).member is not None


def test_a_change_in_one_window_appears_in_the_others(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    a = _join(lab, "wa", seeded=True)
    b = _join(lab, "wb")
    window_a = open_window(a)
    window_b = open_window(b)
    label_b = window_b.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: "synced" in label_b.text(), timeout=10000)
    assert TITLE in _titles(window_b)
    pid = _by_title(window_a.library)[TITLE]
    # Changed from outside the window's own commands (as the CLI would): the
    # journal moving is enough for the window to push it.
    window_a.library.edit_paper(pid, title="Forward gradients, from the other window")
    qtbot.waitUntil(
        lambda: "Forward gradients, from the other window" in _titles(window_b), timeout=5000
    )
    assert TITLE not in _titles(window_b)


def test_offline_is_shown_not_raised(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    a = _join(lab, "off", seeded=True)
    with Library.open(a) as lib, lib.journaled("sync", "point elsewhere") as rec:
        rec.conn.exec_driver_sql(
            "UPDATE library_setting SET value = replace(value, '127.0.0.1:', '127.0.0.2:')"
            " WHERE key = 'lab.server'"
        )
    window = open_window(a)
    label = window.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: "offline since" in label.text(), timeout=15000)


def test_without_a_password_the_app_says_so_and_never_prompts(
    qtbot,
    open_window,  # noqa: F811
    lab: Lab,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    a = _join(lab, "nop", seeded=True)
    monkeypatch.delenv("READINGLIST_LAB_PASSWORD")
    # A terminal is there: the app must still not ask on it.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(
        "getpass.getpass", lambda *_a, **_k: pytest.fail("the app asked on the terminal")
    )
    window = open_window(a)
    label = window.findChild(QLabel, "labStatus")
    qtbot.waitUntil(lambda: "asks for a password" in label.text(), timeout=10000)


def test_the_conflicts_dialog_shows_both_versions_and_keeps_one(
    qtbot, lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from readinglist.gui.lab import ConflictsDialog
    from tests.lab.conftest import sync

    monkeypatch.setenv("READINGLIST_LAB_PASSWORD", PASSWORD)
    url = lab.member("cfl", PASSWORD)
    one = _join(lab, "cfl1", url, seeded=True)
    two = _join(lab, "cfl2", url)
    for data_dir, text in ((one, "from the laptop"), (two, "from the desktop")):
        with Library.open(data_dir) as lib:
            lib.set_note(_by_title(lib)[TITLE], text)
    assert sync(one) == 0 and sync(two) == 0
    with Library.open(two) as lib:
        dialog = ConflictsDialog(lib)
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 1
        assert dialog.mine.toPlainText() == "from the desktop"
        assert dialog.theirs.toPlainText() == "from the laptop"
        with qtbot.waitSignal(dialog.resolved):
            dialog.keep_theirs.click()
        assert dialog.list.count() == 0 and not dialog.keep_theirs.isEnabled()
        assert lib.paper(_by_title(lib)[TITLE]).note == "from the laptop"
        assert lab_sync.status(lib).conflicts == 0
