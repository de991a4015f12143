"""What build.spec bundles: data files, modules, and the Qt pieces it drops or keeps."""

from __future__ import annotations

import sys
from pathlib import Path

import bundle_rules as rules
import pytest


def dests() -> dict[str, str]:
    return {src: dest for src, dest in rules.data_files()}


def test_version_is_the_package_version() -> None:
    import readinglist

    assert rules.package_version() == readinglist.__version__


def test_migration_scripts_ship_as_files() -> None:
    shipped = {(src.rsplit("/", 1)[-1], dest) for src, dest in rules.data_files()}
    folder = "readinglist/library/migrations"
    assert ("env.py", folder) in shipped
    assert ("script.py.mako", folder) in shipped
    versions = Path(__file__).resolve().parents[2] / folder / "versions"
    scripts = sorted(p.name for p in versions.glob("[0-9]*.py"))
    assert scripts[:2] == ["0001_initial.py", "0002_fts_two_letter_prefixes.py"]
    for script in scripts:
        assert (script, f"{folder}/versions") in shipped


def test_resources_and_seeds_go_inside_the_package() -> None:
    mapping = dests()
    assert mapping[str(rules.ROOT / "seeds")] == "readinglist/seeds"
    svg = rules.ROOT / "resources" / "icons" / "app" / "readinglist.svg"
    assert mapping[str(svg)] == "readinglist/resources/icons/app"
    desktop = rules.ROOT / "resources" / "linux" / "io.github.readinglist.readinglist.desktop"
    assert mapping[str(desktop)] == "readinglist/resources/linux"
    # Build inputs are embedded by PyInstaller, not shipped as data.
    assert not any(src.endswith((".ico", ".icns", ".ts")) for src in mapping)
    qm = sorted((rules.ROOT / "resources").rglob("*.qm"))
    assert all(str(path) in mapping for path in qm)


def test_every_module_but_the_migrations_is_collected() -> None:
    modules = rules.package_modules()
    assert "readinglist.cli" in modules
    assert "readinglist.assets" in modules
    assert "readinglist" in modules
    assert not any(m.startswith("readinglist.library.migrations") for m in modules)


def test_test_code_and_unused_toolkits_are_excluded() -> None:
    for name in ("tkinter", "unittest", "pytest", "PySide6.QtQml", "PySide6.QtWebEngineCore"):
        assert name in rules.EXCLUDES
    for name in ("PySide6.QtWidgets", "PySide6.QtNetwork", "PySide6.QtSvg", "PySide6.QtCharts"):
        assert name not in rules.EXCLUDES
        assert name in rules.HIDDEN_IMPORTS


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/plugins/imageformats/qico.dll",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
        "PySide6/Qt/lib/libQt6OpenGL.so.6",
        "PySide6/Qt/lib/libQt6OpenGLWidgets.so.6",
        "PySide6/Qt/translations/qtbase_fr.qm",
        "libsqlite3.so.0",
        "sqlite3.dll",
        "libk5crypto.so.3",
        "libgcrypt.so.20",
    ],
)
def test_kept(dest: str) -> None:
    assert not rules.unwanted((dest, "src", "BINARY"))


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/plugins/imageformats/qwebp.dll",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt6Quick.dll",
        "PySide6/opengl32sw.dll",
        "PySide6/QtOpenGL.abi3.so",
        "PySide6/QtOpenGLWidgets.pyd",
        "PySide6/Qt/translations/qtbase_ja.qm",
        "PySide6/Qt/translations/qtdeclarative_fr.qm",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "libssl.so.3",
        "libcrypto.so.3",
        "libcrypto-3-x64.dll",
        "libssl.3.dylib",
    ],
)
def test_dropped(dest: str) -> None:
    assert rules.unwanted((dest, "src", "BINARY"))


def test_dangling_symlinks_are_dropped() -> None:
    toc = [
        ("lib/QtCore.framework/Versions/A/QtCore", "/src/QtCore", "BINARY"),
        ("lib/QtCore.framework/Versions/Current", "A", "SYMLINK"),
        ("lib/QtCore.framework/QtCore", "Versions/Current/QtCore", "SYMLINK"),
        ("libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "SYMLINK"),
    ]
    kept = rules.drop_dangling_symlinks(toc, toc)
    assert [e[0] for e in kept] == [e[0] for e in toc[:3]]


@pytest.mark.skipif(sys.platform != "win32", reason="PyInstaller's versioninfo is Windows-only")
def test_windows_version_resource() -> None:
    info = rules.windows_version_info("readinglist.exe", "readinglist")
    major, minor, patch = (int(n) for n in rules.package_version().split(".")[:3])
    assert info.ffi.fileVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == patch << 16
    assert "readinglist.exe" in str(info)
    assert len(info.toRaw()) > 500
