"""Students share through a real hub: `journal share`, `unshare`, `course open`, and their panels on the course."""

import itertools
import json
import os
import stat

import pytest

from journal import Journal
from journal.course.client import CourseClient, CourseError
from journal.course.errors import NotAllowed
from journal.course.remote_store import CourseCommentStore

pytestmark = pytest.mark.slow
LIBRARY = """@book{schon1983,
  author = {Schön, Donald A.},
  title = {The Reflective Practitioner},
  publisher = {Basic Books},
  year = {1983}
}
"""
_names = itertools.count(1)


def student(hub, tmp_path, run_cli, name):
    """A hub user with a journal of two published entries (one citing references.bib) and a draft, joined."""
    login = f"{name}{next(_names)}"
    token = hub.user(login)
    journal = Journal.create(tmp_path / login, title=f"{name.title()}'s journal", author=name.title(), username=login)
    journal.library_path.write_text(LIBRARY, encoding="utf-8")
    first = journal.new_entry("Week one on the ward", tags=["placement"], date="2026-10-01", status="published")
    first.notebook["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "id": "reflection",
                                       "source": "Reflection-in-action [@schon1983] <script>alert(1)</script>"})
    first.notebook["cells"].insert(2, {"cell_type": "code", "metadata": {}, "id": "count", "execution_count": 1,
                                       "source": "print(6 * 7)",
                                       "outputs": [{"output_type": "stream", "name": "stdout", "text": "42\n"}]})
    first.save()
    journal.new_entry("Feedback from my mentor", tags=["mentor"], date="2026-10-08", status="published")
    journal.new_entry("Half-formed thoughts", date="2026-10-09")
    done = run_cli("course", "join", hub.service_url, "--dir", journal.path, env=env_for(token))
    assert done.returncode == 0, done.stderr
    return login, token, Journal.open(journal.path)


def env_for(token):
    return {"JUPYTERHUB_API_TOKEN": token, "JOURNAL_COURSE_TOKEN": ""}


def test_share_sends_published_entries_with_their_cited_works_and_never_drafts(hub, tmp_path, run_cli):
    login, token, journal = student(hub, tmp_path, run_cli, "ada")
    course = CourseClient(hub.service_url, token)
    draft = run_cli("share", "half-formed-thoughts", "--dir", journal.path, env=env_for(token))
    assert draft.returncode == 1 and "is a draft" in draft.stderr and "half-formed-thoughts.ipynb" in draft.stderr
    assert course.entries(login) == []

    shared = run_cli("share", "--all", "--dir", journal.path, env=env_for(token))
    assert shared.returncode == 0, shared.stderr
    assert "1 draft(s) not shared" in shared.stdout
    listed = {e["entry_id"]: e for e in course.entries(login)}
    assert set(listed) == {"week-one-on-the-ward", "feedback-from-my-mentor"}
    assert listed["week-one-on-the-ward"]["tags"] == ["placement"] and listed["week-one-on-the-ward"]["version"] == 1

    notebook = course.notebook(login, "week-one-on-the-ward")
    assert "schon1983" in notebook["metadata"]["journal"]["references"], "the cited work travels with the entry"
    assert "schon1983" not in journal.entry("week-one-on-the-ward").references, "the student's file is unchanged"
    output, = next(c for c in notebook["cells"] if c.get("id") == "count")["outputs"]
    assert (output["output_type"], "".join(output["text"])) == ("stream", "42\n"), "outputs travel too"

    entry = journal.entry("week-one-on-the-ward")
    entry.notebook["cells"][1]["source"] += "\n\nA second thought."
    entry.save()
    again = run_cli("share", "week-one-on-the-ward", "--dir", journal.path, env=env_for(token))
    assert again.returncode == 0 and "version 2" in again.stdout
    assert "A second thought." in json.dumps(course.notebook(login, "week-one-on-the-ward"))


def test_nobody_shares_or_withdraws_for_someone_else(hub, tmp_path, run_cli):
    ada, ada_token, journal = student(hub, tmp_path, run_cli, "ada")
    assert run_cli("share", "--all", "--dir", journal.path, env=env_for(ada_token)).returncode == 0
    ben, ben_token, _ = student(hub, tmp_path, run_cli, "ben")
    as_ben = CourseClient(hub.service_url, ben_token)
    forged = journal.entry("feedback-from-my-mentor").notebook
    with pytest.raises(NotAllowed, match="own journal"):         # not a moderation: its own kind, not-allowed
        as_ben.share(ada, forged)
    with pytest.raises(NotAllowed):
        as_ben.unshare(ada, "feedback-from-my-mentor")
    # Ben's own journal joined as Ben: sharing there never lands in Ada's.
    assert {e["login"] for e in as_ben.entries(ben)} <= {ben}
    assert len(as_ben.entries(ada)) == 2


