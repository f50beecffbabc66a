"""Plan the digests of a journal or a class, and send them through SMTP, each recorded once sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from ..course.classfolder import login_of
from ..course.settings import CourseSettings
from ..environment import environment
from ..errors import JournalError
from .digest import Digest, author_digest, period, tutor_digest
from .outbox import Outbox


@dataclass
class Plan:
    """Who gets what now, and through which server."""

    smtp: object                               # NotifySettings holding the server
    digests: list = field(default_factory=list)


def plan(journals, *, folder: Path, course: CourseSettings, now: dt.datetime, ignore_schedule: bool = False,
         owed: dict | None = None) -> Plan:
    """The digests due now for `journals` (a class in `folder`, or one journal with `folder` its own);
    `owed`: login -> the reviews they still owe (course.reviews.reminders), for their reminders."""
    smtp = course.notify if course.notify.smtp_host else next(
        (j.settings.notify for j in journals if j.settings.notify.smtp_host), course.notify)
    digests: list[Digest] = []
    for journal in journals:
        login = login_of(journal)
        person = course.notify.person(login) or journal.settings.notify.person(login)
        if person is None:
            continue
        email, frequency = person
        box = Outbox(journal.path)
        if not ignore_schedule and period(frequency, now) in box.periods(login):
            continue
        digest = author_digest(journal, email, frequency, now, box.mailed(login), (owed or {}).get(login, ()))
        if digest:
            digests.append(digest)
    tutors = sorted(set(course.tutors).union(*(j.settings.tutors for j in journals)))
    box = Outbox(folder)
    for tutor in tutors:
        person = course.notify.person(tutor) or next(
            (j.settings.notify.person(tutor) for j in journals if j.settings.notify.person(tutor)), None)
        if person is None:
            continue
        email, frequency = person
        if not ignore_schedule and period(frequency, now) in box.periods(tutor):
            continue
        digest = tutor_digest(tutor, email, frequency, now, journals, folder, box.mailed(tutor))
        if digest:
            digests.append(digest)
    return Plan(smtp, digests)


def message(digest: Digest, sender: str, now: dt.datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = digest.email
    msg["Subject"] = digest.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = digest.message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(digest.body)
    return msg


def send(the_plan: Plan, now: dt.datetime, *, timeout: float = 30) -> tuple[list[Digest], list[str]]:
    """Send each digest; record it in its outbox the moment the server has accepted it.

    Returns (sent, errors). One refused message does not stop the others; none is recorded unless sent.
    """
    import smtplib
    import ssl

    smtp = the_plan.smtp
    if not the_plan.digests:
        return [], []
    if not smtp.smtp_host or not smtp.sender:
        raise JournalError("no SMTP server: set [notify] smtp_host and sender in journal.toml or course.toml")
    sent, errors = [], []
    try:
        if smtp.smtp_security == "ssl":
            server = smtplib.SMTP_SSL(smtp.smtp_host, smtp.smtp_port, timeout=timeout,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(smtp.smtp_host, smtp.smtp_port, timeout=timeout)
        with server:
            if smtp.smtp_security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if smtp.smtp_user:
                server.login(smtp.smtp_user, environment().smtp_password)
            for digest in the_plan.digests:
                box = Outbox(digest.outbox)
                with box.locked():
                    if set(digest.events) & box.mailed(digest.login):
                        continue                    # another sender got there first
                    try:
                        server.send_message(message(digest, smtp.sender, now))
                    except smtplib.SMTPRecipientsRefused as exc:
                        errors.append(f"{digest.email}: refused by the server: {exc.recipients}")
                        continue
                    except smtplib.SMTPResponseException as exc:
                        errors.append(f"{digest.email}: {exc.smtp_code} {exc.smtp_error!r}")
                        continue
                    box.record(sent_at=now.isoformat(timespec="seconds"), login=digest.login, email=digest.email,
                               period=digest.period, message_id=digest.message_id, events=digest.events)
                sent.append(digest)
    except (OSError, smtplib.SMTPException) as exc:
        errors.append(f"SMTP {smtp.smtp_host}:{smtp.smtp_port}: {exc}; the {len(sent)} digests sent before "
                      f"this are recorded and will not be sent again")
    return sent, errors
