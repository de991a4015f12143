"""Build the packaged app with PyInstaller, smoke-test the result and archive it.

    python packaging/build.py                 # build dist/readinglist (or .app), then archive it
    python packaging/build.py --smoke-test    # ... and run the built app as CI does
    python packaging/build.py --no-build --smoke-test   # test what dist/ holds
    python packaging/build.py --no-build --window-time  # time to the first window (X11)

The smoke test runs the frozen executable with an empty home directory and
the offscreen Qt platform: --version, --help, --self-test, then import/list/
search through the command line on the default data folder, and checks that
the app wrote nothing inside its own folder. Any failure exits non-zero.
"""

from __future__ import annotations

import argparse
import ast
import ctypes
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "readinglist"
IS_WIN = sys.platform == "win32"
IS_MAC = sys.platform == "darwin"
TIMEOUT = 180


def version() -> str:
    tree = ast.parse((ROOT / "readinglist" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in readinglist/__init__.py")


def bundle_dir() -> Path:
    """The folder that is shipped: the .app on macOS, the one-folder app elsewhere."""
    return DIST / f"{NAME}.app" if IS_MAC else DIST / NAME


def cli_executable() -> Path:
    """The executable that answers on the console (readinglist-cli.exe on Windows)."""
    if IS_MAC:
        return bundle_dir() / "Contents" / "MacOS" / NAME
    if IS_WIN:
        return bundle_dir() / f"{NAME}-cli.exe"
    return bundle_dir() / NAME


def gui_executable() -> Path:
    return bundle_dir() / f"{NAME}.exe" if IS_WIN else cli_executable()


def step(text: str) -> None:
    print(f"-- {text}", flush=True)


class Failure(Exception):
    """A smoke-test check that did not hold."""


# --- build -------------------------------------------------------------------


def build(clean: bool) -> float:
    step("pyinstaller build.spec")
    command = [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK), "--log-level", "WARN"]
    if clean:
        command.append("--clean")
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


# --- smoke test --------------------------------------------------------------


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who never ran readinglist: an empty home, no display."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "READINGLIST_", "PYTHON", "QT_"))
        and k not in ("VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if IS_WIN:
        # platformdirs asks Windows for the known folders (not these
        # variables), so on Windows the data goes to the runner's real
        # profile; the smoke test passes --data-dir there.
        env["USERPROFILE"] = str(home)
    return env


def run(args: Sequence[str | os.PathLike[str]], env: dict[str, str], expect: int = 0) -> str:
    started = time.perf_counter()
    proc = subprocess.run(
        [str(a) for a in args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
    )
    elapsed = time.perf_counter() - started
    shown = " ".join(str(a) if i else Path(a).name for i, a in enumerate(args))
    print(f"   $ {shown}  -> exit {proc.returncode} in {elapsed:.2f} s", flush=True)
    if proc.returncode != expect:
        raise Failure(
            f"{shown} exited {proc.returncode} (wanted {expect})\n"
            f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
        )
    return proc.stdout + proc.stderr


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def expected_data_dir(home: Path) -> Path | None:
    """Where platformdirs puts the library for a user with this home (None: not checkable)."""
    if IS_MAC:
        return home / "Library" / "Application Support" / NAME
    if IS_WIN:
        return None
    return home / ".local" / "share" / NAME


def check_fts5(folder: Path) -> None:
    """The SQLite library shipped in the bundle was compiled with FTS5."""
    names = (
        ["sqlite3.dll"] if IS_WIN else ["libsqlite3.so.0", "libsqlite3.dylib", "libsqlite3.0.dylib"]
    )
    found = [p for name in names for p in folder.rglob(name) if p.is_file()]
    if not found:
        # Statically linked into _sqlite3 (python.org macOS builds): the
        # self-test's search over the FTS5 index covers it.
        print("   no separate SQLite library in the bundle; FTS5 checked by the self-test")
        return
    lib = ctypes.CDLL(str(found[0]))
    lib.sqlite3_compileoption_used.argtypes = [ctypes.c_char_p]
    lib.sqlite3_libversion.restype = ctypes.c_char_p
    if not lib.sqlite3_compileoption_used(b"ENABLE_FTS5"):
        raise Failure(f"{found[0].name} in the bundle was built without FTS5")
    print(f"   {found[0].name} {lib.sqlite3_libversion().decode()} has FTS5")


BIG_LISTING_ENTRIES = 9000


def write_big_listing(path: Path, entries: int) -> None:
    """A plain listing of ``entries`` papers, each ~1.1 kB: over the reader-process threshold."""
    sentence = (
        "We study how the method behaves on large collections of documents and report "
        "what we measured, what we expected and where the two differ. "
    )
    lines = ["Publications", ""]
    for i in range(entries):
        lines += [
            f"A Study of Reading Lists, Part {i + 1}",
            "Ada Lovelace",
            "Charles Babbage",
            sentence * 7 + f"This is part {i + 1}.",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def smoke_test() -> dict[str, float]:
    folder = bundle_dir()
    exe = cli_executable()
    if not exe.is_file():
        raise Failure(f"{exe} was not built")
    if IS_WIN and not gui_executable().is_file():
        raise Failure(f"{gui_executable()} was not built")
    step(f"smoke test of {exe.relative_to(ROOT)}")
    before = snapshot(folder)
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="readinglist-home-") as tmp:
        home = Path(tmp)
        env = clean_env(home)

        out = run([exe, "--version"], env)
        if version() not in out:
            raise Failure(f"--version printed {out!r}, not {version()}")
        run([exe, "--help"], env)
        started = time.perf_counter()
        out = run([exe, "--self-test"], env)
        times["self_test"] = time.perf_counter() - started
        if "self-test passed" not in out:
            raise Failure(f"--self-test did not say it passed:\n{out}")

        # The command line on the default data folder: the library must land
        # in the platformdirs user data dir, not next to the executable.
        data_args: list[str] = []
        if IS_WIN:
            data_args = ["--data-dir", str(home / "data")]
        seed = ROOT / "seeds" / "publications-en.txt"
        run([exe, "import", str(seed), *data_args], env)
        listed = run([exe, "list", "--limit", "3", *data_args], env)
        if not listed.strip():
            raise Failure("list printed nothing after an import")
        run([exe, "list", "--search", "learning", "--limit", "3", *data_args], env)
        # A listing big enough to be read by a worker process: in a frozen
        # app that process is the executable started again, which only
        # works when the entry script lets multiprocessing take over.
        big = home / "big-listing.txt"
        write_big_listing(big, BIG_LISTING_ENTRIES)
        started = time.perf_counter()
        out = run([exe, "import", str(big), *data_args], env)
        times["big_import"] = time.perf_counter() - started
        if f"{BIG_LISTING_ENTRIES} new" not in out:
            raise Failure(f"the {BIG_LISTING_ENTRIES}-entry listing did not import whole:\n{out}")
        print(
            f"   {BIG_LISTING_ENTRIES:,} entries ({big.stat().st_size / 2**20:.1f} MiB) "
            f"imported through the reader process in {times['big_import']:.1f} s"
        )
        expected = expected_data_dir(home)
        if expected is not None:
            dbs = sorted(str(p.relative_to(home)) for p in home.rglob("*.sqlite3"))
            if not (expected / "library.sqlite3").is_file():
                raise Failure(f"the library is not in {expected}; databases under home: {dbs}")
            print(f"   library at ~/{(expected / 'library.sqlite3').relative_to(home)}")

    check_fts5(folder)
    after = snapshot(folder)
    changed = sorted(k for k in after if before.get(k) != after[k])
    if changed:
        raise Failure(f"the app wrote inside its own folder: {changed[:10]}")
    print("   nothing was written inside the app's folder")
    return times


# --- measuring ----------------------------------------------------------------


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def report_size(folder: Path, top: int = 12) -> int:
    total = folder_size(folder)
    step(f"size of {folder.relative_to(ROOT)}: {total / 2**20:.1f} MiB")
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()),
        key=lambda p: p.lstat().st_size,
        reverse=True,
    )
    for p in files[:top]:
        print(f"   {p.lstat().st_size / 2**20:6.1f} MiB  {p.relative_to(folder)}")
    return total


def median_time(args: Sequence[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, capture_output=True, check=True, timeout=TIMEOUT)
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def window_time(command: Sequence[str], env: dict[str, str], tries: int = 3) -> float:
    """Seconds from launch until a readinglist window is mapped (X11, needs xdotool)."""
    for attempt in range(tries):
        try:
            return _window_time(command, env)
        except Failure:
            # Xvfb now and then refuses a client right after the previous one
            # was killed ("could not connect to display"); try again.
            if attempt == tries - 1:
                raise
            time.sleep(1)
    raise AssertionError("unreachable")


def _window_time(command: Sequence[str], env: dict[str, str]) -> float:
    log_path = Path(tempfile.gettempdir()) / "readinglist-window-time.log"
    with log_path.open("wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        try:
            while time.perf_counter() - started < 60 and proc.poll() is None:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--class", NAME],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if found.stdout.strip():
                    return time.perf_counter() - started
                time.sleep(0.02)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            time.sleep(0.3)
    output = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    raise Failure(f"no window appeared: {' '.join(command)}\n{output}")


def compare_start_times(with_window: bool) -> None:
    step("start time, frozen app vs python -m readinglist (median of 5)")
    frozen = [str(cli_executable())]
    source = [sys.executable, "-m", NAME]
    with tempfile.TemporaryDirectory(prefix="readinglist-home-") as tmp:
        env = clean_env(Path(tmp))
        env["PYTHONPATH"] = str(ROOT)
        for label, extra in (("--version", ["--version"]), ("--self-test", ["--self-test"])):
            a = median_time([*frozen, *extra], env)
            b = median_time([*source, *extra], env)
            print(f"   {label:12} frozen {a:5.2f} s   python -m readinglist {b:5.2f} s")
    if not with_window:
        return
    if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
        raise Failure("--window-time needs an X display (DISPLAY) and xdotool")
    with tempfile.TemporaryDirectory(prefix="readinglist-home-") as tmp:
        env = clean_env(Path(tmp))
        env["PYTHONPATH"] = str(ROOT)
        env["DISPLAY"] = os.environ["DISPLAY"]
        del env["QT_QPA_PLATFORM"]
        # The first start creates the library; time the usual, later ones.
        window_time(frozen, env)
        runs: dict[str, list[float]] = {"frozen": [], "source": []}
        for _ in range(5):
            runs["frozen"].append(window_time(frozen, env))
            runs["source"].append(window_time(source, env))
        a, b = (sorted(v)[2] for v in runs.values())
        print(f"   {'window shown':12} frozen {a:5.2f} s   python -m readinglist {b:5.2f} s")


# --- archive ------------------------------------------------------------------


def archive() -> Path:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    base = DIST / f"{NAME}-{version()}"
    if IS_WIN:
        target = Path(f"{base}-windows-{machine}.zip")
        shutil.make_archive(str(target.with_suffix("")), "zip", DIST, NAME)
    elif IS_MAC:
        target = Path(f"{base}-macos-{machine}.dmg")
        target.unlink(missing_ok=True)
        subprocess.run(
            ["hdiutil", "create", "-volname", NAME, "-srcfolder", str(bundle_dir()),
             "-ov", "-format", "UDZO", str(target)],
            check=True,
        )  # fmt: skip
    else:
        target = Path(f"{base}-linux-{machine}.tar.gz")
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(bundle_dir(), arcname=NAME)
    step(f"archive {target.relative_to(ROOT)}: {target.stat().st_size / 2**20:.1f} MiB")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="use what dist/ holds")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    parser.add_argument("--smoke-test", action="store_true", help="run the built app as CI does")
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz/.zip/.dmg")
    parser.add_argument(
        "--start-time", action="store_true", help="compare start times with python -m readinglist"
    )
    parser.add_argument(
        "--window-time", action="store_true", help="also time the first window (X11 + xdotool)"
    )
    args = parser.parse_args(argv)

    try:
        if not args.no_build:
            seconds = build(args.clean)
            step(f"built in {seconds:.0f} s")
        report_size(bundle_dir())
        if args.smoke_test:
            times = smoke_test()
            step(f"smoke test passed (self-test {times['self_test']:.2f} s)")
        if args.start_time or args.window_time:
            compare_start_times(args.window_time)
        if not args.no_archive and not args.no_build:
            archive()
    except Failure as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
