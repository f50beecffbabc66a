"""The course server under a class: 200 students x 10 entries x 20 comments, 50 concurrent readers.

Side by side in one run, against 127.0.0.1:
- entry-page views through the course server (token authentication, the thread read, the cached article);
- a bare Tornado handler returning the same page's bytes from memory (the limit of one process here);
- comment posts (each from its own person, as the flood rule allows);
- the server's memory with 0 readers and with 50;
- the first version's `journal serve` (Voilà, a kernel per visitor, at commit VOILA_COMMIT): page load and
  memory per visitor, when `voila` is installed and that commit is at hand (git), else reported as skipped.
Targets (issue 12): view p99 <= 1.5x the bare handler's; post p99 <= 3x; memory with 50 readers ~ with 0.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import median, p99, table

STUDENTS, ENTRIES, COMMENTS = 200, 10, 20
READERS, VIEWS_EACH, POSTS_EACH = 50, 60, 3
HOT_ENTRIES = 40           # distinct pages read (each rendered once before timing)
ROOT = Path(__file__).resolve().parents[1]
# The last commit whose `journal serve` ran Voilà (a kernel per visitor), measured beside the course server.
VOILA_COMMIT = "8edf52c"
BARE = """
import sys, tornado.ioloop, tornado.web
page = open(sys.argv[1], "rb").read()
class Page(tornado.web.RequestHandler):
    def get(self, *a):
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)
tornado.web.Application([(r"/.*", Page)]).listen(int(sys.argv[2]), address="127.0.0.1")
tornado.ioloop.IOLoop.current().start()
"""


def build_course(folder: Path):
    from journal.comments.model import Comment, iso, new_id
    from journal.comments.protocol import Actor
    from journal.course.settings import create
    from journal.course.store import FolderCourseStore

    create(folder, title="Benchmark course", tutors=["tina"])
    store = FolderCourseStore(folder)
    paragraph = ("Reflecting on this week's placement, I noticed how much of the work happens between "
                 "services rather than inside them [@senge1990]. ") * 6
    bib = "@book{senge1990, author={Senge, Peter M.}, title={The Fifth Discipline}, year={1990}, publisher={Doubleday}}"
    import datetime as dt

    for s in range(STUDENTS):
        login = f"student{s:03d}"
        comments = []
        for e in range(ENTRIES):
            eid = f"week-{e + 1}"
            nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
                "id": eid, "title": f"Week {e + 1}: what I learned", "date": f"2026-10-{e + 1:02d}",
                "tags": ["placement", f"week {e + 1}"], "status": "published", "author": login,
                "references": bib}},
                "cells": [{"cell_type": "markdown", "id": f"c{i}", "metadata": {}, "source": paragraph}
                          for i in range(4)]}
            store.share(login, nb)
            for c in range(COMMENTS):
                at = dt.datetime(2026, 10, e + 1, 12, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=c)
                stamp = iso(at)
                comments.append(Comment(new_id(at, salt=f"{login}/{eid}/{c}"), eid, "", f"Peer {c}", "", "peer",
                                        f"Comment {c} on {eid}: a thought about the reading.", stamp,
                                        "approved" if c % 4 else "pending", stamp, "seed", "benchmark"))
        store.comments(login, Actor("tina", "tutor")).import_trusted(comments)
    return store


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server stopped at start")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def load(urls_for, headers_for, method="GET", data_for=None, rss_of=None):
    """READERS threads, each with its own session; per-request latencies, requests/s, peak RSS while loaded."""
    import requests

    latencies, lock, peak = [], threading.Lock(), [0]
    start_gate = threading.Barrier(READERS + 1)

    def reader(i):
        session = requests.Session()
        mine = []
        start_gate.wait()
        for n, url in enumerate(urls_for(i)):
            t = time.perf_counter()
            r = session.request(method, url, headers=headers_for(i, n),
                                json=data_for(i, n) if data_for else None, timeout=120)
            mine.append(time.perf_counter() - t)
            assert r.status_code in (200, 201), (r.status_code, r.text[:200])
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for t in threads:
        t.start()
    start_gate.wait()
    began = time.perf_counter()
    while any(t.is_alive() for t in threads):
        if rss_of:
            peak[0] = max(peak[0], rss_of())
        time.sleep(0.05)
    for t in threads:
        t.join()
    return latencies, len(latencies) / (time.perf_counter() - began), peak[0]


def voila_on_main():
    """(median page load s, MiB per visitor) of the Voilà `journal serve`, or None when it cannot run here."""
    try:
        import voila  # noqa: F401
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", VOILA_COMMIT, "journal"], capture_output=True)
        if archive.returncode:
            return None
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        if not (Path(tmp) / "journal" / "serve" / "voila.py").is_file():
            return None
        out = subprocess.run([sys.executable, "-c", VOILA], capture_output=True, text=True, timeout=900,
                             env={**os.environ, "PYTHONPATH": tmp, "JOURNAL_ROLE": "peer"})
        if out.returncode:
            print(out.stderr[-2000:])
            return None
        load_s, per_visitor, idle = (float(x) for x in out.stdout.split())
        return load_s, per_visitor, idle


VOILA = """
import statistics, tempfile, time, urllib.request
from pathlib import Path
import psutil
from journal.demo import build
from journal.serve import Server, page_name
from journal.serve.voila import free_port
def rss(pid):
    p = psutil.Process(pid)
    return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)])
