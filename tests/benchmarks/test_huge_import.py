"""A 1 GB listing imported in bounded memory: run on demand, it takes minutes.

``pytest tests/benchmarks/test_huge_import.py -s`` (the default run ignores
this folder); ``READINGLIST_HUGE_MB`` sets the size (default 1024).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.robustness.support import cli_args, integrity, peak_rss_mb, table_counts
from tests.support.synth import generate_entries, write_listing

SIZE_MB = int(os.environ.get("READINGLIST_HUGE_MB", "1024"))
# What streaming promises: memory set by the reader's block and the batch,
# not by the file. A whole 1 GB file held in Python would be several GB.
PEAK_LIMIT_MB = 400


def make_listing(path: Path, size_mb: int) -> int:
    """A listing of ``size_mb`` MB of distinct entries, quickly: one generated block, renamed."""
    block = generate_entries(5000, seed=99)
    sample = path.with_name("block.txt")
    write_listing(sample, block)
    block_bytes = sample.stat().st_size
    copies = max(1, size_mb * 1024 * 1024 // block_bytes)
    lines_per_copy = sample.read_text(encoding="utf-8").split("\n", 2)[2]
    sample.unlink()
    # Each copy's titles get a distinct volume tag so no paper repeats.
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Publications\n\n")
        titles = {e.title for e in block}
        for k in range(copies):
            tag = f" (vol. {k + 1})"
            fh.write(
                "\n".join(
                    line + tag if line in titles else line for line in lines_per_copy.split("\n")
                ).rstrip("\n")
                + "\n"
            )
    return copies * len(block)


def test_a_huge_listing_imports_in_bounded_memory(tmp_path: Path) -> None:
    listing = tmp_path / "huge.txt"
    start = time.monotonic()
    entries = make_listing(listing, SIZE_MB)
    made = time.monotonic() - start
    size = listing.stat().st_size / 1024 / 1024

    start = time.monotonic()
    result, peak = peak_rss_mb(cli_args(tmp_path / "library", "import", str(listing)), 7200)
    took = time.monotonic() - start
    assert result.returncode == 0, result.stderr[-2000:]
    db = tmp_path / "library" / "library.sqlite3"
    counts = table_counts(db)
    print(
        f"\n{size:.0f} MB listing, {entries} entries (written in {made:.0f} s): imported "
        f"{counts['paper']} papers in {took:.0f} s, peak RSS {peak:.0f} MB, "
        f"database {db.stat().st_size / 1024 / 1024:.0f} MB"
    )
    assert counts["paper"] >= entries * 0.95
    assert peak < PEAK_LIMIT_MB
    assert integrity(db) == ["ok"]
