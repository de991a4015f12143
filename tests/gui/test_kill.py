"""A note typed a second before the app is killed (SIGKILL) is there after restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from readinglist.library import Library

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from readinglist.gui import create_window

    app = QApplication([])
    window = create_window(sys.argv[1])
    window.show()
    window.table.selectRow(0)
    print(window.current_paper_id(), flush=True)
    window.detail.notes_edit.setFocus()
    QTest.keyClicks(window.detail.notes_edit, "typed just before the crash")
    QTimer.singleShot(1000, lambda: os.kill(os.getpid(), signal.SIGKILL))
    app.exec()
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_note_survives_sigkill_one_second_after_typing(seeded_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(seeded_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    paper_id = int(child.stdout.split()[0])
    with Library.open(seeded_dir, auto_backup=False) as library:
        assert library.paper(paper_id).note == "typed just before the crash"
