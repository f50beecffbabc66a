"""One student must not stall everyone: other readers' pages while a pathological entry is shared and viewed.

In one run, against one course server on 127.0.0.1:
- quiet: READERS readers view already-rendered entry pages for QUIET_SECONDS;
- busy: the same readers again, while one student shares an entry of as many maths cells as the course
  takes (the default `[limits] max_cells`), which renders far past the budget (`render_seconds`), views
  it (the page waits for the render, then offers the download) and views it again (at once, remembered).
Quiet and busy phases alternate (ROUNDS of each, and a last quiet one), each busy one with a new entry.
Target (issue 18): the readers' p99 while busy stays within 2x of the quiet p99 measured in the same run.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from bench_course import free_port, wait_port
from common import median, p99, table

STUDENTS, ENTRIES, READERS = 20, 3, 8
QUIET_SECONDS, ROUNDS = 8, 2


def notebook(login, entry_id, title, cells):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
        "id": entry_id, "title": title, "date": "2026-10-05", "tags": [], "status": "published", "author": login,
        "references": ""}}, "cells": cells}


def build(folder: Path):
    from journal.course.settings import create
    from journal.course.store import FolderCourseStore

    create(folder, title="Stall benchmark", tutors=["tina"])
    store = FolderCourseStore(folder)
    text = "Reflecting on the week: what happened, what I made of it, and what I will try next. " * 8
    for s in range(STUDENTS):
        for e in range(ENTRIES):
            cells = [{"cell_type": "markdown", "id": f"c{i}", "metadata": {}, "source": text} for i in range(4)]
            store.share(f"student{s:02d}", notebook(f"student{s:02d}", f"week-{e + 1}", f"Week {e + 1}", cells))
    return store


def read_until(stop, urls, token, out):
    """View `urls` round and round until `stop` is set; each (start, latency) appended to `out`."""
    import requests

    session = requests.Session()
    headers = {"Authorization": f"token {token}"}
    n = 0
    while not stop.is_set():
        t = time.perf_counter()
        r = session.get(urls[n % len(urls)], headers=headers, timeout=120)
        out.append((t, time.perf_counter() - t))
        assert r.status_code == 200, r.status_code
        n += 1


def phase(urls, tokens, until):
    """READERS readers until `until()` returns; their (start, latency) pairs."""
    stop, latencies = threading.Event(), [[] for _ in tokens]
    threads = [threading.Thread(target=read_until, args=(stop, urls[i:] + urls[:i], token, latencies[i]))
               for i, token in enumerate(tokens)]
    for t in threads:
        t.start()
    try:
        until()
    finally:
        stop.set()
        for t in threads:
            t.join()
    return [x for mine in latencies for x in mine]


def attack(base, headers, limits, round_, seen):
    """Share an entry of as many maths cells as the course takes, view it, and view it again."""
    import requests

    cells = [{"cell_type": "markdown", "id": f"m{i}", "metadata": {},
              "source": f"Step {i}: $\\sum_{{k=1}}^{{{i + round_}}} \\frac{{k^2}}{{k+1}}$ and **more**."}
             for i in range(limits.max_cells)]
    huge = notebook("mallory", f"huge-{round_}", "Pathological", cells)
    t = time.perf_counter()
    r = requests.put(f"{base}api/entries/mallory/huge-{round_}", json=huge, headers=headers, timeout=600)
    seen["share"] = (time.perf_counter() - t, r.status_code)
    seen["window"] = (t, time.perf_counter())
    for view in ("first view", "second view"):
        t = time.perf_counter()
        r = requests.get(f"{base}mallory/huge-{round_}", headers=headers, timeout=600)
        seen[view] = (time.perf_counter() - t, r.status_code, "too large to show" in r.text)


def main():
    import requests

    from journal.course.server.identity import course_secret, issue_token
    from journal.course.settings import LimitSettings

    limits = LimitSettings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "course"
        build(folder)
        secret = course_secret(folder)
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(folder),
                                 "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_port(port, proc)
            base = f"http://127.0.0.1:{port}/"
            urls = [f"{base}student{s:02d}/week-{e + 1}" for s in range(STUDENTS) for e in range(ENTRIES)]
            tokens = [issue_token(secret, f"reader{i}") for i in range(READERS)]
            for url in urls:                                    # every page rendered once, before timing
                assert requests.get(url, headers={"Authorization": f"token {tokens[0]}"},
                                    timeout=300).status_code == 200
            mallory = {"Authorization": f"token {issue_token(secret, 'mallory')}"}
            quiet, busy, seen = [], [], []
            # Quiet and busy phases alternate, so the machine's other load weighs on both alike.
            for round_ in range(ROUNDS):
                quiet += phase(urls, tokens, lambda: time.sleep(QUIET_SECONDS))
                seen.append({})
                busy += phase(urls, tokens, partial(attack, base, mallory, limits, round_, seen[-1]))
            quiet += phase(urls, tokens, lambda: time.sleep(QUIET_SECONDS))
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGTERM)
                proc.wait(30)
    ms = lambda xs, f: f"{1000 * f(xs):.1f}"  # noqa: E731
    def in_share(t):
        return any(start <= t < end for start, end in (r["window"] for r in seen))

    sharing = [x for t, x in busy if in_share(t)]
    rendering = [x for t, x in busy if not in_share(t)]
    quiet, busy = [x for _, x in quiet], [x for _, x in busy]
    table(("readers' entry pages", "p50 ms", "p99 ms", "n"), [
        ("quiet", ms(quiet, median), ms(quiet, p99), len(quiet)),
        (f"while one student shares {limits.max_cells:,} maths cells and views them", ms(busy, median),
         ms(busy, p99), len(busy)),
        ("  of which while the share is checked and stored (writer thread)", ms(sharing, median),
         ms(sharing, p99), len(sharing)),
        ("  of which while it renders past its budget (worker process)", ms(rendering, median),
         ms(rendering, p99), len(rendering)),
    ])
    print(f"busy p99 / quiet p99: {p99(busy) / p99(quiet):.2f}x (target <= 2x); "
          f"p50 ratio {median(busy) / median(quiet):.2f}x")
    for n, round_ in enumerate(seen, start=1):
        share_s, share_status = round_["share"]
        views = ", ".join(f"{view} {round_[view][1]} in {round_[view][0]:.2f} s"
                          + (" (too large to show, download offered)" if round_[view][2] else " (rendered)")
                          for view in ("first view", "second view"))
        print(f"round {n}: the share {share_status} in {share_s:.1f} s; {views}")
    print(f"render budget {limits.render_seconds:g} s; {ROUNDS} rounds of {QUIET_SECONDS} s quiet, then busy")
    return 0
