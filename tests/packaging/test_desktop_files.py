"""The Linux menu entry, AppStream data and installer agree with the icon and executable names."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(LINUX / "io.github.readinglist.readinglist.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "readinglist"
    assert entry["Terminal"] == "false"
    # Qt sets the window's app id / WM_CLASS from setDesktopFileName and the
    # executable name; both are "readinglist".
    assert entry["StartupWMClass"] == "readinglist"
    assert entry["Icon"] == "readinglist"
    assert (ROOT / "resources" / "icons" / "app" / "readinglist.svg").is_file()
    assert entry["Categories"].endswith(";")


def test_metainfo_points_at_the_desktop_file() -> None:
    root = ET.parse(LINUX / "io.github.readinglist.readinglist.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("launchable") == "io.github.readinglist.readinglist.desktop"
    assert root.findtext("provides/binary") == "readinglist"


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_install_script_installs_and_uninstalls(tmp_path: Path) -> None:
    # A fake unpacked bundle: the real script, resources and a stub executable.
    bundle = tmp_path / "readinglist"
    res = bundle / "_internal" / "readinglist" / "resources"
    shutil.copytree(ROOT / "resources" / "linux", res / "linux")
    shutil.copytree(ROOT / "resources" / "icons" / "app", res / "icons" / "app")
    shutil.copy2(LINUX / "install.sh", bundle / "install.sh")
    exe = bundle / "readinglist"
    exe.write_text("#!/bin/sh\necho stub\n")
    exe.chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}

    subprocess.run(["sh", str(bundle / "install.sh"), "--prefix", str(prefix)], check=True, env=env)
    desktop = (
        prefix / "share" / "applications" / "io.github.readinglist.readinglist.desktop"
    ).read_text()
    assert f'Exec="{prefix}/lib/readinglist/readinglist"' in desktop
    assert (prefix / "bin" / "readinglist").resolve() == prefix / "lib/readinglist/readinglist"
    assert (prefix / "share/icons/hicolor/48x48/apps/readinglist.png").is_file()
    assert (prefix / "share/icons/hicolor/scalable/apps/readinglist.svg").is_file()

    subprocess.run(
        ["sh", str(bundle / "install.sh"), "--prefix", str(prefix), "--uninstall"],
        check=True,
        env=env,
        capture_output=True,
    )
    # Caches the desktop's tools keep (mimeinfo.cache) may stay.
    left = [
        p for p in prefix.rglob("*") if (p.is_file() or p.is_symlink()) and p.suffix != ".cache"
    ]
    assert left == []


def test_metainfo_lists_this_release() -> None:
    import readinglist

    root = ET.parse(LINUX / "io.github.readinglist.readinglist.metainfo.xml").getroot()
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == readinglist.__version__, "add the release to the metainfo"
