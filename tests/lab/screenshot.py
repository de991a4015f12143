"""Two members' windows, one above the other: a title corrected in one appears in the other.

    python -m tests.lab.screenshot OUT.png

Starts a temporary PostgreSQL cluster, joins two libraries whose members share
their status (Bob has read one paper and is reading another, so Alice's Lab
column and detail pane say so), opens a window over each, corrects a title in
the first and waits for the second to show it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


def main() -> int:
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from readinglist.cli import main as cli
    from readinglist.gui import create_window
    from readinglist.gui.paper_model import COL_TITLE
    from readinglist.library import Library
    from tests.conftest import SEED_EN, SEED_FR
    from tests.lab.pgcluster import Cluster, find_bin

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "lab-two-windows.png")
    bin_dir = find_bin()
    if bin_dir is None:
        print("PostgreSQL is not installed", file=sys.stderr)
        return 2
    cluster = Cluster(bin_dir)
    cluster.init()
    cluster.start()
    cluster.wait_ready()
    app = QApplication.instance() or QApplication([])
    windows = []
    try:
        admin = cluster.create_db("shots")
        folder = Path(tempfile.mkdtemp(prefix="rl-shot-"))
        assert cli(["lab", "init", admin, "--data-dir", str(folder / "admin")]) == 0
        os.environ["READINGLIST_LAB_PASSWORD"] = "shot-pw"
        dirs = []
        for name in ("alice", "bob"):
            data_dir = folder / name
            if name == "alice":
                with Library.open(data_dir) as lib:
                    lib.import_files([SEED_FR, SEED_EN])
            args = ["lab", "add-member", name, "--password", "shot-pw", "--url", admin]
            assert cli([*args, "--data-dir", str(folder / "admin")]) == 0
            url = cluster.url("shots", name, "shot-pw")
            assert cli(["lab", "join", url, "--data-dir", str(data_dir)]) == 0
            assert cli(["lab", "share", "on", "--data-dir", str(data_dir)]) == 0
            dirs.append(data_dir)
        old = "Can Forward Gradient Match Backpropagation?"
        with Library.open(dirs[1]) as lib:
            ids = {s.title: s.id for s in lib.summaries(lib.paper_ids())}
            lib.set_status([ids[old]], "read")
            lib.set_status([next(i for t, i in sorted(ids.items()) if t != old)], "reading")
        for data_dir in dirs[::-1]:
            assert cli(["sync", "--data-dir", str(data_dir)]) == 0
        for data_dir in dirs:
            window = create_window(data_dir)
            window.resize(1400, 620)
            window.show()
            windows.append(window)

        def titles(window) -> set[str]:  # type: ignore[no-untyped-def]
            m = window.model
            return {str(m.index(r, COL_TITLE).data()) for r in range(m.rowCount())}

        def wait(condition, timeout: float = 15) -> None:  # type: ignore[no-untyped-def]
            end = time.monotonic() + timeout
            while not condition() and time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)

        a, b = windows
        wait(lambda: "synced" in b.lab.label.text())
        pid = next(s.id for s in a.library.summaries(a.library.paper_ids()) if s.title == old)
        new = "Can Forward Gradient Match Backpropagation? (corrected by Alice)"
        a.library.edit_paper(pid, title=new)
        a.lab.local_change()
        started = time.monotonic()
        wait(lambda: new in titles(b))
        print(f"the change reached Bob's window in {time.monotonic() - started:.2f} s")
        wait(lambda: "synced" in a.lab.label.text() and "synced" in b.lab.label.text(), 5)
        pid_b = next(s.id for s in b.library.summaries(b.library.paper_ids()) if s.title == new)
        a.select_paper(pid)
        b.select_paper(pid_b)
        wait(lambda: False, 0.5)
        shots = [w.grab() for w in windows]
        band = 28  # a caption above each window: whose it is
        canvas = QPixmap(max(s.width() for s in shots), sum(s.height() + band for s in shots) + 10)
        canvas.fill()
        painter = QPainter(canvas)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        y = 0
        for name, shot in zip(("Alice's window", "Bob's window"), shots, strict=True):
            painter.drawText(8, y + band - 9, name)
            painter.drawPixmap(0, y + band, shot)
            y += shot.height() + band + 10
        painter.end()
        canvas.save(str(out))
        print(out)
    finally:
        for window in windows:
            window.shutdown()
        cluster.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
