"""Take the README's pictures of JupyterLab: `python docs/lab_screenshots.py [OUT_DIR]` (default: docs/).

Builds the demo journal in a temporary folder, and a copy of it that joined a course served beside it,
starts a private JupyterLab on both, and shoots in Chromium: rendered citations with the References
panel, citing as you type, the Insert Citation dialog, the journal sidebar of the joined copy (who reads
each entry, Share), the comment panel under the demo post, and the moderation panel in the main area.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]
from browser_settings import launch, only  # noqa: E402  (the one place Chromium's settings live)
from screenshots import serve  # noqa: E402  (the course server, as the course pictures start it)

TIMEOUT = 180_000
PICTURES = ("lab-citations.png", "lab-cite-as-you-type.png", "lab-insert-citation.png", "lab-sidebar.png",
            "comment-panel.png", "moderation-panel.png")
DEMO_POST = "2026-10-12-joining-up-care-means-learning-together.ipynb"
LOGIN = "sam"


def joined_copy(tmp: Path, root: Path):
    """The demo journal again, in `root`, joined to a course in `tmp` (one tutor group, Ward A) that is being
    served: its published entries shared, one with the group only. The course server's process."""
    from journal.course import sharing
    from journal.course.server.identity import course_secret, issue_token
    from journal.course.settings import CourseSettings, create
    from journal.demo import build

    course = tmp / "course"
    create(course, title="Reflective practice in health and social care", tutors=["tina"])
    journal = build(root / "placement", username=LOGIN)
    (course / "roster.csv").write_text(f"login,name,group\n{LOGIN},{journal.author},Ward A\n", encoding="utf-8")
    settings = CourseSettings.load(course / "course.toml")
    settings.roster = "roster.csv"
    settings.save(course / "course.toml")
    # The token and the list of joined courses are the Lab's too (it inherits this environment); the list
    # is kept in the temporary folder, not in the config of whoever takes the pictures.
    os.environ.update(JOURNAL_COURSE_TOKEN=issue_token(course_secret(course), LOGIN),
                      XDG_CONFIG_HOME=str(tmp / "config"))
    proc, base = serve(course)
    sharing.join(journal, base, carry=True)
    for n, entry in enumerate(journal.entries(published_only=True)):
        sharing.share(journal, [entry], "group" if n == 0 else "course")
    return journal, proc


def shoot(out_dir) -> list[Path]:
    """Write the pictures named in PICTURES into `out_dir`."""
    from playwright.sync_api import expect, sync_playwright

    from journal.demo import build
    from journal.lab.launch import Lab

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=60_000)
    saved_env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        root = Path(tmp) / "root"
        journal = build(root / "demo")
        entry = journal.new_entry("Reading Schön on reflection", date="2026-11-02")
        placement, course_server = joined_copy(Path(tmp), root)
        (Path(tmp) / "home").mkdir()
        lab = Lab(root, Path(tmp) / "home").start()
        try:
            browser = launch(p)

            def tab(path: Path, *, height: int = 760):
                context = browser.new_context(viewport={"width": 1280, "height": height}, device_scale_factor=1)
                context.set_default_timeout(TIMEOUT)
                context.route("**/*", only(lab.url))
                page = context.new_page()
                page.goto(lab.open_url(path.relative_to(lab.root).as_posix()), timeout=TIMEOUT)
                page.locator(".jp-NotebookPanel .journal-comment-panel").first.wait_for()
                return page

            writing(tab(entry.path), out, expect)
            sidebar(tab(placement.entries_dir / DEMO_POST), out, expect)
            page = tab(journal.entries_dir / DEMO_POST, height=2400)
            panel = page.locator(".jp-NotebookPanel .journal-comment-panel").first
            panel.scroll_into_view_if_needed()
            panel.screenshot(path=str(out / PICTURES[4]))
            moderation(tab(journal.entries_dir / DEMO_POST, height=520), out, expect)
            browser.close()
        finally:
            lab.stop()
            os.kill(course_server.pid, signal.SIGTERM)
            course_server.wait(20)
            os.environ.clear()
            os.environ.update(saved_env)
    return [out / name for name in PICTURES]


def writing(page, out: Path, expect) -> None:
    """Citations rendered beside the References panel, citing as you type, the Insert Citation dialog."""
    page.locator(".jp-SideBar.jp-mod-right li[data-id='journal-references']").click()
    prose = page.locator(".jp-NotebookPanel .jp-MarkdownCell").nth(1)
    prose.click()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+a")
    page.keyboard.type("Working with the discharge team showed me what @senge1990 calls a learning "
                       "organisation, and how practitioners reflect in action [@schon1983, p. 49]. "
                       "The policy background is set out in two reports [@doh2010a; @doh2010b]. "
                       "Still to read: [@nobody2026].", delay=5)
    page.keyboard.press("Shift+Enter")
    expect(page.locator(".jp-journal-citation", has_text="(Schön, 1983, p. 49)")).to_be_visible()
    expect(page.locator("#journal-references")).to_contain_text("Schön, D.A. (1983)")
    page.locator(".jp-journal-citation", has_text="Senge (1990)").hover()
    page.screenshot(path=str(out / PICTURES[0]))

    page.keyboard.press("b")  # a new cell below, for typing in
    page.keyboard.press("m")
    page.keyboard.press("Enter")
    page.keyboard.type("Partnership working needs more than goodwill [@par", delay=120)
    expect(page.locator(".jp-Completer-item").first).to_be_visible()
    page.screenshot(path=str(out / PICTURES[1]))
    page.keyboard.press("Escape")

    page.keyboard.press("Control+Alt+c")
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_label("Search works").fill("care")
    dialog.locator("input[type=checkbox]").first.check()
    dialog.get_by_label("Locator").fill("p. 12")
    dialog.screenshot(path=str(out / PICTURES[2]))
    dialog.get_by_role("button", name="Cancel").click()
    page.context.close()


def open_sidebar(page, expect):
    page.locator(".jp-SideBar.jp-mod-left li[data-id='journal-sidebar']").click()
    expect(page.locator("#journal-sidebar li.jp-journal-entry").first).to_be_visible()
    return page.locator("#journal-sidebar")


def sidebar(page, out: Path, expect) -> None:
    """The joined journal's sidebar: who reads each shared entry, the level to share at, Share again."""
    panel = open_sidebar(page, expect)
    expect(panel.get_by_text("shared with your tutor group").first).to_be_visible()
    expect(panel.get_by_text("Share again").first).to_be_visible()
    page.screenshot(path=str(out / PICTURES[3]))
    page.context.close()


def moderation(page, out: Path, expect) -> None:
    """The moderation panel in the main area, on its Pending list, opened from the sidebar's count."""
    panel = open_sidebar(page, expect)
    panel.locator(".jp-journal-moderate").click()
    moderate = page.locator("#journal-moderation-panel")
    expect(moderate.locator("article.jp-journal-mod-comment").first).to_be_visible()
    page.locator(".jp-SideBar.jp-mod-left li[data-id='journal-sidebar']").click()      # the panel, wide
    page.screenshot(path=str(out / PICTURES[5]))
    page.context.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in shoot(target):
        print(f"wrote {path}")
