"""The app under a real accessibility bus: a screen reader's view through AT-SPI.

Needs Linux with Xvfb, dbus-run-session, at-spi2-core and the system
Python's pyatspi (Debian: xvfb dbus at-spi2-core python3-pyatspi); skipped
otherwise. The app runs with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 in French.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readinglist.assets import seed_files
from readinglist.library import Library

HERE = Path(__file__).resolve().parent
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _missing() -> str | None:
    if not sys.platform.startswith("linux"):
        return "AT-SPI is Linux's"
    for tool in ("Xvfb", "xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not BUS_LAUNCHER.exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return "the system Python has no pyatspi (python3-pyatspi)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))

# What a screen reader user looks for first, by role and French name.
WANTED = [
    ("menu item", "Fichier"),
    ("text", "Rechercher"),
    ("table", "Articles"),
    ("tree", "Filtres"),
    ("slider", "Évaluation"),
    # On Linux Qt names a combo box by its value and labels it by its buddy.
    ("combo box", "Nouveau"),
    ("combo box labelled", "Statut\u00a0:"),
    ("text", "Ajouter des étiquettes"),
    ("text", "Note"),
]


def test_a_screen_reader_finds_the_main_controls_by_role_and_name(tmp_path: Path) -> None:
    data_dir = tmp_path / "library"
    with Library.open(data_dir) as library:
        library.import_files(seed_files())
    script = tmp_path / "session.sh"
    out = tmp_path / "tree.json"
    wanted = " ".join(f"'{role}={name}'" for role, name in WANTED)
    # One session bus, the accessibility bus, the app, then the reader.
    script.write_text(
        "set -u\n"
        f"{BUS_LAUNCHER} --launch-immediately &\n"
        f"{sys.executable} -m readinglist --data-dir '{data_dir}' --lang fr &\n"
        "APP=$!\n"
        f"{SYSTEM_PYTHON} {HERE / 'atspi_reader.py'} readinglist {wanted} > '{out}'\n"
        "kill $APP; wait $APP\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    env.pop("READINGLIST_LANG", None)
    subprocess.run(
        ["xvfb-run", "-a", "dbus-run-session", "--", "bash", str(script)],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    tree = [tuple(node) for node in json.loads(out.read_text(encoding="utf-8") or "[]")]
    assert tree, "the app never appeared on the accessibility bus"
    missing = [w for w in WANTED if w not in tree]
    assert not missing
    # Named like the QAccessible walk wants it: no unnamed button or field.
    assert not [n for n in tree if n[0] in ("push button", "text", "check box") and not n[1]]
