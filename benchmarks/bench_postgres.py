"""The course store: the folder backend (CSV logs) against PostgreSQL, the same data in both, side by side.

The data: 200 journals, 2,000 entries (10 each) and 1,000,000 comment events (per journal 4,000
comments, 800 approvals, 100 spam and 100 trash events). The CSV logs are written record by
record as the store writes them; PostgreSQL is loaded with COPY. Reported: post, thread and
moderation-queue p99 in a warm process, the class participation query, a cold start (a new
process opening the course and answering one thread), and posts per second with one process
against two on the same database. No targets yet: ratios against the folder backend.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import median, p99, table

JOURNALS, ENTRIES, COMMENTS, APPROVED, SPAM, TRASH = 200, 10, 4_000, 800, 100, 100
CALLS, WARM_JOURNALS = 200, 20
PEOPLE = 200
START = 1_735_689_600          # 2025-01-01 UTC


def _stamp(seconds: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).isoformat(timespec="microseconds")


def _journal_events(j: int):
    """(events, current rows) of one journal: events as (kind, 12 fields), rows as 12 fields."""
    rnd = random.Random(j)
    events, rows = [], {}
    t0 = START + j * 10
    for i in range(COMMENTS):
        at = t0 + i * 61.0
        stamp = _stamp(at)
        cid = f"{int(at * 1e6):014x}-{j:03x}{i:03x}"[:21]
        p = rnd.randrange(PEOPLE)
        body = f"Comment {i} on entry {i % ENTRIES}, with \"quotes\", commas,\nand a second line from {p}."
        row = [cid, f"e{i % ENTRIES}", "", f"Student {p:03d}", f"s{p:03d}@example.org", "peer", body, stamp,
               "pending", stamp, "rules", "moderation: all"]
        rows[cid] = row
        events.append(("submit", tuple(row)))
    ids = list(rows)
    rnd.shuffle(ids)
    done = 0
    for status, kind, n in (("approved", "approve", APPROVED), ("spam", "spam", SPAM), ("trash", "trash", TRASH)):
        for cid in ids[done:done + n]:
            stamp = _stamp(t0 + COMMENTS * 61.0 + done)
            event = (cid, *[""] * 7, status, stamp, "bench", f"{status} by the author")
            rows[cid][8:] = event[8:]
            events.append((kind, event))
            done += 1
    return events, list(rows.values())


def _notebook(login: str, k: int) -> dict:
    cell = {"cell_type": "markdown", "id": f"c{k}", "metadata": {},
            "source": f"# Entry {k} of {login}\n\n" + "A reflective paragraph. " * 40}
    meta = {"id": f"e{k}", "title": f"Entry {k}", "date": f"2025-02-{k + 1:02d}", "status": "published",
            "tags": ["week", f"t{k % 3}"]}
    return {"nbformat": 4, "nbformat_minor": 5, "cells": [cell], "metadata": {"journal": meta}}


def build(folder: Path, url: str) -> None:
    """The same course in a folder of CSV logs and in the database at `url`."""
    import psycopg

    from journal.comments import log
    from journal.comments.model import FIELDS
    from journal.course.postgres import PgCourseStore
    from journal.course.postgres.comments import person_keys
    from journal.course.postgres.course import notebook_sha256

    course = PgCourseStore(url)
    conn = psycopg.connect(url)
    cols = ", ".join(FIELDS)
    with conn:
        for j in range(JOURNALS):
            login = f"s{j:03d}"
            jid = conn.execute("INSERT INTO journals (login) VALUES (%s) RETURNING id", (login,)).fetchone()[0]
            events, rows = _journal_events(j)
            (folder / login).mkdir(parents=True)
            (folder / login / "comments.csv").write_bytes(log.HEADER + b"".join(log.encode(k, r) for k, r in events))
            with conn.cursor().copy(f"COPY comment_events (journal_id, kind, {cols}) FROM STDIN") as copy:
                for kind, row in events:
                    copy.write_row((jid, kind, *row))
            with conn.cursor().copy(f"COPY comments (journal_id, {cols}, name_key, email_key) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((jid, *row, *person_keys(row[3], row[4]).values()))
            for k in range(ENTRIES):
                nb = _notebook(login, k)
                meta = nb["metadata"]["journal"]
                conn.execute("INSERT INTO entries (journal_id, entry_id, version, title, date, tags, shared_at, "
                             "sha256, notebook) VALUES (%s, %s, 1, %s, %s, %s, %s, %s, %s)",
                             (jid, meta["id"], meta["title"], meta["date"], meta["tags"], _stamp(START),
                              notebook_sha256(nb), json.dumps(nb)))
        conn.execute("ANALYZE")
    conn.close()
    del course


def _samples(fn, args):
    out = []
    for arg in args:
        t = time.perf_counter()
        fn(arg)
        out.append(time.perf_counter() - t)
    return out


def _stores(backend, folder, url, logins, actor):
    from journal.comments import CommentStore
    from journal.course.postgres import PgCourseStore
    from journal.course.postgres.course import default_settings

    if backend == "folder":
        return {who: CommentStore(folder / who / "comments.csv", default_settings(who)).as_actor(actor)
                for who in logins}
    course = PgCourseStore(url)
    return {who: course.comments(who, actor) for who in logins}


def _participation(stores) -> dict:
    """Per student: comments given (approved, by name) and approved comments received, over the protocol."""
    given, received = {}, {}
    for who, store in stores.items():
        approved = store.frame(status="approved")
        received[who] = len(approved)
        for name, n in approved["author_name"].value_counts().items():
            given[name] = given.get(name, 0) + int(n)
    return {"given": given, "received": received}


def _warm(backend, folder, url) -> dict:
    from journal.comments.protocol import Actor

    rnd = random.Random(7)
    logins = [f"s{j:03d}" for j in range(WARM_JOURNALS)]
    author = _stores(backend, folder, url, logins, Actor("bench", "author"))
    for store in author.values():
        store.counts()                                  # a warm process has read its journals
    picks = [rnd.choice(logins) for _ in range(CALLS)]
    post = _samples(lambda i: author[picks[i]].as_actor(Actor(f"p{i}", "peer")).submit(
        f"e{i % ENTRIES}", name=f"Bench peer {backend} {i}", body=f"A new thought, number {i}."), range(CALLS))
    thread = _samples(lambda i: author[picks[i]].thread(f"e{i % ENTRIES}"), range(CALLS))
    queue = _samples(lambda i: author[picks[i]].frame(status="pending"), range(CALLS))
    return {"post": post, "thread": thread, "moderation queue": queue}


def _participation_times(backend, folder, url, repeat=3) -> list[float]:
    from journal.comments.protocol import Actor

    logins = [f"s{j:03d}" for j in range(JOURNALS)]
    out = []
    for _ in range(repeat):         # a tutor's report in a fresh view of the whole class each time
        t = time.perf_counter()
        result = _participation(_stores(backend, folder, url, logins, Actor("tutor", "tutor")))
        out.append(time.perf_counter() - t)
    assert sum(result["received"].values()) >= JOURNALS * APPROVED
    return out


COLD = """
import sys, time
t = time.perf_counter()
from journal.comments.protocol import Actor
backend, where = sys.argv[1], sys.argv[2]
if backend == "folder":
    from pathlib import Path
    from journal.comments import CommentStore
    from journal.course.postgres.course import default_settings
    store = CommentStore(Path(where) / "s100" / "comments.csv", default_settings("s100"))
