"""A page served by `journal serve` (peers' reading and commenting) never shows tutors' feedback."""

import pytest

from journal.serve import Server, page_name
from journal.serve.voila import free_port

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOAD = 180_000
ENTRY = "joining-up-care-means-learning-together"


def test_served_entry_page_hides_feedback_from_peers(tmp_path, monkeypatch):
    from journal.demo import build

    journal = build(tmp_path / "demo")
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    journal.feedback.add(ENTRY, "Released feedback meant for Sam alone.", release=True)
    journal.feedback.add(ENTRY, "Held feedback for tutors.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    with Server(journal, port=free_port()) as server, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(LOAD)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url) else r.abort())
        page = context.new_page()
        page.goto(server.page_url(page_name(journal.entry(ENTRY))), timeout=LOAD)
        page.get_by_placeholder("Leave a thought").wait_for()
        text = page.content()
        browser.close()
    assert "Really liked the three root definitions" in text          # the approved thread is there
    assert "feedback meant for Sam" not in text and "Held feedback" not in text
    assert "Feedback from your tutor" not in text
