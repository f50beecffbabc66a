"""`journal serve` in Chromium: request to fully rendered entry page, and submit to acknowledged comment.

Reported, no target yet. Each page load starts a fresh kernel, so the first figure is mostly
kernel start-up plus running the entry's cells; the second is one round trip through the widget
comm to the comment store and back.
"""

import tempfile
import time
from pathlib import Path

from common import median, p99, table

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ENTRY = "joining-up-care-means-learning-together"
LOADS = 10
TIMEOUT = 180_000


def main():
    from playwright.sync_api import expect, sync_playwright

    from journal.demo import build
    from journal.serve import Server, page_name
    from journal.serve.voila import free_port

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        journal = build(Path(tmp) / "demo")
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        with Server(journal, port=free_port()) as server:
            context = browser.new_context()
            context.set_default_timeout(TIMEOUT)
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url) else r.abort())
            page = context.new_page()
            url = server.page_url(page_name(journal.entry(ENTRY)))
            page.goto(url)                    # warm-up: imports and disk caches
            page.get_by_placeholder("Leave a thought").wait_for()
            loads, submits = [], []
            for i in range(LOADS):
                start = time.perf_counter()
                page.goto(url)
                page.locator(".journal-comment-panel h3").wait_for()
                page.get_by_placeholder("Leave a thought").wait_for()
                loads.append(time.perf_counter() - start)
                # Distinct names: the flood rule spaces out comments of one person only.
                page.get_by_placeholder("your name").fill(f"Benchmark visitor {i}")
                page.get_by_placeholder("Leave a thought").fill(f"Timing comment number {i} for the benchmark.")
                start = time.perf_counter()
                page.locator(".journal-comment-panel button", has_text="Post").click()
                expect(page.locator(".journal-message")).to_contain_text("awaiting moderation")
                submits.append(time.perf_counter() - start)
        browser.close()
    table(("what", "median s", "p99 s", "n"), [
        ("request to rendered entry page with panel", f"{median(loads):.2f}", f"{p99(loads):.2f}", len(loads)),
        ("submit to acknowledged (awaiting moderation)", f"{median(submits):.3f}", f"{p99(submits):.3f}",
         len(submits)),
    ])
    print(f"ratio page load / submit: {median(loads) / median(submits):.0f}x (no target yet)")
    return 0
