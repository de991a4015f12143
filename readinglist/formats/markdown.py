"""A reading report in Markdown: papers grouped by status, the queue first, for a lab wiki."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from readinglist.formats import saved
from readinglist.formats.record import PLAIN, Record, WriteOptions

GROUPS = (
    ("to-read", "To read"),
    ("reading", "Reading"),
    ("new", "New"),
    ("read", "Read"),
    ("not-reading", "Not reading"),
)
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links or HTML from a title)."""
    return _SPECIAL.sub(r"\\\1", text)


def _link(r: Record) -> str | None:
    if r.doi:
        return f"[doi:{escape(r.doi)}](https://doi.org/{r.doi.replace(')', '%29')})"
    if r.url:
        return f"<{r.url.replace('>', '%3E')}>"
    if r.arxiv:
        return f"[arXiv:{r.arxiv}](https://arxiv.org/abs/{r.arxiv})"
    return None


def _paper(r: Record) -> list[str]:
    lines = [f"- **{escape(r.title)}**"]
    facts = []
    if r.authors:
        facts.append(escape(", ".join(r.authors)))
    if r.year is not None:
        facts.append(str(r.year))
    if r.venue:
        facts.append(f"*{escape(r.venue)}*")
    link = _link(r)
    if link:
        facts.append(link)
    if facts:
        lines.append("  " + " · ".join(facts))
    state = []
    if r.rating:
        state.append("★" * r.rating + "☆" * (5 - r.rating))
    if r.tags:
        state.append("tags: " + ", ".join(f"`{t.replace('`', '')}`" for t in r.tags))
    if state:
        lines.append("  " + " · ".join(state))
    if r.note and r.note.strip():
        lines.append("")
        lines += ["  > " + line if line.strip() else "  >" for line in r.note.strip().split("\n")]
    return lines


def write(records: Iterable[Record], out: TextIO, options: WriteOptions = PLAIN) -> int:
    """Write the report; the queue (to read) comes first, in queue order, then by status."""
    groups: dict[str, list[Record]] = {status: [] for status, _ in GROUPS}
    count = 0
    for r in records:
        groups.setdefault(r.status or "new", []).append(r)
        count += 1
    groups["to-read"].sort(key=lambda r: (r.queue_position is None, r.queue_position or 0))
    out.write("# Reading list\n")
    labels = dict(GROUPS)
    for status, papers in groups.items():
        if not papers:
            continue
        out.write(f"\n## {labels.get(status, status)} ({len(papers)})\n\n")
        for r in papers:
            out.write("\n".join(_paper(r)) + "\n")
    if options.with_state:
        out.write(saved.markdown_section(options.saved_searches))
    return count
