"""Benchmarks of a lab server: first join, incremental sync, live latency, a load of members.

    python -m tests.benchmarks.lab [--papers 100000] [--members 20] [--changes 1000]

Starts a temporary PostgreSQL cluster (tests/lab/pgcluster.py). Baselines
are measured in the same run on the same server: a bare psycopg insert of
the same number of rows for the join, a sync with nothing to do for the
incremental sync.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.run import Result, make_listing, print_table
from tests.lab.pgcluster import Cluster, find_bin

PASSWORD = "bench-pw"


def _member(cluster: Cluster, admin: str, name: str) -> str:
    from readinglist.lab import server, urls

    url = urls.parse(admin)
    server.add_member(url, url.password, name, PASSWORD)
    return urls.with_password(url.set(username=name), PASSWORD)


def _sync(lib, url: str | None = None):  # type: ignore[no-untyped-def]
    from readinglist.lab import urls
    from readinglist.lab.sync import LabSync

    parsed = urls.parse(url) if url else None
    return LabSync(lib, urls.without_password(parsed) if parsed else None, PASSWORD)


def bench_join(cluster: Cluster, admin: str, folder: Path, papers: int) -> list[Result]:
    import psycopg

    from readinglist.library import Library

    listing = make_listing(folder, papers)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_baseline (uuid uuid PRIMARY KEY, title text, seq bigint)")
        rows = [(f"00000000-0000-4000-8000-{i:012d}", f"title {i}", i) for i in range(papers)]
        start = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO bench_baseline VALUES (%s, %s, %s)", rows)
        base = time.perf_counter() - start
    results = []
    for who in ("first", "second"):
        lib = Library.open(folder / who, auto_backup=False)
        lib.import_files([listing])
        with _sync(lib, _member(cluster, admin, f"bench_{who}")) as lab:
            start = time.perf_counter()
            report = lab.join()
            took = time.perf_counter() - start
        lib.close()
        what = "uploads" if who == "first" else "matches"
        results.append(
            Result(
                f"first join of a member: {what} every paper, then pulls the lab",
                papers,
                [took],
                "s",
                base,
                "≤ 60 s",
                took <= 60,
                f"{report.pushed_papers} pushed, {report.new_papers} new;"
                " baseline: a bare psycopg insert of as many rows",
            )
        )
    return results


def bench_adopt(cluster: Cluster, folder: Path, papers: int) -> list[Result]:
    """A member with an empty library joins a lab: every paper is pulled and added here."""
    from readinglist.lab import server, urls
    from readinglist.library import Library

    admin = cluster.create_db("adoptlab")
    server.init_schema(urls.parse(admin), urls.parse(admin).password)
    listing = make_listing(folder, papers, seed=7)
    lib = Library.open(folder / "adopt-first", auto_backup=False)
    lib.import_files([listing])
    with _sync(lib, _member(cluster, admin, "adopt_first")) as lab:
        start = time.perf_counter()
        lab.join()
        upload = time.perf_counter() - start
    lib.close()
    empty = Library.open(folder / "adopt-empty", auto_backup=False)
    with _sync(empty, _member(cluster, admin, "adopt_empty")) as lab:
        start = time.perf_counter()
        report = lab.join()
        took = time.perf_counter() - start
    empty.close()
    return [
        Result(
            "first join of an empty library: adds every lab paper here",
            papers,
            [took],
            "s",
            upload,
            "(≤ 60 s at 100k)",
            took * 100_000 / papers <= 60,
            f"{report.new_papers} new; baseline: the first member's join uploading them",
        )
    ]


def bench_incremental(folder: Path, papers: int, repeat: int) -> list[Result]:
    from readinglist.library import Library

    lib = Library.open(folder / "first", auto_backup=False)
    try:
        with _sync(lib) as lab:
            idle = []
            for _ in range(repeat):
                start = time.perf_counter()
                lab.sync()
                idle.append(time.perf_counter() - start)
            ids = lib.paper_ids(limit=5000)
            rng = random.Random(3)
            samples = []
            for _ in range(repeat):
                for pid in rng.sample(ids, 100):
                    lib.set_rating([pid], (lib.paper(pid).rating + 1) % 6)
                start = time.perf_counter()
                report = lab.sync()
                samples.append(time.perf_counter() - start)
                assert report.pushed_entries == 100
    finally:
        lib.close()
    return [
        Result(
            "incremental sync of 100 changes",
            papers,
            samples,
            "s",
            min(idle),
            "≤ 1 s",
            max(samples) <= 1,
            "baseline: a sync with nothing to do",
        )
    ]


def bench_latency(folder: Path, papers: int, rounds: int) -> list[Result]:
    from readinglist.lab.live import Listener, SyncLoop
    from readinglist.library import Library

    a = Library.open(folder / "first", auto_backup=False)
    b = Library.open(folder / "second", auto_backup=False)
    try:
        with _sync(a) as lab_a, _sync(b) as lab_b:
            lab_b.sync()
            loop = SyncLoop(lab_b.sync, period=60)
            listener = Listener(lab_b.server, loop.poke)
            loop.start()
            listener.start()
            listener.connected.wait(5)
            pid_a = a.paper_ids(limit=1)[0]
            title = a.paper(pid_a).title
            pid_b = next(s.id for s in b.summaries(b.paper_ids(limit=None)) if s.title == title)
            samples = []
            try:
                for n in range(rounds):
                    title = f"Live title number {n}"
                    a.edit_paper(pid_a, title=title)
                    start = time.perf_counter()
                    lab_a.sync()
                    while b.paper(pid_b).title != title:
                        if time.perf_counter() - start > 10:
                            break
                        time.sleep(0.005)
                    samples.append(time.perf_counter() - start)
            finally:
                listener.stop()
                loop.stop()
    finally:
        a.close()
        b.close()
    p95 = sorted(samples)[int(0.95 * (len(samples) - 1))]
    return [
        Result(
            "a change reaches another member's library (sync, NOTIFY, pull)",
            papers,
            samples,
            "s",
            None,
            "p95 ≤ 2 s",
            p95 <= 2,
            f"{rounds} rounds",
        )
    ]


def bench_load(cluster: Cluster, folder: Path, members: int, changes: int) -> list[Result]:
    """Members making random changes while going on and offline converge, with nothing lost."""
    import psycopg

    from readinglist.lab import server, urls
    from readinglist.library import Library

    admin = cluster.create_db("loadlab")
    server.init_schema(urls.parse(admin), urls.parse(admin).password)
    seed = make_listing(folder, 200, seed=5)
    libs = []
    for m in range(members):
        lib = Library.open(folder / f"load{m}", auto_backup=False)
        if m % 2 == 0:
            lib.import_files([seed])
        url = _member(cluster, admin, f"load_{m}")
        with _sync(lib, url) as lab:
            lab.join()
        libs.append(lib)
    rng = random.Random(20)
    online = [True] * members
    start = time.perf_counter()
    syncs = 0
    per_round = max(1, changes // 20)
    for _round in range(20):
        for m, lib in enumerate(libs):
            ids = lib.paper_ids(limit=None)
            for _ in range(per_round):
                pid = rng.choice(ids)
                kind = rng.random()
                if kind < 0.5:
                    lib.set_status([pid], rng.choice(["to-read", "reading", "read", "new"]))
                elif kind < 0.7:
                    lib.set_rating([pid], rng.randint(0, 5))
                elif kind < 0.85:
                    lib.set_note(pid, f"member {m} note {rng.random():.6f}")
                else:
                    lib.edit_paper(pid, abstract=f"abstract by {m} {rng.random():.6f}")
            online[m] = rng.random() < 0.7
            if online[m]:
                with _sync(lib) as lab:
                    lab.sync()
                syncs += 1
    for _ in range(2):
        for lib in libs:
            with _sync(lib) as lab:
                lab.sync()
    # Two members correcting one shared field is a conflict by design: the
    # second writer keeps theirs locally until they resolve it. Here each
    # resolves by taking the lab's, then everyone syncs once more.
    from readinglist.lab.sync import conflicts, resolve

    resolved = 0
    for lib in libs:
        for conflict in conflicts(lib):
            resolve(lib, conflict.id, "theirs")
            resolved += 1
    for lib in libs:
        with _sync(lib) as lab:
            lab.sync()
    took = time.perf_counter() - start
    # Convergence: the same papers with the same shared fields everywhere,
    # every member's state as on the server, nothing pending, no duplicate.
    from readinglist.lab.sync import local_fields, status

    views = []
    for lib in libs:
        with lib.engine.connect() as conn:
            ids = [int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM paper")]
            fields = local_fields(conn, ids)
        views.append(sorted((f["title"], f["abstract"] or "") for f in fields.values()))
    same = all(v == views[0] for v in views)
    pending = sum(status(lib).pending for lib in libs)
    with psycopg.connect(admin) as conn:
        dupes = conn.execute(
            "SELECT count(*) FROM (SELECT title_key FROM lab_paper GROUP BY title_key"
            " HAVING count(*) > 1) d"
        ).fetchone()[0]  # type: ignore[index]
        papers = conn.execute("SELECT count(*) FROM lab_paper").fetchone()[0]  # type: ignore[index]
    for lib in libs:
        lib.close()
    ok = same and pending == 0 and dupes == 0 and len(views[0]) == papers
    return [
        Result(
            f"load: {members} members × {per_round * 20} changes, on and offline",
            papers,
            [took],
            "s",
            None,
            "converge, nothing lost",
            ok,
            f"{syncs} syncs, {resolved} conflicts resolved; same on every machine: {same};"
            f" pending: {pending};"
            f" duplicates: {dupes}",
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument(
        "--adopt-papers",
        type=int,
        default=5000,
        help="papers of the lab an empty library joins (0: skip; a paper at a time, slow)",
    )
    args = parser.parse_args(argv)
    bin_dir = find_bin()
    if bin_dir is None:
        print("PostgreSQL is not installed (apt-get install postgresql).", file=sys.stderr)
        return 2
    cluster = Cluster(bin_dir)
    cluster.init()
    cluster.start()
    cluster.wait_ready()
    folder = Path(tempfile.mkdtemp(prefix="rl-lab-"))
    try:
        from readinglist.lab import server, urls

        admin = cluster.create_db("benchlab")
        server.init_schema(urls.parse(admin), urls.parse(admin).password)
        results = bench_join(cluster, admin, folder, args.papers)
        results += bench_incremental(folder, args.papers, args.repeat)
        results += bench_latency(folder, args.papers, args.rounds)
        latency = results[-1]
        if args.adopt_papers:
            results += bench_adopt(cluster, folder, args.adopt_papers)
        if args.members:
            results += bench_load(cluster, folder, args.members, args.changes)
    finally:
        cluster.destroy()
    print_table(results)
    print(f"(median of the latency rounds: {statistics.median(latency.samples):.3f} s)")
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
