"""A full disk and a read-only folder: a clear message, no corruption, nothing half-written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.support import ROOT, cli_env
from tests.support.synth import iter_entries, write_listing

# A real ENOSPC needs a small file system. A private mount namespace lets the
# test mount a 1 MB tmpfs without root and without touching the machine's
# mounts; where user namespaces are off (some CI runners), the test skips.
UNSHARE = shutil.which("unshare")


def _can_mount() -> bool:
    if UNSHARE is None or sys.platform != "linux":
        return False
    probe = subprocess.run(
        [UNSHARE, "-Urm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not _can_mount():
        pytest.skip("needs a Linux user namespace to mount a small tmpfs")
    root = tmp_path_factory.mktemp("disk")
    mount = root / "small-disk"
    mount.mkdir()
    listing = root / "listing.txt"  # outside the small disk: only the library fills it
    write_listing(listing, iter_entries(3000, 5))
    out = root / "steps.json"
    driver = Path(__file__).with_name("disk_driver.py")
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{mount}" && '
        f'exec "{sys.executable}" "{driver}" "{mount}" "{listing}" "{out}"'
    )
    subprocess.run(
        [UNSHARE, "-Urm", "sh", "-c", script], check=True, env=cli_env(), cwd=ROOT, timeout=300
    )
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _clear_failure(step: dict[str, Any], *words: str) -> None:
    assert step["rc"] == 1, step
    message = step["err"]
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert any(w in message for w in words), message


def test_an_import_that_fills_the_disk_leaves_the_library_as_it_was(steps: dict[str, Any]) -> None:
    _clear_failure(steps["import_big"], "disk is full")
    assert "Nothing was saved" in steps["import_big"]["err"]
    before, after = steps["before"], steps["after_import"]
    assert after["integrity"] == ["ok"]
    assert (after["papers"], after["authors"], after["note"]) == (
        before["papers"],
        before["authors"],
        before["note"],
    )


def test_a_full_disk_refuses_changes_clearly_and_keeps_the_old_note(steps: dict[str, Any]) -> None:
    for name in ("note_full", "backup_full", "list_full"):
        _clear_failure(steps[name], "full")
    assert steps["partial_backups"] == []
    after = steps["after_full"]
    assert after["integrity"] == ["ok"]
    assert after["note"] == ["written before the disk filled"]
    assert after["backups"] == steps["before"]["backups"]
    # Once space is freed, everything works again.
    assert steps["note_freed"]["rc"] == 0


def test_a_read_only_folder_is_said_so_and_left_untouched(steps: dict[str, Any]) -> None:
    for name in ("list_ro", "note_ro", "backup_ro"):
        _clear_failure(steps[name], "read-only", "Read-only")
    assert steps["unchanged_ro"]
    final = steps["final"]
    assert final["integrity"] == ["ok"]
    assert final["note"] == ["written once space was freed"]
