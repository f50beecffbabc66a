"""Take the README's pictures of the served pages: `python docs/screenshots.py [OUT_DIR]` (default: docs/).

Builds the demo journal in a temporary folder, serves it with `journal serve`'s Server and shoots
the entry page and its comment panel in Chromium. The moderation panel is shot from a page served
in the author role, which `journal serve` itself never does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_settings import launch, only  # noqa: E402  (the one place Chromium's settings live)

ENTRY = "joining-up-care-means-learning-together"
TIMEOUT = 180_000
MODERATION_SOURCE = ("import os\nfrom journal import Journal\nfrom widgets import ModerationPanel\n"
                     "ModerationPanel(Journal.open(os.environ['JOURNAL_DIR']))")


def moderation_page() -> dict:
    """A notebook whose only cell shows the moderation panel of the served journal."""
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(MODERATION_SOURCE)])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["title"] = "Moderation"
    return nb


def _tab(browser, server):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
    context.set_default_timeout(TIMEOUT)
    context.route("**/*", only(server.url))
    return context.new_page()


def shoot(out_dir) -> list[Path]:
    """Write entry-page.png, comment-panel.png and moderation-panel.png into `out_dir`."""
    from playwright.sync_api import sync_playwright

    from journal.demo import build
    from journal.serve import Server, page_name
    from journal.serve.voila import free_port

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        journal = build(Path(tmp) / "demo")
        browser = launch(p)
        with Server(journal, port=free_port()) as server:
            tab = _tab(browser, server)
            tab.goto(server.page_url(page_name(journal.entry(ENTRY))), timeout=TIMEOUT)
            tab.get_by_placeholder("Leave a thought").wait_for()
            tab.screenshot(path=out / "entry-page.png")
            # Voilà scrolls inside the page, so a viewport as tall as the page shows the panel whole.
            tab.set_viewport_size({"width": 1100, "height": 6000})
            tab.wait_for_timeout(500)
            tab.screenshot(path=out / "comment-panel.png", clip=tab.locator(".journal-comment-panel").bounding_box())
        with Server(journal, port=free_port(), role="author",
                    extra_pages={"moderation.ipynb": moderation_page()}) as server:
            tab = _tab(browser, server)
            tab.goto(server.page_url("moderation.ipynb"), timeout=TIMEOUT)
            tab.get_by_role("button", name="Approve").first.wait_for()
            tab.locator(".jp-OutputArea-output").first.screenshot(path=out / "moderation-panel.png")
        browser.close()
    return [out / name for name in ("entry-page.png", "comment-panel.png", "moderation-panel.png")]


if __name__ == "__main__":
    for path in shoot(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent):
        print(path)
