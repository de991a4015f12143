"""The desktop app (Qt only): ``create_window``, ``run_app`` and ``self_test``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow


def create_window(data_dir: Path | str) -> MainWindow:
    """Build the main window over the library in ``data_dir``; starts no event loop."""
    from readinglist.gui.app import create_window as build

    return build(data_dir)


def run_app(data_dir: Path, argv: list[str]) -> int:
    """Run the desktop app on the library in ``data_dir``; returns the exit code."""
    from readinglist.gui.app import run_app as run

    return run(data_dir, argv)


def self_test() -> int:
    """``readinglist --self-test``: exercise the app offscreen; 0 if it passed."""
    from readinglist.gui.app import self_test as run

    return run()


__all__ = ["create_window", "run_app", "self_test"]
