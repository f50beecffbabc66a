"""Feedback is never seen by a peer: one test per route, each trying to read it as a peer.

The author sees released feedback (panel, own exports); tutors see it all when they ask.
"""

import csv
import json

import pytest

from journal import Journal

SECRET = "Private feedback <b>only</b> for Ada"
HELD = "Held words nobody but tutors may read"


@pytest.fixture
def ada(tmp_path, monkeypatch):
    journal = Journal.create(tmp_path / "class" / "ada", title="Ada's journal", author="Ada", username="ada")
    entry = journal.new_entry("Week one", date="2026-10-01", status="published")
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    c = journal.comments.submit(entry.id, name="Bo", body="A peer's comment.")
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    journal.comments.approve(c.id)
    journal.feedback.add(entry.id, SECRET, release=True)
    journal.feedback.add(entry.id, HELD)
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    return journal


PEER = {"JOURNAL_ROLE": "peer"}


def test_peer_comments_export_and_list(run_cli, ada, tmp_path):
    out = tmp_path / "c.csv"
    run_cli("comments", "export", "--csv", out, "--dir", ada.path, env=PEER, check=True)
    text = out.read_text(encoding="utf-8")
    assert "A peer's comment." in text and "Private feedback" not in text and "Held words" not in text
    listed = run_cli("comments", "list", "--json", "--dir", ada.path, env=PEER, check=True).stdout
    assert "Private feedback" not in listed and len(json.loads(listed)) == 1
    with open(out, encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 1


def test_peer_feedback_list(run_cli, ada):
    assert run_cli("feedback", "list", "--dir", ada.path, env=PEER, check=True).stdout.strip() == "No feedback."


def test_peer_export_and_with_feedback(run_cli, ada, tmp_path):
    for extra in ((), ("--with-feedback",)):
        out = tmp_path / ("o" + str(len(extra)))
        run_cli("export", "--all", "--to", "html", "--out", out, *extra, "--dir", ada.path, env=PEER, check=True)
        html = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.html"))
        assert "A peer's comment." in html
        assert "Private feedback" not in html and "Held words" not in html and "Feedback from your tutor" not in html


def test_peer_class_export_with_feedback(run_cli, ada, tmp_path):
    out = tmp_path / "class-out"
    run_cli("export", "--class", ada.path.parent, "--with-feedback", "--to", "html", "--out", out, env=PEER,
            check=True)
    html = (out / "ada.html").read_text(encoding="utf-8")
    assert "Private feedback" not in html and "Held words" not in html


def test_author_export_shows_released_after_comments(run_cli, ada, tmp_path):
    run_cli("export", "--all", "--to", "html", "--out", tmp_path / "mine", "--dir", ada.path, check=True)
    html = next((tmp_path / "mine").glob("*.html")).read_text(encoding="utf-8")
    assert "Feedback from your tutor" in html and "Private feedback &lt;b&gt;only&lt;/b&gt; for Ada" in html
    assert "Held words" not in html
    assert html.index("A peer's comment.") < html.index("Feedback from your tutor")


def test_tutor_class_export_only_with_feedback(run_cli, ada, tmp_path):
    tutor = {"JOURNAL_ROLE": "tutor"}
    run_cli("export", "--class", ada.path.parent, "--to", "html", "--out", tmp_path / "a", env=tutor, check=True)
    assert "Private feedback" not in (tmp_path / "a" / "ada.html").read_text(encoding="utf-8")
    run_cli("export", "--class", ada.path.parent, "--with-feedback", "--to", "html", "--out", tmp_path / "b",
            env=tutor, check=True)
    html = (tmp_path / "b" / "ada.html").read_text(encoding="utf-8")
    assert "Private feedback" in html and HELD in html and "(held)" in html


def test_peer_report_refused(run_cli, ada, tmp_path):
    proc = run_cli("report", "--dir", ada.path, "--out", tmp_path / "r", env=PEER)
    assert proc.returncode == 1 and not (tmp_path / "r").exists()


def test_released_feedback_changes_the_authors_export(run_cli, ada, tmp_path, monkeypatch):
    """Exports are incremental: releasing feedback must not leave an old PDF/HTML in place."""
    out = tmp_path / "mine"
    run_cli("export", "--all", "--to", "html", "--out", out, "--dir", ada.path, check=True)
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    held = [f.id for f in ada.feedback.list(status="held")]
    ada.feedback.release(held)
    second = run_cli("export", "--all", "--to", "html", "--out", out, "--dir", ada.path,
                     env={"JOURNAL_ROLE": "author"}, check=True).stdout
    assert "wrote" in second
    assert HELD in next(out.glob("*.html")).read_text(encoding="utf-8")


def test_peer_never_gets_pending_comments_or_addresses_from_the_cli(run_cli, ada, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    ada.comments.submit("week-one", name="Cy", body="Still pending, not for peers.", email="cy@example.org")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    listed = run_cli("comments", "list", "--json", "--dir", ada.path, env=PEER, check=True).stdout
    assert "Still pending" not in listed and [c["status"] for c in json.loads(listed)] == ["approved"]
    out = tmp_path / "peer.csv"
    run_cli("comments", "export", "--csv", out, "--dir", ada.path, env=PEER, check=True)
    assert "Still pending" not in out.read_text(encoding="utf-8") and "cy@example.org" not in out.read_text()
    refused = run_cli("comments", "list", "--status", "pending", "--dir", ada.path, env=PEER)
    assert refused.returncode == 1 and "can see pending comments" in refused.stderr
    mine = run_cli("comments", "list", "--status", "pending", "--dir", ada.path, check=True).stdout
    assert "Still pending" in mine                                   # the author still moderates them
