"""Moderation rules: what is refused, what waits, what is spam (defaults from WordPress's).

Refusals raise `CommentRefused` with the message to show; `decide` returns the status of an
accepted comment and the rule that set it. The store supplies what the rules need to know
about earlier comments, so these functions stay pure.
"""

from __future__ import annotations

import re

from ..roles import MODERATORS, a_role
from . import spam
from .errors import CommentRefused, ModerationRefused
from .model import ROLES, commenter_keys

MAX_BODY = 65_525
MAX_NAME = 245
MAX_EMAIL = 100
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")
MOSTLY_LINKS = 0.5   # share of a body's non-space characters inside links
#: The name an anonymous peer review is written under (N: the reviewer's place on that entry). It stands for
#: whoever drew that place on each entry, so it is nobody a journal can come to know.
PSEUDONYM = "Reviewer {n}"
_PSEUDONYM = re.compile(re.escape(PSEUDONYM).replace(re.escape("{n}"), "[0-9]+"), re.IGNORECASE)


def acting(role: str, *, person: bool = False) -> str:
    """Who a refusal says is acting: a person someone identified (a course server's request: `person`), or this
    process, whose role JOURNAL_ROLE or the login decides.

    >>> acting("author"), acting("peer", person=True)
    ('this process acts as an author', 'you are a peer on this journal')
    """
    return f"you are {a_role(role)} on this journal" if person else f"this process acts as {a_role(role)}"


def check_moderator(role: str, *, person: bool = False) -> str:
    """`role`, if it may moderate (the author and tutors); else ModerationRefused, the same words from every store."""
    if role not in MODERATORS:
        raise ModerationRefused(f"Only the journal's author or a tutor can moderate comments; "
                                f"{acting(role, person=person)}.")
    return role


def check_role(asked: str, actor: str, *, person: bool = False) -> str:
    """The role a comment is stored under; nobody may claim a role they do not act in, except peer."""
    if asked not in ROLES:
        raise CommentRefused(f"Unknown role {asked!r}: use peer, author or tutor.")
    if asked != actor and asked != "peer":
        raise CommentRefused(f"{a_role(actor).capitalize()} cannot comment as {asked}: "
                             f"{acting(actor, person=person)}.")
    return asked


def check_body(body: str) -> None:
    """Refuse an empty or over-long text (a new comment's, or an edited one's)."""
    if not isinstance(body, str) or not body.strip():
        raise CommentRefused("Your comment is empty: write something before sending it.")
    if len(body) > MAX_BODY:
        raise CommentRefused(f"Your comment is too long: {len(body):,} characters, and the limit is {MAX_BODY:,}.")
    _check_unicode(body)


def _check_unicode(*texts: str) -> None:
    for text in texts:
        # Every store must take what one store takes: PostgreSQL's text cannot hold NUL, so no store does.
        if "\x00" in text:
            raise CommentRefused("Your comment contains a character that cannot be stored (NUL).")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise CommentRefused("Your comment contains characters that cannot be stored "
                                 "(invalid Unicode).") from None


def check_fields(entry_id: str, name: str, email: str, body: str) -> None:
    """Refuse what can be judged from the comment alone."""
    check_body(body)
    if not name:
        raise CommentRefused("Please give your name.")
    if len(name) > MAX_NAME:
        raise CommentRefused(f"Your name is too long: {len(name):,} characters, and the limit is {MAX_NAME}.")
    if email and (len(email) > MAX_EMAIL or not EMAIL.match(email)):
        raise CommentRefused(f"'{email}' is not an e-mail address (leave it empty or give one like "
                             "name@example.org).")
    if not entry_id or entry_id != entry_id.strip() or "\n" in entry_id:
        raise CommentRefused(f"'{entry_id}' is not an entry id.")
    _check_unicode(entry_id, name, email)


def check_reply(reply_to: str, parent, entry_id: str, *, pending_ok: bool = False) -> None:
    """A reply must answer an approved comment on the same entry; `parent` is its Comment or None.

    `pending_ok`: a moderator may answer a pending comment (the store approves it with the reply).
    """
    if parent is None:
        raise CommentRefused(f"You are replying to comment {reply_to}, which does not exist.")
    if parent.entry_id != entry_id:
        raise CommentRefused(f"You are replying to comment {reply_to}, which belongs to another entry.")
    if parent.status != "approved" and not (pending_ok and parent.status == "pending"):
        raise CommentRefused(f"You are replying to comment {reply_to}, which is not approved.")


def check_duplicate(is_duplicate: bool) -> None:
    if is_duplicate:
        raise CommentRefused("Duplicate comment: you have already said that on this entry.")


def check_flood(seconds_since_last: float | None, flood_seconds: int) -> None:
    """Refuse a second comment from one person within `flood_seconds` (on any entry)."""
    if seconds_since_last is not None and seconds_since_last < flood_seconds:
        wait = max(1, int(flood_seconds - seconds_since_last + 0.999))
        raise CommentRefused(f"You are commenting too quickly: wait {wait} more second{'s' * (wait != 1)} "
                             "and try again.")


def is_pseudonym(name: str) -> bool:
    """Whether `name` is a review round's "Reviewer N": a place on one entry, not one person. Neither
    first-time moderation nor the per-name flood control may take two of them for the same commenter (the
    course server's own flood control counts each by their hub login)."""
    return bool(_PSEUDONYM.fullmatch((name or "").strip()))


def known_commenter_key(name: str, email: str) -> tuple[str, str] | None:
    """The keys (`commenter_keys`) under which an earlier approved comment makes this commenter known to
    "first-time" moderation; None for a pseudonymous review, which no approval vouches for. Every store asks
    here before it looks."""
    if is_pseudonym(name):
        return None
    return commenter_keys(name, email)


def _matching_key(keys, *texts) -> str | None:
    """The first key found (case-insensitively, anywhere) in any of `texts`."""
    haystack = "\n".join(texts).casefold()
    for key in keys:
        if key.strip() and key.strip().casefold() in haystack:
            return key.strip()
    return None


def decide(*, role: str, name: str, email: str, body: str, settings, known_commenter: bool) -> tuple[str, str]:
    """(status, reason) for an accepted comment; `settings` is the `[comments]` table."""
    if role == "author":
        return "approved", "the author's own comment"
    if role == "tutor":
        return "approved", "a tutor's comment"
    key = _matching_key(settings.disallowed_keys, name, email, body)
    if key:
        return "spam", f"disallowed key '{key}'"
    if spam.link_share(body) > MOSTLY_LINKS:
        return "spam", "mostly links"
    score = spam.score(body, name=name, email=email)
    if settings.spam_threshold > 0 and score.total >= settings.spam_threshold:
        return "spam", score.describe()
    n_links = len(spam.links(body))
    if settings.max_links and n_links >= settings.max_links:
        return "pending", f"{n_links} links (max_links is {settings.max_links})"
    key = _matching_key(settings.moderation_keys, name, email, body)
    if key:
        return "pending", f"moderation key '{key}'"
    if settings.moderation == "none":
        return "approved", "moderation: none"
    if settings.moderation == "first-time" and known_commenter:
        return "approved", "moderation: first-time, known commenter"
    if settings.moderation == "first-time":
        return "pending", "moderation: first-time, first comment"
    return "pending", "moderation: all"
