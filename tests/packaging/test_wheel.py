"""The wheel carries resources/, seeds/ and the migration scripts, and the app finds them there."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(out), "-q"]
    if importlib.util.find_spec("hatchling") is not None:
        # Offline and faster: build with the hatchling already installed.
        command.append("--no-build-isolation")
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (built,) = out.glob("readinglist-*.whl")
    return built


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        "readinglist/resources/icons/app/readinglist.svg",
        "readinglist/resources/icons/app/hicolor/48x48/apps/readinglist.png",
        "readinglist/resources/linux/io.github.readinglist.readinglist.desktop",
        "readinglist/seeds/publications-en.txt",
        "readinglist/seeds/publications-fr.txt",
        "readinglist/library/migrations/env.py",
        "readinglist/library/migrations/script.py.mako",
        *(
            f"readinglist/library/migrations/versions/{p.name}"
            for p in (ROOT / "readinglist/library/migrations/versions").glob("[0-9]*.py")
        ),
    ]
    missing = [name for name in expected if name not in names]
    assert not missing, missing
    # Every resource folder holding files in the checkout reaches the wheel.
    for folder in (ROOT / "resources").iterdir():
        if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
            assert any(n.startswith(f"readinglist/resources/{folder.name}/") for n in names)
    assert not any(n.startswith(("tests/", "readinglist/tests/")) for n in names)
    assert not any("__pycache__" in n for n in names)


def test_assets_found_inside_the_unpacked_wheel(wheel: Path, tmp_path: Path) -> None:
    # An installed wheel is the package with resources/ and seeds/ inside it;
    # readinglist.assets must look there, not in a checkout next to it.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "from pathlib import Path\n"
        "import readinglist.assets as a\n"
        "svg = Path(str(a.resource('icons', 'app', 'readinglist.svg')))\n"
        "print(svg.resolve())\n"
        "print(len(a.seed_files()), a.seed_files()[0].resolve())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    svg_line, seed_line = proc.stdout.splitlines()
    assert svg_line.startswith(str(site.resolve()))
    count, first = seed_line.split(" ", 1)
    assert int(count) >= 2
    assert first.startswith(str(site.resolve()))
