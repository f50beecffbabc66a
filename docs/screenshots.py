"""Take the README's pictures of the course pages: `python docs/screenshots.py [OUT_DIR]` (default: docs/).

Builds a course in a temporary folder, shares the demo journal's published entries through the
course server's API (as a student would with `journal share`), opens a peer review round, and shoots,
in Chromium, the class index, an entry page with its thread and the "To review" list as a peer, and the
moderation page as the author.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_settings import launch, only  # noqa: E402  (the one place Chromium's settings live)

ENTRY = "joining-up-care-means-learning-together"
TIMEOUT = 120_000
NAMES = ("class-index.png", "entry-page.png", "moderation-page.png", "to-review.png")


ROSTER = "login,name,group\nsam,{author},Ward A\nbob,Bob Mensah,Ward A\nren,Ren Ito,Ward B\n"
REN = ("Handover on my second placement is faster than on the first: the nurses speak in a shorthand I am only "
       "starting to follow. This week I wrote down every abbreviation I did not know and asked about them at "
       "the end of the shift.")


def demo_course(folder: Path):
    """A course of two tutor groups: `sam` (Ward A, with the reader `bob`) holds the demo journal's published
    entries and comments, the second of them shared with the group only; `ren` (Ward B) has one entry.
    A review round over October asks each entry for two reviewers, from anyone who can read it."""
    from journal.course.access import Access
    from journal.course.groups import RosterFile
    from journal.course.reviews import rounds
    from journal.course.reviews.model import Round
    from journal.course.settings import CourseSettings, create
    from journal.course.store import FolderCourseStore
    from journal.demo import build

    create(folder / "course", title="Reflective practice in health and social care", tutors=["tina"])
    journal = build(folder / "demo")
    (folder / "course" / "roster.csv").write_text(ROSTER.format(author=journal.author), encoding="utf-8")
    settings = CourseSettings.load(folder / "course" / "course.toml")
    settings.roster = "roster.csv"
    settings.review.criteria = [{"name": "reflection", "levels": ["descriptive", "reflective", "critical"]}]
    settings.save(folder / "course" / "course.toml")
    store = FolderCourseStore(folder / "course")
    store.configure("sam", {"title": journal.title, "author": journal.author})
    for n, entry in enumerate(journal.entries(published_only=True)):
        store.share("sam", entry.notebook, "group" if n == 1 else "course")
    (folder / "course" / "sam" / "comments.csv").write_bytes(journal.comments_path.read_bytes())
    store.share("ren", {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
        "id": "learning-the-shorthand", "title": "Learning the shorthand of handover", "date": "2026-10-14",
        "tags": ["placement"], "status": "published", "author": "Ren Ito", "references": ""}},
        "cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": REN}]})
    store = FolderCourseStore(folder / "course")
    access = Access(store.settings, RosterFile(folder / "course" / "roster.csv"))
    rounds.open_round(store, Round(name="october", reviewers=2, due="2026-11-06", date_from="2026-10-01",
                                   date_to="2026-10-31"))
    rounds.run(store, "october", access.groups_of, rounds.students(store, access))
    return folder / "course"


def serve(course: Path):
    """`journal course serve` on the course folder, on a free port: its process and base URL."""
    from journal.course.server.ports import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(course),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}/"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the course server did not start")


def shoot(out_dir) -> list[Path]:
    """Write the pictures of NAMES into `out_dir`."""
    from playwright.sync_api import sync_playwright

    from journal.course.server.identity import course_secret, issue_token

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        course = demo_course(Path(tmp))
        proc, base = serve(course)
        try:
            browser = launch(p)
            for login, path, name in [("bob", "", "class-index.png"), ("bob", f"j/sam/{ENTRY}", "entry-page.png"),
                                      ("sam", "moderate", "moderation-page.png"), ("bob", "review", "to-review.png")]:
                context = browser.new_context(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
                context.set_default_timeout(TIMEOUT)
                context.route("**/*", only(base))
                tab = context.new_page()
                tab.goto(f"{base}{path}?token={issue_token(course_secret(course), login)}")
                if name == "entry-page.png":
                    tab.locator("#comments").scroll_into_view_if_needed()
                tab.screenshot(path=out / name)
                context.close()
            browser.close()
        finally:
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait(20)
    return [out / name for name in NAMES]


if __name__ == "__main__":
    for path in shoot(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent):
        print(path)
