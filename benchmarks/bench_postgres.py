"""The course store: the folder backend (CSV logs) against PostgreSQL, the same data in both, side by side.

The data: 200 journals, 2,000 entries (10 each) and 1,000,000 comment events (per journal 4,000
comments, 800 approvals, 100 spam and 100 trash events). The CSV logs are written record by
record as the store writes them; PostgreSQL is loaded with COPY. Reported: post, thread and
moderation-queue p99 through the store in a warm process, the class participation query (every
journal's approved comments, through the protocol), a course server's cold start (launch to its
first answered thread), and comments posted per second over HTTP by 8 posters with one course
server against two on the same database. No targets yet: ratios against the folder backend.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import median, p99, samples, table

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


def build(folder: Path, pg_folder: Path, url: str) -> None:
    """The same course in a course folder (CSV logs) and in the database at `url` (course.toml in `pg_folder`)."""
    import psycopg

    from journal.comments import log
    from journal.comments.model import FIELDS
    from journal.course.postgres import open_course
    from journal.course.postgres.comments import person_keys
    from journal.course.settings import CourseSettings
    from journal.course.store import FolderCourseStore
    from journal.settings import CommentSettings

    for where, db in ((folder, ""), (pg_folder, url)):
        where.mkdir(parents=True)       # no flood wait: the throughput run posts as fast as it can
        CourseSettings(title="Bench course", db=db, comments=CommentSettings(flood_seconds=0)).save(
            where / "course.toml")
    in_folder, in_db = FolderCourseStore(folder), open_course(pg_folder)
    conn = psycopg.connect(url)
    cols = ", ".join(FIELDS)
    with conn:
        for j in range(JOURNALS):
            login = f"s{j:03d}"
            for k in range(ENTRIES):
                nb = _notebook(login, k)
                in_folder.share(login, nb)
                in_db.share(login, nb)
            jid = conn.execute("SELECT id FROM journals WHERE login = %s", (login,)).fetchone()[0]
            events, rows = _journal_events(j)
            (folder / login / "comments.csv").write_bytes(log.HEADER + b"".join(log.encode(k, r) for k, r in events))
            with conn.cursor().copy(f"COPY comment_events (journal_id, kind, {cols}) FROM STDIN") as copy:
                for kind, row in events:
                    copy.write_row((jid, kind, *row))
            with conn.cursor().copy(f"COPY comments (journal_id, {cols}, name_key, email_key) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((jid, *row, *person_keys(row[3], row[4]).values()))
        conn.execute("ANALYZE")
    conn.close()


def _stores(backend, folder, pg_folder, logins, actor):
    from journal.course.postgres import open_course
    from journal.course.store import FolderCourseStore

    course = FolderCourseStore(folder) if backend == "folder" else open_course(pg_folder)
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


def _warm(backend, folder, pg_folder) -> dict:
    from journal.comments.protocol import Actor

    rnd = random.Random(7)
    logins = [f"s{j:03d}" for j in range(WARM_JOURNALS)]
    author = _stores(backend, folder, pg_folder, logins, Actor("bench", "author"))
    for store in author.values():
        store.counts()                                  # a warm process has read its journals
    picks = [rnd.choice(logins) for _ in range(CALLS)]
    post = samples(lambda i: author[picks[i]].as_actor(Actor(f"p{i}", "peer")).submit(
        f"e{i % ENTRIES}", name=f"Bench peer {backend} {i}", body=f"A new thought, number {i}."), range(CALLS))
    thread = samples(lambda i: author[picks[i]].thread(f"e{i % ENTRIES}"), range(CALLS))
    queue = samples(lambda i: author[picks[i]].frame(status="pending"), range(CALLS))
    return {"post": post, "thread": thread, "moderation queue": queue}


def _participation_times(backend, folder, pg_folder, repeat=3) -> list[float]:
    from journal.comments.protocol import Actor

    logins = [f"s{j:03d}" for j in range(JOURNALS)]
    out = []
    for _ in range(repeat):         # a tutor's report in a fresh view of the whole class each time
        t = time.perf_counter()
        result = _participation(_stores(backend, folder, pg_folder, logins, Actor("tutor", "tutor")))
        out.append(time.perf_counter() - t)
    assert sum(result["received"].values()) >= JOURNALS * APPROVED
    return out


def _serve(where: Path):
    """A course server on a free port; (process, base URL) once it answers."""
    from journal.course.server.ports import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(where), "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return proc, f"http://127.0.0.1:{port}/"


def _get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.status, reply.read()


def _post(url, token, body):
    request = urllib.request.Request(url, method="POST", data=json.dumps(body).encode(),
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.status


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _cold(where: Path, repeat=3) -> list[float]:
    """From starting `journal course serve` to its first answered thread of a journal with 4,000 comments."""
    from journal.course.server.identity import course_secret, issue_token

    token = issue_token(course_secret(where), "s001")
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc, base = _serve(where)
        while True:
            try:
                if _get(f"{base}api/comments/s100/thread/e3", token)[0] == 200:
                    break
            except OSError:
                time.sleep(0.02)
        out.append(time.perf_counter() - start)
        _stop(proc)
    return out


def _throughput(where: Path, servers: int, threads: int = 8, seconds: float = 5.0) -> float:
    """Comments posted per second by `threads` posters spread over `servers` course servers."""
    from journal.course.server.identity import course_secret, issue_token

    procs = [_serve(where) for _ in range(servers)]
    secret = course_secret(where)
    try:
        for proc, _ in procs:
            proc.stdout.readline()                  # "Serving the course …"
        counts = [0] * threads
        start = time.time() + 0.5
        tag = time.time_ns()

        def run(t):
            base = procs[t % servers][1]
            token = issue_token(secret, f"poster{t}")
            i = 0
            while time.time() < start:
                time.sleep(0.001)
            while time.time() < start + seconds:
                if _post(f"{base}api/comments/s{t:03d}", token,
                         {"entry_id": f"e{i % ENTRIES}", "body": f"Throughput post {tag} {i}."}) == 201:
                    counts[t] += 1
                i += 1
                time.sleep(0)
        pool = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
        [t.start() for t in pool]
        [t.join() for t in pool]
        return sum(counts) / seconds
    finally:
        for proc, _ in procs:
            _stop(proc)


def main():
    from journal.course.postgres import database
    from journal.course.postgres.cluster import Cluster

    os.environ.setdefault("JOURNAL_ROLE", "author")
    import pandas  # noqa: F401  (a warm process has it)

    with tempfile.TemporaryDirectory() as tmp, Cluster() as cluster:
        url = cluster.create_database("bench")
        database.upgrade(url)
        folder, pg_folder = Path(tmp) / "course", Path(tmp) / "course-pg"
        t = time.perf_counter()
        build(folder, pg_folder, url)
        print(f"data: {JOURNALS} journals, {JOURNALS * ENTRIES:,} entries, "
              f"{JOURNALS * (COMMENTS + APPROVED + SPAM + TRASH):,} comment events in both backends "
              f"({time.perf_counter() - t:.0f} s to generate)", flush=True)
        results = {"folder": _warm("folder", folder, pg_folder), "postgres": _warm("postgres", folder, pg_folder)}
        for b, where in (("folder", folder), ("postgres", pg_folder)):
            results[b]["participation"] = _participation_times(b, folder, pg_folder)
            results[b]["server cold start"] = _cold(where)
        rows = []
        for what in ("post", "thread", "moderation queue", "participation", "server cold start"):
            f, p = results["folder"][what], results["postgres"][what]
            rows.append((what, f"{median(f) * 1000:.1f} / {p99(f) * 1000:.1f}",
                         f"{median(p) * 1000:.1f} / {p99(p) * 1000:.1f}", f"{p99(p) / p99(f):.2f}x"))
        table(("ms: median / p99", "folder (CSV)", "PostgreSQL", "p99 ratio pg/folder"), rows)
        rates = {"folder, 1 server": _throughput(folder, 1), "postgres, 1 server": _throughput(pg_folder, 1),
                 "postgres, 2 servers": _throughput(pg_folder, 2)}
        table(("posts per second (8 posting threads, HTTP)", "posts/s"),
              [(k, f"{v:.0f}") for k, v in rates.items()])
        print(f"2 servers against 1 on the same database: "
              f"{rates['postgres, 2 servers'] / rates['postgres, 1 server']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
