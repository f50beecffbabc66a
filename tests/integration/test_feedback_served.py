"""A page served by `journal serve` (peers' reading and commenting) never shows tutors' feedback."""

import pytest
import requests

from journal.course.server.ports import free_port
from journal.course.single import journal_login

pytestmark = pytest.mark.slow
ENTRY = "joining-up-care-means-learning-together"


def test_served_entry_page_hides_feedback_from_peers(tmp_path, monkeypatch, server_process):
    from journal.demo import build

    journal = build(tmp_path / "demo")
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    journal.feedback.add(ENTRY, "Released feedback meant for Sam alone.", release=True)
    journal.feedback.add(ENTRY, "Held feedback for tutors.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    port = free_port()
    server_process(["serve", "--dir", journal.path, "--port", port, "--no-browser"], port)
    base = f"http://127.0.0.1:{port}/j/{journal_login(journal)}/"
    for page in (base, base + ENTRY):
        r = requests.get(page, timeout=120)
        assert r.status_code == 200
        assert "feedback meant for Sam" not in r.text and "Held feedback" not in r.text
        assert "Feedback from your tutor" not in r.text
    assert "Really liked the three root definitions" in r.text        # the approved thread is there
