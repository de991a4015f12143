"""Screenshots of the app's main states, to look at a language or a scale (run on demand).

    python -m tests.gui.screenshots OUT_DIR [--lang fr] [--font-size 14] [--dark]

Set QT_SCALE_FACTOR=2 for 200 %. Under a real X server (Xvfb) the pictures
show the fonts and the style the user gets; offscreen works too. Each state
is built over a temporary library holding the sample listings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    widget.raise_()
    wait(app, lambda: False, 0.3)
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--font-size", type=float, default=None)
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args(argv)
    if args.lang:
        os.environ["READINGLIST_LANG"] = args.lang
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    config = tempfile.mkdtemp(prefix="readinglist-shots-config-")
    os.environ["XDG_CONFIG_HOME"] = config

    from readinglist.assets import seed_files
    from readinglist.gui import appearance
    from readinglist.gui.app import create_window, make_application
    from readinglist.gui.backup_dialog import RestoreDialog
    from readinglist.gui.import_dialog import PAGE_PREVIEW, PAGE_REPORT
    from readinglist.gui.keyboard import ShortcutsDialog
    from readinglist.gui.language_menu import choose_language

    app = make_application([sys.argv[0]])
    if args.font_size:
        font = app.font()
        font.setPointSizeF(args.font_size)
        app.setFont(font)
    appearance.apply_color_scheme(app, appearance.DARK if args.dark else appearance.LIGHT)

    with tempfile.TemporaryDirectory(prefix="readinglist-shots-") as tmp:
        data_dir = Path(tmp) / "library"
        window = create_window(data_dir)
        window.resize(1440, 900)  # the app's first size on a large enough screen
        shoot(app, window, out, "01-welcome")

        dialog = window.start_import(seed_files())
        assert dialog is not None
        wait(app, lambda: dialog.pages.currentIndex() == PAGE_PREVIEW)
        dialog.select_next_to_check()
        shoot(app, dialog, out, "02-import-preview")
        dialog.import_button.click()
        wait(app, lambda: dialog.pages.currentIndex() == PAGE_REPORT)
        shoot(app, dialog, out, "03-import-report")
        dialog.close_button.click()
        wait(app, lambda: window.model.rowCount() > 0 and window._facets_task is None)

        window.table.selectRow(2)
        window.change_tags(add=["optimisation", "à relire"])
        window.set_rating(4)
        window.set_status("to-read")
        window.detail.notes_edit.setPlainText("Idée clé : **gradients** locaux.")
        wait(app, lambda: window._facets_task is None)
        shoot(app, window, out, "04-library")

        window.table.selectAll()
        shoot(app, window, out, "05-library-multiple")
        window.table.selectRow(2)
        window.search_edit.setText("zzzz")
        window.apply_filter_now()
        shoot(app, window, out, "06-no-results")
        window.clear_filters()

        window.library.backup()
        restore = RestoreDialog(window.library.backups(), window)
        shoot(app, restore, out, "07-restore")
        restore.close()

        shortcuts = ShortcutsDialog(window)
        shoot(app, shortcuts, out, "08-shortcuts")
        shortcuts.close()

        box = choose_language(window, "en" if args.lang == "fr" else "fr")
        if box is not None:
            shoot(app, box, out, "09-language")
            box.close()

        about = QMessageBox(window)
        about.setWindowTitle(QCoreApplication.translate("MainWindow", "About readinglist"))
        about.setText(
            QCoreApplication.translate(
                "MainWindow",
                "<h3>readinglist {version}</h3><p>An offline reading list for researchers:"
                " import lab publication listings, triage, read, rate and annotate.</p>"
                "<p>Your library: {folder}</p>",
            ).format(version="0", folder=data_dir)
        )
        shoot(app, about, out, "10-about")
        about.close()

        actions = getattr(window, "library_actions", None) or getattr(window, "actions_", None)
        for name, method in (("11-edit-paper", "edit_paper"), ("12-history", "show_history")):
            opener = getattr(actions, method, None) if actions is not None else None
            if opener is None:
                continue
            opened = opener()
            if opened is not None:
                shoot(app, opened, out, name)
                opened.close()

        # Statistics and activity, when the app has them.
        window.library.set_status(window.library.paper_ids()[:5], "read")
        for name, action_name, view_name in (
            ("14-statistics", "statsAction", "statsView"),
            ("15-activity", "activityAction", "activityView"),
        ):
            action = window.findChild(QAction, action_name)
            if action is None:
                continue
            action.trigger()
            view = window.findChild(QDialog, view_name)
            if view is None:
                continue
            wait(app, lambda v=view: getattr(v, "report", True) is not None, 10.0)
            shoot(app, view, out, name)
            view.close()

        # A menu, open: menus are where untranslated text hides.
        menu = window.menuBar().actions()[0].menu()
        if menu is not None:
            menu.popup(window.mapToGlobal(window.rect().topLeft()))
            wait(app, menu.isVisible, 1.0)
            shoot(app, menu, out, "13-file-menu")
            menu.close()
        window.shutdown()
    QCoreApplication.processEvents()
    language = os.environ.get("READINGLIST_LANG", "system")
    print(f"language {language}, font {app.font().pointSizeF()} pt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
