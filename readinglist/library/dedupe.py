"""Papers that are probably the same: one title with or without a subtitle, a typo, a DOI.

Comparing every title with every other is 5·10⁹ pairs at 100k papers. Titles
are blocked instead: each one is filed under its two rarest words, and only
titles sharing a block are compared (by rapidfuzz, in C). A typo changes at
most one of the two words, so the pair still meets in the other's block.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from sqlalchemy import Connection

from readinglist.listing import normalize_title

# How alike two normalized titles must be (0–100) to be shown as duplicates.
SIMILAR = 90.0
# Blocks larger than this are words too common to tell papers apart.
MAX_BLOCK = 400
MIN_WORD = 4


class _Groups:
    """Union-find over paper ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        self.parent.setdefault(a, a)
        self.parent.setdefault(b, b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return sorted(
            (sorted(set(members)) for members in out.values() if len(set(members)) > 1),
            key=lambda g: g[0],
        )


def _has_column(conn: Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")'))


def candidate_pairs(papers: list[tuple[int, str, str]]) -> Iterable[tuple[int, int]]:
    """Pairs of ids (id, title, key) whose titles are the same paper's, by the rules above."""
    by_key = {key: pid for pid, _, key in papers}
    # A title and the same title with a subtitle (or a trailing remark).
    for pid, title, _ in papers:
        for sep in (":", " - ", " — ", "?", "."):
            head, found, rest = title.partition(sep)
            if found and rest.strip() and len(head.split()) >= 3:
                other = by_key.get(normalize_title(head))
                if other is not None and other != pid:
                    yield (pid, other)
    words = [key.split() for _, _, key in papers]
    freq = Counter(w for ws in words for w in set(ws) if len(w) >= MIN_WORD)
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, ws in enumerate(words):
        rare = sorted({w for w in ws if len(w) >= MIN_WORD}, key=lambda w: (freq[w], w))[:2]
        for w in rare:
            blocks[w].append(index)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        keys = [papers[i][2] for i in members]
        # process.extract loops in C; cdist would too, but it needs numpy,
        # which the packaged app does without.
        for a, key in enumerate(keys[:-1]):
            later = keys[a + 1 :]
            for _, _score, b in process.extract(
                key, later, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=None
            ):
                pair = (papers[members[a]][0], papers[members[a + 1 + b]][0])
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def find_groups(conn: Connection) -> list[list[int]]:
    """Groups of two or more papers (ids, ascending) that are probably one paper."""
    # Titles as shown, normalized here: the stored key keeps an imported
    # paper's original title (and may carry a suffix telling twins apart).
    papers = [
        (int(pid), str(title), normalize_title(str(title)))
        for pid, title in conn.exec_driver_sql(
            "SELECT id, title FROM paper WHERE trashed_at IS NULL ORDER BY id"
        )
    ]
    apart = {
        (int(a), int(b))
        for a, b in conn.exec_driver_sql("SELECT paper_a, paper_b FROM not_duplicate")
    }
    groups = _Groups()

    def join(a: int, b: int) -> None:
        pair = (min(a, b), max(a, b))
        if pair not in apart:
            groups.union(*pair)

    for a, b in candidate_pairs(papers):
        join(a, b)
    if _has_column(conn, "paper", "doi"):
        by_doi: dict[str, int] = {}
        for pid, doi in conn.exec_driver_sql(
            "SELECT id, lower(trim(doi)) FROM paper WHERE doi IS NOT NULL AND doi != ''"
            " AND trashed_at IS NULL"
        ):
            if doi in by_doi:
                join(by_doi[doi], int(pid))
            else:
                by_doi[doi] = int(pid)
    return groups.groups()
