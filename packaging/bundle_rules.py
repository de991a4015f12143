"""What build.spec puts in the bundle and what it leaves out; kept apart so tests can check it.

build.spec imports this file (``packaging/`` is put on ``sys.path``); nothing
here runs PyInstaller, and nothing imports the readinglist package.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "readinglist"
BUNDLE_ID = "io.github.readinglist"
PACKAGE = ROOT / "readinglist"
MIGRATIONS = PACKAGE / "library" / "migrations"


def package_version() -> str:
    """``readinglist.__version__``, parsed rather than imported."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in readinglist/__init__.py")


def package_modules() -> list[str]:
    """Every module of the package but the migration scripts.

    The CLI and GUI import some modules lazily (inside functions); taking all
    of them means no command finds one missing in the frozen app. The files
    are walked, not imported (collect_submodules would import them, in a
    subprocess that may not see this checkout).
    """
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if MIGRATIONS in path.parents:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def data_files() -> list[tuple[str, str]]:
    """(source, destination folder) pairs of the files the app reads at run time."""
    datas = [
        # resources/ and seeds/ go inside the package, where a wheel puts
        # them too, so readinglist.assets finds them through importlib.resources.
        (str(ROOT / "seeds"), "readinglist/seeds"),
    ]
    # Alembic loads env.py, script.py.mako and versions/*.py from the
    # filesystem, so they ship as files, not only as compiled modules.
    for path in sorted(MIGRATIONS.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".mako") and "__pycache__" not in path.parts:
            datas.append((str(path), path.parent.relative_to(ROOT).as_posix()))
    resources = ROOT / "resources"
    for path in sorted(resources.rglob("*")):
        rel = path.relative_to(resources)
        # .ico/.icns and the macOS/Windows folders are build inputs, embedded
        # in the executable or the .app by PyInstaller itself; .ts sources
        # and scripts are for translators (the app loads the .qm files).
        if (
            path.is_file()
            and rel.parts[0] not in ("macos", "windows")
            and path.suffix not in (".ico", ".icns", ".ts", ".py", ".pyc")
        ):
            datas.append((str(path), (Path("readinglist/resources") / rel.parent).as_posix()))
    return datas


HIDDEN_IMPORTS = [
    # The migration scripts are run from files, so analysis never sees what
    # they import.
    "alembic.op",
    "alembic.context",
    "alembic.runtime.migration",
    "alembic.ddl.sqlite",
    # Qt modules the GUI uses (QtNetwork: the single-instance local socket;
    # QtSvg: the SVG icons).
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtSvg",
    # QtCharts: the Statistics view's charts (imported when the view opens).
    "PySide6.QtCharts",
]

# PySide6 modules the app never imports.
UNUSED_QT_MODULES = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
    "QtDBus",
]

# Python modules the app never imports; excluding them also keeps their
# hooks from pulling in the Qt modules, plugins and libraries behind them.
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "unittest",
    "test",
    "doctest",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "numpy",
    # Mako (for Alembic) imports it only to colour tracebacks, in a try block.
    "pygments",
    "PIL",
    "IPython",
    "setuptools",
    "pkg_resources",
    "distutils",
    # The app never opens a network connection (its tests check that);
    # the standard library imports ssl in try blocks, and hashlib falls back
    # to its built-in hashes without _hashlib. This drops OpenSSL (5 MB).
    "ssl",
    "_ssl",
    "_hashlib",
    "readinglist.tests",
    "tests",
    *(f"PySide6.{module}" for module in UNUSED_QT_MODULES),
]

