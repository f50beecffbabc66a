"""The class index with tutor groups against today's flat index: 300 students in 20 groups, 3,000 entries.

Two copies of one course, side by side in one run: the flat one (every entry course-wide, no groups) and
the grouped one (a roster of 20 groups of 15, half the entries shared with the author's group only). The
same student asks for the class index of each, alternately; the medians and their ratio are printed.
Target (issue 21): the grouped index within 1.5x of the flat one.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_course import free_port, wait_port
from common import median, table

STUDENTS, GROUPS, ENTRIES, VIEWS = 300, 20, 10, 30


def build(folder: Path) -> None:
    from journal.course.settings import create
    from journal.course.store import FolderCourseStore

    create(folder, title="Benchmark course", tutors=["tina"])
    store = FolderCourseStore(folder)
    for s in range(STUDENTS):
        login = f"student{s:03d}"
        for e in range(ENTRIES):
            store.share(login, {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
                "id": f"week-{e + 1}", "title": f"Week {e + 1}", "date": f"2026-10-{e + 1:02d}", "tags": [],
                "status": "published", "author": login, "references": ""}},
                "cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": "A thought."}]})


def grouped(flat: Path, folder: Path) -> None:
    """The same course with a roster of groups and half of each student's entries shared with their group."""
    from journal.course.settings import CourseSettings

    shutil.copytree(flat, folder)
    rows = ["login,name,group"] + [f"student{s:03d},Student {s},g{s % GROUPS:02d}" for s in range(STUDENTS)]
    (folder / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    settings = CourseSettings.load(folder / "course.toml")
    settings.roster = "roster.csv"
    settings.save(folder / "course.toml")
    for manifest in folder.glob("*/shared.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        for n, info in enumerate(data.values()):
            info["visibility"] = "group" if n % 2 else "course"
        manifest.write_text(json.dumps(data), encoding="utf-8")


def main():
    import requests

    from journal.course.server.identity import course_secret, issue_token

    with tempfile.TemporaryDirectory() as tmp:
        flat, groups = Path(tmp) / "flat", Path(tmp) / "groups"
        start = time.perf_counter()
        build(flat)
        grouped(flat, groups)
        print(f"two courses of {STUDENTS} students x {ENTRIES} entries built in {time.perf_counter() - start:.0f} s")
        servers = {}
        try:
            for name, folder in (("flat index", flat), ("grouped index", groups)):
                port = free_port()
                proc = subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(folder),
                                         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                servers[name] = (proc, f"http://127.0.0.1:{port}/",
                                 {"Authorization": f"token {issue_token(course_secret(folder), 'student007')}"})
                wait_port(port, proc)
            times = {name: [] for name in servers}
            for name, (_, base, headers) in servers.items():       # warm: manifests and counts read once
                assert requests.get(base, headers=headers, timeout=300).status_code == 200
            for _ in range(VIEWS):
                for name, (_, base, headers) in servers.items():
                    t = time.perf_counter()
                    r = requests.get(base, headers=headers, timeout=300)
                    times[name].append(time.perf_counter() - t)
                    assert r.status_code == 200
        finally:
            for proc, _, _ in servers.values():
                proc.terminate()
                proc.wait(timeout=30)
        flat_ms, grouped_ms = (1000 * median(times[n]) for n in ("flat index", "grouped index"))
        table(("measure", "value"), [("flat index (ms, median)", f"{flat_ms:.1f}"),
                                     ("grouped index (ms, median)", f"{grouped_ms:.1f}"),
                                     ("grouped / flat", f"{grouped_ms / flat_ms:.2f}x (target <= 1.5x)")])
        return grouped_ms / flat_ms > 1.5


if __name__ == "__main__":
    sys.exit(main())