with tempfile.TemporaryDirectory() as tmp:
    j = build(Path(tmp) / "demo")
    with Server(j, port=free_port()) as s:
        url = s.page_url(page_name(j.entry("joining-up-care-means-learning-together")))
        time.sleep(2)
        idle = rss(s.process.pid)
        loads = []
        for _ in range(5):
            t = time.perf_counter()
            urllib.request.urlopen(url, timeout=300).read()
            loads.append(time.perf_counter() - t)
        time.sleep(2)
        print(statistics.median(loads), (rss(s.process.pid) - idle) / 5 / 2**20, idle / 2**20)
"""


def main():
    import psutil
    import requests

    from journal.course.server.identity import course_secret, issue_token

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "course"
        t = time.perf_counter()
        build_course(folder)
        print(f"course of {STUDENTS} x {ENTRIES} entries x {COMMENTS} comments built in "
              f"{time.perf_counter() - t:.0f} s", flush=True)
        secret = course_secret(folder)
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(folder),
                                 "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        bare = None
        try:
            wait_port(port, proc)
            server = psutil.Process(proc.pid)
            base = f"http://127.0.0.1:{port}/"
            hot = [f"{base}j/student{(i * 37) % STUDENTS:03d}/week-{i % ENTRIES + 1}" for i in range(HOT_ENTRIES)]
            reader_tokens = [issue_token(secret, f"reader{i:02d}") for i in range(READERS)]
            for url in hot:                                        # each page rendered once, before timing
                r = requests.get(url, headers={"Authorization": f"token {reader_tokens[0]}"}, timeout=300)
                assert r.status_code == 200, r.status_code
            page_bytes = Path(tmp) / "page.html"
            page_bytes.write_bytes(r.content)
            time.sleep(1)
            idle_rss = server.memory_info().rss
            views, view_rate, busy_rss = load(
                lambda i: [hot[(i + n) % HOT_ENTRIES] for n in range(VIEWS_EACH)],
                lambda i, n: {"Authorization": f"token {reader_tokens[i]}"}, rss_of=lambda: server.memory_info().rss)
            after_rss = server.memory_info().rss

            bare_port = free_port()
            bare = subprocess.Popen([sys.executable, "-c", BARE, str(page_bytes), str(bare_port)])
            wait_port(bare_port, bare)
            bare_views, bare_rate, _ = load(lambda i: [f"http://127.0.0.1:{bare_port}/p"] * VIEWS_EACH,
                                            lambda i, n: {})

            post_tokens = {(i, n): issue_token(secret, f"poster{i:02d}-{n}") for i in range(READERS)
                           for n in range(POSTS_EACH)}
            posts, post_rate, _ = load(
                lambda i: [f"{base}api/comments/student{i:03d}"] * POSTS_EACH,
                lambda i, n: {"Authorization": f"token {post_tokens[(i, n)]}"}, method="POST",
                data_for=lambda i, n: {"entry_id": f"week-{n + 1}", "body": f"Benchmark comment {i}/{n}."})
            children = len(server.children(recursive=True))
        finally:
            for p in (proc, bare):
                if p is not None and p.poll() is None:
                    os.kill(p.pid, signal.SIGTERM)
                    p.wait(30)
    ms = lambda xs, f: f"{1000 * f(xs):.1f}"  # noqa: E731
    table(("what", "p50 ms", "p99 ms", "req/s", "n"), [
        ("bare Tornado, same page bytes from memory", ms(bare_views, median), ms(bare_views, p99),
         f"{bare_rate:.0f}", len(bare_views)),
        ("course entry page (auth + thread + cached article)", ms(views, median), ms(views, p99), f"{view_rate:.0f}",
         len(views)),
        ("comment post (API, one person each)", ms(posts, median), ms(posts, p99), f"{post_rate:.0f}", len(posts)),
    ])
    print(f"entry page p99 / bare p99: {p99(views) / p99(bare_views):.2f}x (target <= 1.5x); "
          f"p50 ratio {median(views) / median(bare_views):.2f}x")
    print(f"comment post p99 / bare p99: {p99(posts) / p99(bare_views):.2f}x (target <= 3x)")
    print(f"server memory: {idle_rss / 2**20:.0f} MiB with 0 readers, peak {busy_rss / 2**20:.0f} MiB with "
          f"{READERS} readers, {after_rss / 2**20:.0f} MiB after; processes started: {children}")
    voila = voila_on_main()
    if voila is None:
        print(f"journal serve (Voilà, {VOILA_COMMIT}): skipped (needs voila installed and that commit)")
    else:
        load_s, per_visitor, idle = voila
        print(f"journal serve (Voilà, {VOILA_COMMIT}): page load {load_s:.2f} s median; idle {idle:.0f} MiB; "
              f"{per_visitor:.0f} MiB more per visitor (a kernel each, never stopped)")
    return 0
