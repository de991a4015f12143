"""readinglist opens no network connection: the CLI, the self-test and the app, watched two ways."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SEED_EN
from tests.robustness.support import ROOT, cli_args, cli_env

# Python's audit hooks see every socket Python code makes, on every system;
# strace, where there is one, also sees those Qt makes in C++.
AUDIT_HOOK = """
import os, sys
_log = os.environ["RL_SOCKET_LOG"]
def _hook(event, args):
    if event.startswith("socket."):
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {args!r}\\n")
sys.addaudithook(_hook)
"""
STRACE = shutil.which("strace") if sys.platform == "linux" else None
# Local sockets (the single-instance QLocalServer, name-service lookups over
# AF_UNIX) are fine; nothing may speak IPv4 or IPv6.
INTERNET = re.compile(r"\bAF_INET6?\b")


def _watched(tmp_path: Path) -> tuple[dict[str, str], Path, list[Path]]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    log = tmp_path / "python-sockets.log"
    env = cli_env(RL_SOCKET_LOG=str(log))
    env["PYTHONPATH"] = os.pathsep.join([str(hook_dir), env["PYTHONPATH"]])
    return env, log, []


def _command(args: list[str], traces: list[Path], tmp_path: Path) -> list[str]:
    if STRACE is None:
        return args
    out = tmp_path / f"strace-{len(traces)}.txt"
    traces.append(out)
    # --seccomp-bpf stops the traced process only on these calls: near full speed.
    calls = "trace=socket,connect,sendto,sendmsg"
    return [STRACE, "--seccomp-bpf", "-f", "-qq", "-e", calls, "-o", str(out), *args]


def _run_app_briefly(args: list[str], env: dict[str, str], seconds: float = 4) -> None:
    """Start the windowed app (offscreen), let it settle, then end it and anything it started.

    The app may run under strace: the signal goes to the whole process group,
    or the app would outlive a detached strace.
    """
    proc = subprocess.Popen(
        args,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(seconds)
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _internet_calls(log: Path, traces: list[Path]) -> list[str]:
    python = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    system = [line for t in traces if t.exists() for line in t.read_text().splitlines()]
    # Python's own log holds no AF_UNIX use at all, so any line is a finding.
    return python + [line for line in system if INTERNET.search(line)]


def test_no_network_connection_from_the_cli_the_self_test_or_the_app(tmp_path: Path) -> None:
    env, log, traces = _watched(tmp_path)
    data_dir = tmp_path / "library"
    sessions = [
        cli_args(data_dir, "import", str(SEED_EN)),
        cli_args(data_dir, "list", "--search", "learning"),
        cli_args(data_dir, "note", "1", "--set", "offline"),
        cli_args(data_dir, "backup"),
        [sys.executable, "-m", "readinglist", "--self-test"],
    ]
    for args in sessions:
        done = subprocess.run(
            _command(args, traces, tmp_path), env=env, cwd=ROOT, capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    _run_app_briefly(_command(cli_args(data_dir), traces, tmp_path), env)
    assert _internet_calls(log, traces) == []


def test_the_watchers_do_see_a_connection(tmp_path: Path) -> None:
    # Without this, the test above would pass with watchers that saw nothing.
    env, log, traces = _watched(tmp_path)
    code = (
        "import socket\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
        "try:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\ns.close()\n"
    )
    subprocess.run(
        _command([sys.executable, "-c", code], traces, tmp_path), env=env, timeout=60, check=True
    )
    found = _internet_calls(log, traces)
    assert any("socket.connect" in line for line in found)
    if STRACE is not None:
        assert any(re.search(r"\bconnect\(", line) for line in found)
