"""What a course refuses, worded for the person who asked, and how each refusal crosses the wire.

KINDS is the one table of refusals: the exception a store or a handler raises, the HTTP status and `kind`
the server answers with (`{"error": words, "kind": kind}`), and the exception the course's client raises
again from that answer. The server's `guard.refusal` and the client's `CourseClient` both read it, so a
new refusal is one exception class and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..comments.errors import CommentNotFound, CommentRefused, ModerationRefused
from ..errors import JournalError, StoreUnavailable
from ..feedback.store import FeedbackNotFound, FeedbackRefused


class EntryNotFound(JournalError):
    """No shared entry (or no such version) of that id in that student's journal."""


class NotAllowed(JournalError):
    """The person is known but their role does not allow this (sharing for someone else, a tutors' page)."""


class BadRequest(JournalError):
    """The request cannot be understood (not JSON, a field of the wrong shape, an unknown action)."""


class CourseError(JournalError):
    """The course server could not be reached, refused the token, or answered something unexpected."""


class CourseUnavailable(CourseError, StoreUnavailable):
    """The course cannot be reached or is busy just now: nothing was stored, the same call can be made again."""


class Busy(CourseUnavailable):
    """The server has more slow work queued than it takes (renders, portfolios): try again in a moment."""


@dataclass(frozen=True)
class Kind:
    """One kind of refusal: its `kind` on the wire, its HTTP status, what the server answers with it (`raised`,
    and `words` in place of the exception's own where those name files or stores), and what the client raises."""

    name: str
    status: int
    raised: tuple[type[Exception], ...]
    client: type[JournalError]
    words: str = ""


# The first kind of each status is also what a bare HTTP error of that status is called (a missing XSRF
# token, no sign-in, an address that is nothing). The client raises CommentRefused for a bad request, as for
# a refused comment: the panels show either as the server's words beside the form. An EntryError or a
# SettingsError is not here: one the server meets in its own files is its failure, not the request's; a
# handler turns one about what the request sent into a BadRequest.
KINDS = (
    Kind("bad-request", 400, (BadRequest, FeedbackRefused), CommentRefused),
    Kind("refused", 400, (CommentRefused,), CommentRefused),
    Kind("not-allowed", 403, (NotAllowed,), NotAllowed),
    Kind("moderation", 403, (ModerationRefused,), ModerationRefused),
    Kind("not-found", 404, (CommentNotFound,), CommentNotFound, "No such comment."),
    Kind("not-found", 404, (EntryNotFound,), EntryNotFound, "No such entry."),
    Kind("not-found", 404, (FeedbackNotFound,), FeedbackNotFound, "No such feedback."),
    Kind("unavailable", 503, (StoreUnavailable,), CourseUnavailable),
)


def kind_of(exc: Exception) -> Kind | None:
    """The kind the server answers `exc` with; None for an error that is not a refusal (a server error)."""
    return next((kind for kind in KINDS if isinstance(exc, kind.raised)), None)


def kind_named(name: str, status: int) -> Kind | None:
    """The kind of an answer from the server, by its `kind` and status."""
    return next((kind for kind in KINDS if kind.name == name and kind.status == status), None)


def kind_name(status: int) -> str:
    """What a bare HTTP error of `status` is called on the wire ("error" for a status no refusal has)."""
    return next((kind.name for kind in KINDS if kind.status == status), "error")
