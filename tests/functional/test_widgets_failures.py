"""When the comment log cannot be written (immutable or read-only file, full disk), the panels say so
in one line naming the file, and keep what the reader typed."""

import contextlib
import os
import shutil
import subprocess

import pytest

from journal import Journal
from widgets import CommentPanel, ModerationPanel


@contextlib.contextmanager
def unwritable(path):
    """`path` (an existing file) cannot be written, even by root: immutable where the filesystem
    allows it (chattr +i), read-only for an ordinary user, else a symlink into a path whose parent
    is a regular file (every open fails with "Not a directory")."""
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield "Operation not permitted"
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)
    elif os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield "Permission denied"
        finally:
            path.chmod(0o644)
    else:
        kept = path.with_name(path.name + ".kept")
        path.rename(kept)
        blocker = path.with_name("a-regular-file")
        blocker.write_text("")
        path.symlink_to(blocker / path.name)
        try:
            yield "Not a directory"
        finally:
            path.unlink()
            blocker.unlink()
            kept.rename(path)


@pytest.fixture
def entry(journal):
    return journal.new_entry("Week one", date="2026-10-01")


def fill(panel, body, name="Priya", email="priya@example.org"):
    panel.name.value, panel.email.value, panel.body.value = name, email, body


def test_an_unwritable_log_is_named_and_the_text_kept(journal, entry):
    panel = CommentPanel(journal, entry.id)
    fill(panel, "Saved before.")
    assert panel.submit() is not None
    log = journal.comments_path
    before = log.read_bytes()
    with unwritable(log) as reason:
        fill(panel, "A long thought I do not want to lose.")
        panel.submit_button.click()
        assert panel.submit() is None
        message = panel.last_message
        assert message.startswith("Your comment could not be saved")
        assert str(log) in message and reason in message and "\n" not in message
        assert not panel.message_ok and "journal-message" in panel.message.value
        assert panel.body.value == "A long thought I do not want to lose."
        assert (panel.name.value, panel.email.value) == ("Priya", "priya@example.org")
    assert log.read_bytes() == before
    panel.submit()  # once the file can be written again, the kept text goes through unchanged
    bodies = list(Journal.open(journal.path).comments.frame()["body"])
    assert bodies == ["Saved before.", "A long thought I do not want to lose."]


def test_a_full_disk_is_named_and_the_text_kept(journal, entry):
    log = journal.comments_path
    log.symlink_to("/dev/full")  # every write there fails with ENOSPC, as on a full disk
    panel = CommentPanel(journal, entry.id)
    fill(panel, "Written when the disk was full.")
    assert panel.submit() is None
    assert panel.last_message.startswith("Your comment could not be saved")
    assert str(log) in panel.last_message and "No space left on device" in panel.last_message
    assert panel.body.value == "Written when the disk was full."


def test_moderation_says_what_was_done_before_the_log_became_unwritable(journal, entry, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    peer = Journal.open(journal.path)
    for name in ("Ann", "Ben"):
        peer.comments.submit(entry.id, name=name, body=f"{name}'s thought.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    panel = ModerationPanel(Journal.open(journal.path))
    ids = list(panel.buttons)
    with unwritable(journal.comments_path) as reason:
        panel.approve(ids)
        assert panel.last_message.startswith("The change could not be saved (0 of 2 done)")
        assert str(journal.comments_path) in panel.last_message and reason in panel.last_message
        panel.reply_to(ids[0])
        panel.reply_form.body.value = "Thanks, a fair point."
        assert panel.send_reply() is None
        assert panel.last_message.startswith("Your reply could not be saved")
        assert panel.reply_form.body.value == "Thanks, a fair point." and panel.replying_to == ids[0]
    assert set(Journal.open(journal.path).comments.frame()["status"]) == {"pending"}
