"""The app around the window: crash dialog and log, one instance per library, restore, self-test."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from readinglist.gui import self_test
from readinglist.gui.app import InstanceServer, ask_running_instance, create_window, server_name
from readinglist.gui.crash import ExceptionHandler, setup_logging
from readinglist.library import Library, LibraryError, NewerSchemaError
from tests.conftest import SEED_EN


def test_an_unexpected_error_is_logged_and_shown_and_the_note_is_saved(
    qtbot, window, tmp_path: Path, caplog
) -> None:
    window.table.selectRow(0)
    paper_id = window.current_paper_id()
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "do not lose me")
    handler = ExceptionHandler(tmp_path / "readinglist.log")
    handler.raised.connect(lambda _text: window.detail.flush_note())
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="readinglist"):
            handler.handle(type(exc), exc, exc.__traceback__)
    assert "boom" in caplog.text
    assert window.library.paper(paper_id).note == "do not lose me"
    dialog = handler.dialog
    assert isinstance(dialog, QMessageBox)
    assert dialog.isVisible()
    assert "RuntimeError: boom" in dialog.informativeText()
    assert "readinglist.log" in dialog.informativeText()
    # A second error goes into the same dialog rather than stacking another.
    try:
        raise ValueError("again")
    except ValueError:
        assert handler.show_dialog("ValueError", "again") is dialog
    dialog.close()
    assert window.isVisible()


def test_logging_goes_to_a_file_in_the_log_folder(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path / "logs")
        assert path is not None
        logging.getLogger("readinglist.test").warning("written")
        for handler in root.handlers:
            handler.flush()
        assert "written" in path.read_text(encoding="utf-8")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def test_a_second_launch_asks_the_first_to_come_forward(qtbot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "library")
    assert name == server_name(tmp_path / "library" / ".." / "library")
    assert not ask_running_instance(name, timeout_ms=100)
    server = InstanceServer(name)
    try:
        with qtbot.waitSignal(server.activated, timeout=3000):
            assert ask_running_instance(name)
        qtbot.wait(50)
    finally:
        server.close()


def test_restoring_a_backup_reopens_the_library(qtbot, window) -> None:
    window.library.backup()
    window.table.selectRow(0)
    window.set_status("read")
    assert window.library.count(_read_filter()) == 1
    backups = window.library.backups()
    assert backups and backups[0].papers == 16
    assert window.restore(Path(backups[0].path).name)
    assert window.library.count(_read_filter()) == 0
    assert window.model.rowCount() == 16
    window.table.selectRow(0)
    assert window.detail.status_selector.status() == "new"


def _read_filter():
    from readinglist.library import PaperFilter

    return PaperFilter(statuses=frozenset({"read"}))


def test_a_library_from_a_newer_version_is_refused_with_a_library_error(tmp_path: Path) -> None:
    import sqlite3

    data_dir = tmp_path / "library"
    library = Library.open(data_dir)
    db = library.db_path
    library.close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    try:
        create_window(data_dir)
    except NewerSchemaError as exc:
        assert str(exc)
    except LibraryError as exc:  # the library may word it as another LibraryError
        assert str(exc)
    else:
        raise AssertionError("a library from the future was opened")


def test_self_test_passes(capsys) -> None:
    assert self_test() == 0
    assert "self-test passed" in capsys.readouterr().out


def test_english_plurals_come_from_the_bundled_translation(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from readinglist.gui.app import make_application

    make_application([])
    text = QCoreApplication.translate("MainWindow", "%n paper(s) marked", "", 1)
    assert text == "1 paper marked"
    assert (
        QCoreApplication.translate("MainWindow", "%n paper(s) marked", "", 2) == "2 papers marked"
    )


def test_an_unopenable_library_is_explained_in_a_dialog_not_a_crash(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    import sqlite3

    from readinglist.gui.app import open_with_recovery

    data_dir = tmp_path / "library"
    library = Library.open(data_dir)
    db = library.db_path
    library.close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    shown: list[tuple[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert open_with_recovery(data_dir) is None
    assert len(shown) == 1
    text, reason = shown[0]
    assert str(data_dir) in text
    assert reason


def test_a_damaged_library_is_moved_aside_and_a_backup_offered(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from readinglist.gui.app import open_with_recovery

    data_dir = tmp_path / "library"
    with Library.open(data_dir) as library:
        library.import_files([SEED_EN])
        library.backup()
        db = library.db_path
    damaged = b"SQLite format 3\x00" + b"\xff" * 8192
    db.write_bytes(damaged)
    shown: list[tuple[str, list[str]]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.informativeText(), [b.text() for b in box.buttons()]))
        return 0  # the user closes the box: no restore

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert open_with_recovery(data_dir) is None
    [(reason, buttons)] = shown
    [aside] = [
        p
        for p in data_dir.glob("library.sqlite3.corrupt-*")
        if not p.name.endswith(("-wal", "-shm"))  # moved along with it
    ]
    assert aside.read_bytes() == damaged and not db.exists()
    assert str(aside) in reason
    assert any("Restore" in b for b in buttons)


def test_the_daily_backup_is_taken_by_a_worker_once_the_window_is_up(
    qtbot, open_window, seeded_dir: Path
) -> None:
    with Library.open(seeded_dir, auto_backup=False) as library:
        assert library.backups() == []
    window = open_window(seeded_dir)
    assert window.model.rowCount() == 16
    qtbot.waitUntil(lambda: len(window.library.backups()) == 1, timeout=15000)
    [daily] = window.library.backups()
    assert "daily" in daily.path and daily.papers == 16
