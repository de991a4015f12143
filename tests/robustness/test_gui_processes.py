"""The app in real processes: a typed note survives a kill; a second launch hands off."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from readinglist.library import Library
from tests.conftest import SEED_EN, SEED_FR
from tests.robustness.support import ROOT, cli_env

NOTE = "Read §2 again — the proof of Lemma 3 skips a case.\nTODO: check Fig. 4"

# Types a note with real key events into the running window, says so, and
# keeps the event loop going until it is killed.
NOTE_DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTableView
    from readinglist.gui import create_window

    def type_text(widget, text):
        # Key events carrying text, as a keyboard with any layout sends them.
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(widget, event)

    app = QApplication(sys.argv[:1])
    window = create_window(sys.argv[1])
    window.show()
    table = window.findChild(QTableView, "paperTable")
    table.setFocus()
    table.selectRow(0)
    app.processEvents()
    paper_id = window.current_paper_id()
    notes = window.findChild(QPlainTextEdit, "notesEdit")
    notes.setFocus()
    type_text(notes, sys.argv[2])
    print(paper_id, flush=True)
    app.exec()
    """
)

# The real app, with a print where it brings its window forward, so the test
# can see the hand-off from outside.
FIRST_INSTANCE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import readinglist.gui.app as app_module

    def raised(window, _original=app_module.bring_to_front):
        print("brought to front", flush=True)
        _original(window)

    app_module.bring_to_front = raised
    sys.exit(app_module.run_app(Path(sys.argv[1]), sys.argv[:1]))
    """
)


def _gui_env(tmp_path: Path) -> dict[str, str]:
    # Settings, logs and caches of the app go to the test's folder.
    home = tmp_path / "home"
    env = cli_env()
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env["XDG_RUNTIME_DIR"] = str(home / "run")
    (home / "run").mkdir(parents=True)
    (home / "run").chmod(0o700)
    return env


@pytest.fixture
def papers(data_dir: Path) -> Path:
    with Library.open(data_dir, auto_backup=False) as lib:
        lib.import_files([SEED_FR, SEED_EN])
    return data_dir


@pytest.mark.slow
def test_a_typed_note_survives_a_kill_one_second_later(papers: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", NOTE_DRIVER, str(papers), NOTE.replace("\n", " / ")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_gui_env(tmp_path),
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline().strip()
    assert line.isdigit(), proc.stderr.read() if proc.poll() is not None else line
    paper_id = int(line)
    time.sleep(1.0)
    assert proc.poll() is None, "the app must still be running when it is killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()
    proc.stderr.close()

    with Library.open(papers) as lib:
        assert lib.paper(paper_id).note == NOTE.replace("\n", " / ")


@pytest.mark.slow
def test_a_second_launch_brings_the_first_window_forward(papers: Path, tmp_path: Path) -> None:
    env = _gui_env(tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_INSTANCE, str(papers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert first.stdout is not None
    try:
        # The first instance is up once it holds the library open.
        sessions = papers / ".sessions"
        deadline = time.monotonic() + 30
        while not (sessions.is_dir() and any(sessions.iterdir())):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(0.5)

        second = subprocess.run(
            [sys.executable, "-m", "readinglist", "--data-dir", str(papers)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=30,
        )
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stdout
        assert first.stdout.readline().strip() == "brought to front"
        # Still one instance with the library open: the first.
        assert first.poll() is None
        assert len(list(sessions.iterdir())) == 1
    finally:
        first.kill()
        first.wait(10)
        first.stdout.close()