# Qt pieces the hooks collect but the app does not need, matched against the
# destination path with forward slashes. Plugin file names differ per
# platform (libqxcb.so, qwindows.dll, libqcocoa.dylib), hence loose patterns.
DROP = [
    # Image formats: keep svg and ico; png is built into QtGui.
    r"/plugins/imageformats/(?!.*(svg|ico))",
    # Platforms: keep the desktop ones and offscreen (CI's self-test).
    r"/plugins/platforms/.*(eglfs|linuxfb|minimal|vnc|vkkhrdisplay|direct2d)",
    r"/plugins/(egldeviceintegrations|generic|networkinformation|sqldrivers|qmltooling|"
    r"qmllint|designer|vectorimageformats|position|multimedia|printsupport|tls|"
    r"wayland-graphics-integration-server|xcbglintegrations)/",
    # The GTK theme would drag in GTK, cairo and pango; the XDG portal theme
    # gives native file dialogs without them.
    r"/plugins/platformthemes/.*gtk3",
    r"/plugins/platforminputcontexts/.*virtualkeyboard",
    # Wayland: the xdg-shell, its decorations and shared-memory buffers are
    # what a widget app uses; the rest is for compositors and kiosks.
    r"/plugins/wayland-shell-integration/(?!.*xdg-shell)",
    r"/plugins/wayland-graphics-integration-client/.*-server",
    # Qt libraries behind the modules excluded above. Qt's OpenGL libraries
    # stay (0.8 MB): QtCharts links to them; their Python modules do not.
    r"Qt6?(Qml|Quick|Pdf|VirtualKeyboard|Designer|Multimedia|Sql|Test|Xml)[^/]*$",
    r"/PySide6/QtOpenGL[^/]*$",
    # Windows: ANGLE and the software OpenGL renderer (20 MB) serve OpenGL
    # and Quick; widgets paint with the raster engine.
    r"/(opengl32sw|d3dcompiler_\d+|libEGL|libGLESv2)\.dll$",
    # OpenSSL, which Qt's TLS plugin would load; ssl is excluded above. Kept
    # anyway if a library that stays links to it.
    r"(^|/)(lib)?(ssl|crypto)([-.]\d[^/]*)?\.(so[^/]*|dylib|dll)$",
    # Translations: Qt's own strings in the languages the app ships.
    r"/translations/(?!qt(base)?_(en|fr|de)\.qm$)",
]
_DROP = [re.compile(p) for p in DROP]


def unwanted(entry) -> bool:
    dest = "/" + entry[0].replace("\\", "/")
    return any(p.search(dest) for p in _DROP)


def prune_binaries(binaries):
    """Drop the unwanted binaries and the libraries that only they needed."""
    from PyInstaller.depend.bindepend import get_imports

    def key(name: str) -> str:
        return re.split(r"[\\/]", name)[-1].lower()

    # A library's real file wins over the symlinks PyInstaller adds to it.
    by_key = {key(e[0]): e for e in binaries if e[2] == "SYMLINK"}
    by_key.update({key(e[0]): e for e in binaries if e[2] != "SYMLINK"})

    def closure(roots):
        seen, todo = set(), [key(dest) for dest, _, _ in roots]
        while todo:
            name = todo.pop()
            if name in seen or name not in by_key:
                continue
            seen.add(name)
            _, src, kind = by_key[name]
            if kind in ("BINARY", "EXTENSION"):
                todo.extend(key(dep) for dep, _ in get_imports(src))
        return seen

    dropped = [e for e in binaries if unwanted(e)]
    only_theirs = closure(dropped)
    roots = [e for e in binaries if not unwanted(e) and key(e[0]) not in only_theirs]
    needed = closure(roots)
    return [e for e in binaries if e[2] == "SYMLINK" or key(e[0]) in needed]


def drop_dangling_symlinks(toc, everything):
    """Remove the symlinks whose target is no longer collected (frameworks, top-level libs)."""
    links = {e[0].replace("\\", "/"): e[1] for e in everything if e[2] == "SYMLINK"}
    files = {e[0].replace("\\", "/") for e in everything if e[2] != "SYMLINK"}
    dirs = {str(Path(f).parent).replace("\\", "/") for f in files}
    dirs |= {str(p).replace("\\", "/") for f in files for p in Path(f).parents}

    def resolves(dest):
        path = dest
        for _ in range(20):
            if path in files or path in dirs:
                return True
            for link, target in links.items():
                if path == link or path.startswith(link + "/"):
                    base = os.path.normpath(os.path.join(os.path.dirname(link), target))
                    path = base.replace("\\", "/") + path[len(link) :]
                    break
            else:
                return False
        return False

    return [e for e in toc if e[2] != "SYMLINK" or resolves(e[0].replace("\\", "/"))]


def windows_version_info(filename: str, description: str):  # -> VSVersionInfo
    """The version resource Windows shows in an executable's Properties > Details."""
    from PyInstaller.utils.win32 import versioninfo as vi  # needs pefile: Windows only

    version = package_version()
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    fixed = tuple(numbers + [0] * (4 - len(numbers)))
    strings = [
        vi.StringStruct("CompanyName", "The readinglist developers"),
        vi.StringStruct("FileDescription", description),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", NAME),
        vi.StringStruct("LegalCopyright", "MIT License"),
        vi.StringStruct("OriginalFilename", filename),
        vi.StringStruct("ProductName", NAME),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=fixed, prodvers=fixed),
        kids=[
            # U.S. English, Unicode: the language/code page pair Windows expects.
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
