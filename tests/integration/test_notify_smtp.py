"""`journal notify` against a real SMTP server (aiosmtpd on 127.0.0.1, a free port)."""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from journal import Journal
from journal.course.settings import FILENAME as COURSE_FILE

aiosmtpd = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    """Keeps every message; refuses the recipients in `refuse` with a temporary failure."""

    def __init__(self):
        self.messages, self.refuse = [], set()
        self.hang_for = None            # a recipient whose message's DATA never completes (the sender dies)
        self.hanging = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hang_for in envelope.rcpt_tos:
            self.hanging = True
            for _ in range(300):            # until the test has killed the sender, at most 30 s
                if self.hang_for is None:
                    break
                await asyncio.sleep(0.1)
            return "451 4.3.0 the sender went away"
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    inbox.port = port
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def classroom(tmp_path, smtp, monkeypatch):
    """Ada's and Bo's journals in a class folder; Bo comments on Ada's entry; a course.toml with the server."""
    folder = tmp_path / "class"
    ada = Journal.create(folder / "ada", title="Ada's journal", author="Ada Lovelace", username="ada")
    bo = Journal.create(folder / "bo", title="Bo's journal", author="Bo Chen", username="bo")
    for j, login in ((ada, "ada"), (bo, "bo")):
        j.settings.tutors = ["tess"]
        j.settings.notify.people = {login: {"email": f"{login}@example.org", "digest": "daily"}}
        j.settings.save(j.path / "journal.toml")
        j.new_entry(f"{login} week one", date="2026-10-01", status="published")
    (folder / COURSE_FILE).write_text(
        f'tutors = ["tess"]\n[notify]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\n'
        'sender = "Journal <journal@example.org>"\n'
        '[notify.people.tess]\nemail = "tess@example.org"\ndigest = "weekly"\n', encoding="utf-8")
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    ada.comments.submit("ada-week-one", name="Bo Chen", body="Pending words only Ada may read.")
    bo.comments.submit("bo-week-one", name="Ada Lovelace", body="Ada's note on Bo's post.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    return folder


def test_each_person_gets_only_their_own_news_once(run_cli, classroom, smtp):
    first = run_cli("notify", "--class", classroom, check=True)
    assert "3 digests sent" in first.stdout
    (ada_mail,) = smtp.to("ada@example.org")
    assert "Comments awaiting your approval (1)" in ada_mail.get_payload()
    assert ada_mail["Subject"] == "Your journal: 1 comment awaiting approval"
    assert "Ada's note on Bo's post." in smtp.to("bo@example.org")[0].get_payload()
    assert "Pending words only Ada may read." in ada_mail.get_payload()
    assert ada_mail["From"] == "Journal <journal@example.org>" and ada_mail["Message-ID"]
    for mail in smtp.to("bo@example.org") + smtp.to("tess@example.org"):
        assert "Pending words only Ada may read." not in mail.as_string()
    (summary,) = smtp.to("tess@example.org")
    assert "Participation of 2 students" in summary.get_payload() and "Never commented on a peer" in summary.get_payload()
    before = len(smtp.messages)
    again = run_cli("notify", "--class", classroom, "--now", check=True)
    assert "0 digests sent" in again.stdout and len(smtp.messages) == before


def test_a_peer_can_neither_send_nor_preview_digests(run_cli, classroom, smtp):
    for extra in (("--dry-run",), ()):
        proc = run_cli("notify", "--class", classroom, *extra, env={"JOURNAL_ROLE": "peer"})
        assert proc.returncode == 1 and "only the journal's author or a tutor" in proc.stderr
        assert "Pending words only Ada may read." not in proc.stdout
    assert smtp.messages == []


def test_dry_run_sends_and_records_nothing(run_cli, classroom, smtp):
    out = run_cli("notify", "--class", classroom, "--dry-run", check=True).stdout
    assert "To: ada@example.org" in out and "3 digests would be sent" in out
    assert smtp.messages == [] and not (classroom / "ada" / "notifications.csv").exists()


def test_a_failure_part_way_resends_nothing_that_went_out(run_cli, classroom, smtp):
    smtp.refuse = {"bo@example.org"}
    failed = run_cli("notify", "--class", classroom)
    assert failed.returncode == 1 and "bo@example.org" in failed.stdout
    assert len(smtp.to("ada@example.org")) == 1 and smtp.to("bo@example.org") == []
    smtp.refuse = set()
    run_cli("notify", "--class", classroom, "--now", check=True)
    assert len(smtp.to("ada@example.org")) == 1 and len(smtp.to("tess@example.org")) == 1
    assert len(smtp.to("bo@example.org")) == 1


def test_a_sender_killed_mid_send_resends_nothing_that_went_out(classroom, smtp):
    smtp.hang_for = "bo@example.org"
    proc = subprocess.Popen([sys.executable, "-m", "journal", "notify", "--class", str(classroom)],
                            env={**os.environ, "JOURNAL_ROLE": "tutor"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not smtp.hanging and time.monotonic() < deadline:
            time.sleep(0.05)
        assert smtp.hanging and len(smtp.to("ada@example.org")) == 1
    finally:
        proc.send_signal(signal.SIGKILL)        # a crash: no cleanup, no except clause runs
        proc.wait(timeout=30)
        smtp.hang_for = None
    assert "ada@example.org" in (classroom / "ada" / "notifications.csv").read_text(encoding="utf-8")
    run_cli_env = {**os.environ, "JOURNAL_ROLE": "tutor"}
    subprocess.run([sys.executable, "-m", "journal", "notify", "--class", str(classroom), "--now"],
                   env=run_cli_env, check=True, capture_output=True, timeout=120)
    assert len(smtp.to("ada@example.org")) == 1                         # not sent again
    assert len(smtp.to("bo@example.org")) == 1 and len(smtp.to("tess@example.org")) == 1


def test_a_new_event_is_mailed_alone(run_cli, classroom, smtp, monkeypatch):
    run_cli("notify", "--class", classroom, check=True)
    ada = Journal.open(classroom / "ada")
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    ada.comments.submit("ada-week-one", name="Cy", body="A second, later comment.")
    run_cli("notify", "--class", classroom, "--now", env={"JOURNAL_ROLE": "tutor"}, check=True)
    mails = smtp.to("ada@example.org")
    assert len(mails) == 2
    assert "A second, later comment." in mails[1].get_payload()
    assert "Pending words only Ada may read." not in mails[1].get_payload()


def test_released_feedback_reaches_its_author_only(run_cli, classroom, smtp, monkeypatch):
    ada = Journal.open(classroom / "ada")
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    ada.feedback.add("ada-week-one", "Released feedback for Ada.", release=True)
    ada.feedback.add("ada-week-one", "Held feedback for Ada.")
    run_cli("notify", "--class", classroom, env={"JOURNAL_ROLE": "tutor"}, check=True)
    (mail,) = smtp.to("ada@example.org")
    assert "Feedback from your tutor (1)" in mail.get_payload() and "Released feedback for Ada." in mail.get_payload()
    assert "Held feedback" not in mail.get_payload()
    for other in smtp.to("bo@example.org") + smtp.to("tess@example.org"):
        assert "feedback for Ada" not in other.as_string()


def test_a_reviewer_is_reminded_of_the_reviews_they_owe_until_done(run_cli, classroom, smtp):
    """The digest lists the reviews a reviewer still owes in the course's open rounds, before the due date,
    as their To review page does: the author by name, except in an anonymous round, where nobody is named."""
    from course_server import entry_notebook
    from journal.course.backends import open_store
    from journal.course.groups import RosterFile
    from journal.course.access import Access
    from journal.course.reviews import rounds
    from journal.course.reviews.reminders import reminders
    from journal.course.reviews.model import Review, Round

    course_toml = classroom / COURSE_FILE
    course_toml.write_text('title = "Reflective practice"\n' + course_toml.read_text(encoding="utf-8"), encoding="utf-8")
    store = open_store(classroom)
    access = Access(store.settings, RosterFile(None))
    for tag, due, anonymous in (("named", "2099-12-31", False), ("blind", "2099-12-31", True),
                                ("past", "2020-01-31", False)):
        for login in ("ada", "bo"):
            store.share(login, entry_notebook(f"{tag}-{login}", f"{tag.title()} post by {login}", tags=[tag]), "course")
        rounds.open_round(store, Round(name=tag, reviewers=1, due=due, tag=tag, anonymous=anonymous))
        rounds.run(store, tag, access.groups_of, ["ada", "bo"])

    run_cli("notify", "--class", classroom, env={"JOURNAL_ROLE": "tutor"}, check=True)
    (mail,) = smtp.to("bo@example.org")
    body = mail.get_payload(decode=True).decode("utf-8")
    assert "Reviews to do (2)" in body, body
    assert "“Named post by ada” by Ada Lovelace, round named, due 31 December 2099" in body
    assert "“Blind post by ada”, round blind, due 31 December 2099" in body
    assert "Past post" not in body                         # its due date has gone: no reminder
    ada = smtp.to("ada@example.org")[0].get_payload(decode=True).decode("utf-8")
    assert "“Blind post by bo”, round blind" in ada and "“Named post by bo” by Bo Chen" in ada

    # Done: no more reminder of that one; the other stays until it is done or due.
    (owed,) = [a for a in store.reviews.allocations("named") if a.reviewer == "bo"]
    store.reviews.add_review(Review("named", "bo", owed.login, owed.entry_id, "c-1"))
    left = reminders(store, access, "2026-12-01")["bo"]
    assert [r.round.name for r in left] == ["blind"]
    assert reminders(store, access, "2100-01-01") == {}
