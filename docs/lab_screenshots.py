"""Take the README's pictures of writing in JupyterLab: `python docs/lab_screenshots.py [OUT_DIR]` (default: docs/).

Builds the demo journal in a temporary folder, starts a private JupyterLab on it, and shoots in
Chromium: rendered citations with the References panel, citing as you type, the Insert Citation
dialog, and the journal sidebar beside an entry whose comment panel appeared on opening.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_settings import launch, only  # noqa: E402  (the one place Chromium's settings live)

TIMEOUT = 180_000
PICTURES = ("lab-citations.png", "lab-cite-as-you-type.png", "lab-insert-citation.png", "lab-sidebar.png")


def shoot(out_dir) -> list[Path]:
    """Write the pictures named in PICTURES into `out_dir`."""
    from playwright.sync_api import expect, sync_playwright

    from journal.demo import build
    from journal.lab.launch import Lab

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=60_000)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        journal = build(Path(tmp) / "root" / "demo")
        entry = journal.new_entry("Reading Schön on reflection", date="2026-11-02")
        (Path(tmp) / "home").mkdir()
        lab = Lab(Path(tmp) / "root", Path(tmp) / "home").start()
        try:
            browser = launch(p)
            context = browser.new_context(viewport={"width": 1280, "height": 760}, device_scale_factor=1)
            context.set_default_timeout(TIMEOUT)
            context.route("**/*", only(lab.url))
            page = context.new_page()
            page.goto(lab.open_url(entry.path.relative_to(lab.root).as_posix()), timeout=TIMEOUT)
            page.get_by_text("Leave a comment").first.wait_for()
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

            page.locator(".jp-SideBar.jp-mod-left li[data-id='journal-sidebar']").click()
            expect(page.locator("#journal-sidebar li.jp-journal-entry").first).to_be_visible()
            page.screenshot(path=str(out / PICTURES[3]))
            browser.close()
        finally:
            lab.stop()
    return [out / name for name in PICTURES]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in shoot(target):
        print(f"wrote {path}")