def test_unshare_withdraws_an_entry_from_peers(hub, tmp_path, run_cli):
    ada, ada_token, journal = student(hub, tmp_path, run_cli, "ada")
    assert run_cli("share", "--all", "--dir", journal.path, env=env_for(ada_token)).returncode == 0
    _, ben_token, _ = student(hub, tmp_path, run_cli, "ben")
    as_ben = CourseClient(hub.service_url, ben_token)
    assert len(as_ben.entries(ada)) == 2
    done = run_cli("unshare", "feedback-from-my-mentor", "--dir", journal.path, env=env_for(ada_token))
    assert done.returncode == 0 and "withdrawn" in done.stdout
    assert [e["entry_id"] for e in as_ben.entries(ada)] == ["week-one-on-the-ward"]
    with pytest.raises(CourseError):
        as_ben.notebook(ada, "feedback-from-my-mentor")
    tutor = CourseClient(hub.service_url, hub.user(hub.tutors[0]))
    assert "feedback-from-my-mentor" in {e["entry_id"] for e in tutor.entries(ada)}, "tutors keep it"


def test_course_open_copies_a_classmates_entry_whose_panel_talks_to_the_course(hub, tmp_path, run_cli, monkeypatch):
    from widgets import load_panel

    ada, ada_token, ada_journal = student(hub, tmp_path, run_cli, "ada")
    assert run_cli("share", "--all", "--dir", ada_journal.path, env=env_for(ada_token)).returncode == 0
    ben, ben_token, ben_journal = student(hub, tmp_path, run_cli, "ben")
    for trick in ("../week-one-on-the-ward", f"{ada}/..", f"{ada}/a/b", "nobody"):
        refused = run_cli("course", "open", trick, "--dir", ben_journal.path, env=env_for(ben_token))
        assert refused.returncode == 1 and "LOGIN/ENTRY" in refused.stderr, trick
    opened = run_cli("course", "open", f"{ada}/week-one-on-the-ward", "--dir", ben_journal.path, env=env_for(ben_token))
    assert opened.returncode == 0, opened.stderr
    copy = ben_journal.path / "course" / ada / "entries" / "2026-10-01-week-one-on-the-ward.ipynb"
    assert copy.is_file() and not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert all(c["metadata"].get("editable") is False for c in json.loads(copy.read_text())["cells"])
    assert [e.id for e in Journal.open(ben_journal.path).entries()] == [e.id for e in ben_journal.entries()]
    again = run_cli("course", "open", f"{ada}/week-one-on-the-ward", "--dir", ben_journal.path, env=env_for(ben_token))
    assert again.returncode == 0, "opening again refreshes the read-only copy"

    # The copy's panel cell runs in its folder: it finds the course, acts as Ben (a peer) on Ada's journal.
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", ben_token)
    monkeypatch.delenv("JOURNAL_COURSE_TOKEN", raising=False)
    monkeypatch.chdir(copy.parent)
    panel = load_panel("week-one-on-the-ward")
    assert isinstance(panel.store, CourseCommentStore) and panel.role == "peer" and panel.moderate_button is None
    panel.name.value = ada                                   # typing someone else's name changes nothing
    panel.body.value = "Your point about reflection-in-action <b>stuck</b> with me."
    comment = panel.submit()
    assert comment is not None, panel.last_message
    assert (comment.status, comment.author_name) == ("pending", ben)
    assert panel.last_message == "Thanks, your comment is awaiting moderation"
    assert panel.thread.children == ()                      # held: not shown, not even to its writer

    # Ada's own panel (her journal has joined) shows it for moderation, through the course.
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", ada_token)
    monkeypatch.chdir(ada_journal.path / "entries")
    mine = load_panel("week-one-on-the-ward")
    assert mine.role == "author"
    mine.toggle_moderation()
    assert comment.id in mine.moderation.store.frame(status="pending")["id"].tolist()
    assert mine.store.approve(comment.id).status == "approved"
    mine.refresh()
    assert len(mine.thread.children) == 1
    os.chdir(tmp_path)


def test_journal_comments_talks_to_the_course_once_joined(hub, tmp_path, run_cli):
    ada, ada_token, journal = student(hub, tmp_path, run_cli, "ada")
    assert run_cli("share", "--all", "--dir", journal.path, env=env_for(ada_token)).returncode == 0
    _, ben_token, _ = student(hub, tmp_path, run_cli, "ben")
    ben_store = CourseCommentStore(CourseClient(hub.service_url, ben_token), ada, journal.settings)
    held = ben_store.submit("week-one-on-the-ward", name="anything", body="A question about your mentor's advice.")
    listed = run_cli("comments", "list", "--status", "pending", "--json", "--dir", journal.path, env=env_for(ada_token))
    assert listed.returncode == 0, listed.stderr
    assert [c["id"] for c in json.loads(listed.stdout)] == [held.id]
    assert not (journal.path / "comments.csv").exists(), "joined: the comments live on the course"
    refused = run_cli("comments", "approve", held.id, "--dir", journal.path, env=env_for(ben_token))
    assert refused.returncode == 1 and "you are a peer on this journal" in refused.stderr
    done = run_cli("comments", "approve", held.id, "--dir", journal.path, env=env_for(ada_token))
    assert done.returncode == 0 and f"{held.id}  approved" in done.stdout
