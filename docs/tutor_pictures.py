"""Take the README's pictures of the tutor's side: `python docs/tutor_pictures.py [OUT_DIR]` (default: docs/).

- participation-report.png: the first page of the PDF `journal report --class` writes for the demo
  class, through poppler's `pdftoppm`;
- feedback-tab.png: the moderation panel on its Feedback tab, as a tutor sees it, rendered by Voilà and
  shot in Debian's Chromium (every request outside the local server aborted).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TIMEOUT = 180_000
RUBRIC = ('[feedback]\ncriteria = [\n  { name = "description", levels = ["missing", "developing", "clear", "strong"] },\n'
          '  { name = "analysis", levels = ["missing", "developing", "clear", "strong"] },\n'
          '  { name = "action plan", levels = ["missing", "developing", "clear", "strong"] },\n]\n'
          'bank = ["Link this back to your reading.", "What will you do differently next time?",\n'
          '  "A vivid, honest description of what happened."]\n')
TAB_SOURCE = ("import os\nfrom journal import Journal\nfrom widgets import ModerationPanel\n"
              "panel = ModerationPanel(Journal.open(os.environ['JOURNAL_DIR']))\npanel.show_feedback()\n"
              "tab = panel.feedback\ntab.choose('week-3')\n"
              "tab.set_level('description', 'clear')\ntab.set_level('analysis', 'developing')\n"
              "tab.use_sentence(1)\npanel")


def demo_class(folder: Path):
    """The demo class with a course rubric and a little feedback already written."""
    from journal.classes import COURSE_FILE
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


def feedback_tab_picture(journal, out: Path) -> Path:
    from nbformat.v4 import new_code_cell, new_notebook
    from playwright.sync_api import sync_playwright

    from journal.entry import write_notebook

    journal.feedback.add("week-1", "A clear account of the handover; now say why it went as it did.",
                         rubric={"description": "clear", "analysis": "developing"}, release=True)
    journal.feedback.add("week-2", "Good use of Gibbs: the action plan is specific.", rubric={"action plan": "strong"})
    page = journal.path.parent / "pages"
    page.mkdir()
    nb = new_notebook(cells=[new_code_cell(TAB_SOURCE)])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    write_notebook(nb, page / "feedback.ipynb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JOURNAL_DIR": str(journal.path)}
    proc = subprocess.Popen([sys.executable, "-m", "voila", str(page / "feedback.ipynb"), "--no-browser",
                             f"--port={port}", "--Voila.ip=127.0.0.1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            context = browser.new_context(viewport={"width": 1000, "height": 1400})
            context.set_default_timeout(TIMEOUT)
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
            tab = context.new_page()
            tab.goto(url, timeout=TIMEOUT)
            tab.get_by_role("button", name="Release all held").wait_for()
            tab.wait_for_timeout(500)
            tab.locator(".jp-OutputArea-output").first.screenshot(path=out / "feedback-tab.png")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out / "feedback-tab.png"


def shoot(out_dir) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    os.environ["JOURNAL_ROLE"] = "tutor"
    os.environ["JUPYTERHUB_USER"] = "hmarsh"        # the tutor's login, shown on each piece
    with tempfile.TemporaryDirectory() as tmp:
        journals = demo_class(Path(tmp) / "class")
        pictures = [report_picture(Path(tmp) / "class", out)]
        if "--report-only" not in sys.argv:
            pictures.append(feedback_tab_picture(journals[1], out))
    return pictures


if __name__ == "__main__":
    folder = next((a for a in sys.argv[1:] if not a.startswith("--")), None)
    for path in shoot(folder or Path(__file__).resolve().parent):
        print(path)
