"""Take the README's pictures of the tutor's side: `python docs/tutor_pictures.py [OUT_DIR]` (default: docs/).

- participation-report.png: the first page of the PDF `journal report --class` writes for the demo
  class, through poppler's `pdftoppm`;
- feedback-form.png: a student's entry on the course server as a tutor sees it, with the form for writing
  feedback (the course's rubric and comment bank), shot in Debian's Chromium (every request outside the
  local server aborted).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))     # browser_settings

TIMEOUT = 180_000
RUBRIC = ('[feedback]\ncriteria = [\n  { name = "description", levels = ["missing", "developing", "clear", "strong"] },\n'
          '  { name = "analysis", levels = ["missing", "developing", "clear", "strong"] },\n'
          '  { name = "action plan", levels = ["missing", "developing", "clear", "strong"] },\n]\n'
          'bank = ["Link this back to your reading.", "What will you do differently next time?",\n'
          '  "A vivid, honest description of what happened."]\n')


def demo_class(folder: Path):
    """The demo class with a course rubric and a little feedback already written."""
    from journal.course.settings import FILENAME as COURSE_FILE
    from journal.demo.classroom import build_class

    journals = build_class(folder, students=24, entries=6)
    (folder / COURSE_FILE).write_text(RUBRIC, encoding="utf-8")
    return journals


def report_picture(folder: Path, out: Path) -> Path:
    from export.participation import write_report
    from journal.report import build_report
    from journal.report.access import readable_journals

    report = build_report(readable_journals([folder]), as_of=dt.date(2026, 11, 9), quiet_days=7)
    pdf = write_report(report, folder.parent / "report", formats=("pdf",))[-1]
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(out / "participation-report")], check=True)
    return out / "participation-report.png"


def feedback_form_picture(journal, out: Path) -> Path:
    """A tutor's view of a student's entry on the course server: the feedback so far and the form under it."""
    from playwright.sync_api import sync_playwright

    from browser_settings import launch, only
    from journal.course.client import CourseClient
    from journal.course.server.identity import course_secret, issue_token
    from journal.course.server.ports import free_port
    from journal.course.settings import create
    from journal.course.sharing import shareable
    from journal.feedback.settings import FeedbackSettings

    course = journal.path.parent.parent / "course"
    criteria = tomllib.loads(RUBRIC)["feedback"]
    settings = replace(create(course, title="Reflective practice", tutors=["hmarsh"]),
                       feedback=FeedbackSettings(criteria=criteria["criteria"], bank=criteria["bank"]))
    settings.save(course / "course.toml")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "journal", "course", "serve", "--dir", str(course),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={k: v for k, v in os.environ.items() if k != "JOURNAL_ROLE"})
    url = f"http://127.0.0.1:{port}/"
    login, secret = journal.path.name, course_secret(course)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "api/whoami", timeout=2)
            except urllib.error.HTTPError:
                break                   # the server answers (no token: refused)
            except OSError:
                time.sleep(0.5)
        student = CourseClient(url, issue_token(secret, login))
        for entry in journal.entries():
            if entry.published:
                student.share(login, shareable(journal, entry))
        tutor = CourseClient(url, issue_token(secret, "hmarsh"))
        entry_id = next(e.id for e in journal.entries() if e.published)
        tutor.call("POST", f"api/feedback/{login}", {
            "entry_id": entry_id, "body": "A clear account of the handover; now say why it went as it did.",
            "rubric": {"description": "clear", "analysis": "developing"}, "release": True})
        tutor.call("POST", f"api/feedback/{login}", {"entry_id": entry_id, "body": "Good use of Gibbs: the "
                                                     "action plan is specific.", "rubric": {"action plan": "strong"}})
        with sync_playwright() as p:
            browser = launch(p)
            context = browser.new_context(viewport={"width": 1000, "height": 1400})
            context.set_default_timeout(TIMEOUT)
            context.route("**/*", only(url))
            page = context.new_page()
            page.goto(f"{url}j/{login}/{entry_id}?token={tutor.token}", timeout=TIMEOUT)
            page.locator("#feedback-form").wait_for()
            page.locator("#feedback-form").screenshot(path=out / "feedback-form.png")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out / "feedback-form.png"


def shoot(out_dir) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    os.environ["JOURNAL_ROLE"] = "tutor"
    os.environ["JUPYTERHUB_USER"] = "hmarsh"        # the tutor's login, shown on each piece
    with tempfile.TemporaryDirectory() as tmp:
        journals = demo_class(Path(tmp) / "class")
        pictures = [report_picture(Path(tmp) / "class", out)]
        if "--report-only" not in sys.argv:
            pictures.append(feedback_form_picture(journals[1], out))
    return pictures


if __name__ == "__main__":
    folder = next((a for a in sys.argv[1:] if not a.startswith("--")), None)
    for path in shoot(folder or Path(__file__).resolve().parent):
        print(path)