else:
    from journal.course.postgres import PgCourseStore
    store = PgCourseStore(where).comments("s100", Actor("x", "peer"))
store.thread("e3")
print(time.perf_counter() - t)
"""

POSTER = """
import sys, threading, time
from journal.comments.protocol import Actor
from journal.course.postgres import PgCourseStore
url, first, threads, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
course = PgCourseStore(url)
counts = [0] * threads
start = time.time() + 1
def run(t):
    store = course.comments(f"s{first + t:03d}", Actor("p", "peer"))     # one journal per thread
    i = 0
    while time.time() < start:
        time.sleep(0.001)
    while time.time() < start + seconds:
        store.submit(f"e{i % 10}", name=f"Poster {start} {first} {t} {i}", body=f"Throughput post {i}.")
        counts[t] += 1
        i += 1
ts = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sum(counts))
"""


def _cold(backend, where, repeat=5) -> list[float]:
    return [float(subprocess.run([sys.executable, "-c", COLD, backend, str(where)], check=True,
                                 capture_output=True, text=True).stdout) for _ in range(repeat)]


def _throughput(url, servers: int, threads: int = 8, seconds: float = 5.0) -> float:
    per = threads // servers
    procs = [subprocess.Popen([sys.executable, "-c", POSTER, url, str(n * per), str(per),
                               str(seconds)], stdout=subprocess.PIPE, text=True) for n in range(servers)]
    total = sum(int(p.communicate(timeout=120)[0]) for p in procs)
    return total / seconds


def main():
    from journal.course.postgres import database
    from journal.course.postgres.cluster import Cluster

    os.environ.setdefault("JOURNAL_ROLE", "author")
    import pandas  # noqa: F401  (a warm process has it)

    with tempfile.TemporaryDirectory() as tmp, Cluster() as cluster:
        url = cluster.create_database("bench")
        database.upgrade(url)
        folder = Path(tmp) / "course"
        t = time.perf_counter()
        build(folder, url)
        print(f"data: {JOURNALS} journals, {JOURNALS * ENTRIES:,} entries, "
              f"{JOURNALS * (COMMENTS + APPROVED + SPAM + TRASH):,} comment events in both backends "
              f"({time.perf_counter() - t:.0f} s to generate)")
        results = {b: _warm(b, folder, url) for b in ("folder", "postgres")}
        for b in results:
            results[b]["participation"] = _participation_times(b, folder, url)
            results[b]["cold start"] = _cold(b, folder if b == "folder" else url)
        rows = []
        for what in ("post", "thread", "moderation queue", "participation", "cold start"):
            f, p = results["folder"][what], results["postgres"][what]
            rows.append((what, f"{median(f) * 1000:.1f} / {p99(f) * 1000:.1f}",
                         f"{median(p) * 1000:.1f} / {p99(p) * 1000:.1f}", f"{p99(p) / p99(f):.2f}x"))
        table(("ms: median / p99", "folder (CSV)", "PostgreSQL", "p99 ratio pg/folder"), rows)
        one = statistics.median(_throughput(url, 1) for _ in range(2))
        two = statistics.median(_throughput(url, 2) for _ in range(2))
        print(f"posts per second, 8 posting threads: 1 process {one:.0f}, 2 processes on the same database "
              f"{two:.0f} ({two / one:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
