"""What every request goes through: Host and Origin checks, a strict CSP, generic errors, the person asking."""

from __future__ import annotations

import json
import logging
from functools import cached_property
from urllib.parse import unquote_plus, urlsplit

from tornado import web

from references.dates import long_date

from ...comments.text import EMAIL_SEEN_BY, NOT_SAVED
from ...errors import JournalError, StoreUnavailable
from ..errors import Busy, NotAllowed, kind_name, kind_of
from ..visibility import MARK

log = logging.getLogger("journal.course")
# No script at all: every form works without it. Inline styles stay (the export's maths and thread indents).
PAGE_CSP = ("default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# Every response carries these: the pages', the API's, the hub's OAuth callback's, and the bare 400s
# Tornado writes before any handler exists (run.py).
SECURITY_HEADERS = {"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
# Query values that let someone act as the visitor (a token, an XSRF token, an OAuth code and state): never logged.
SECRET_PARAMS = frozenset({"token", "_xsrf", "code", "state"})
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
NOTICES = {400: "That request could not be understood.", 403: "You are not allowed to see or do this.",
           404: "There is nothing here.", 405: "That is not something this address does.",
           429: "Too many requests: wait a little and try again.",
           503: "The course is busy or its storage is unavailable: try again in a moment."}
CLIENT_COOKIE = "journal-client"
GENERIC = "Something went wrong on the server. It has been noted in the server's log."
READERS_ONLY = ("You are signed in, but not among this course's readers. If you take this course, ask its "
                "tutors to add you.")


class Refusal(web.HTTPError):
    """A refusal with a message for the visitor (no paths, no internals): status, kind, message.

    An HTTPError, so that one raised where no handler method catches it (in `prepare`, say) is still answered
    with its status and words, never as a server error.
    """

    def __init__(self, status: int, kind: str, message: str):
        super().__init__(status, message.replace("%", "%%"))
        self.status, self.kind, self.message = status, kind, message


def refusal(exc: Exception, doing: str = "change") -> Refusal:
    """The visitor's view of an error while `doing` (a key of NOT_SAVED: comment, moderation, feedback, share…),
    by the one table of refusals (course/errors.py KINDS). An error that is no refusal is logged and answered
    as the storage being unavailable: the visitor learns nothing of its insides."""
    if isinstance(exc, Refusal):
        return exc
    kind = kind_of(exc)
    if kind is not None and kind.name != "unavailable":
        return Refusal(kind.status, kind.name, kind.words or str(exc))
    if isinstance(exc, Busy):
        return Refusal(503, "unavailable", str(exc))
    log.error("store unavailable: %s", exc, exc_info=exc)
    if isinstance(exc, StoreUnavailable) and exc.reason:
        # The reason ("the disk is full") helps the visitor; the file it names stays in the log.
        return Refusal(503, "unavailable", NOT_SAVED[doing].format(why=exc.reason))
    return Refusal(503, "unavailable", NOTICES[503])


def redacted(url: str) -> str:
    """`url` as the log may keep it: the values of SECRET_PARAMS replaced, everything else as it came."""
    path, mark, query = url.partition("?")
    if not mark:
        return url
    parts = query.split("&")
    for i, part in enumerate(parts):
        name, eq, _value = part.partition("=")
        if eq and unquote_plus(name) in SECRET_PARAMS:
            parts[i] = name + "=[secret]"
    return path + mark + "&".join(parts)


class Guarded:
    """The security headers on every response, error pages included, and no credential in the log.

    Mixed into every handler this server routes, the hub's OAuth callback among them (app.py).
    """

    def set_default_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def log_exception(self, typ, value, tb):
        # Tornado's own version logs the request's whole URI, a `?token=` with it.
        summary = f"{self.request.method} {redacted(self.request.uri)} ({self.request.remote_ip})"
        if isinstance(value, web.HTTPError):
            if value.log_message:
                log.warning("%d %s: %s", value.status_code, summary,
                            value.log_message % value.args if value.args else value.log_message)
        else:
            log.error("Uncaught exception %s", summary, exc_info=(typ, value, tb))


class BaseHandler(Guarded, web.RequestHandler):
    """Checks shared by the pages and the JSON API."""

    @property
    def conf(self):
        return self.settings["journal"]

    def compute_etag(self):
        return None                 # pages are not cached (no-store): hashing every body would buy nothing

    def prepare(self):
        host = self.request.host.lower()
        if not self.conf.serves_host(host):
            log.warning("refused Host %r from %s", host, self.request.remote_ip)
            raise web.HTTPError(400, "unknown Host")
        if self.request.method in STATE_CHANGING:
            origin = self.request.headers.get("Origin") or self.request.headers.get("Referer")
            if origin and origin != "null" and not self.conf.serves_host(urlsplit(origin).netloc.lower()):
                log.warning("refused Origin %r for %s %s", redacted(origin), self.request.method, self.request.path)
                raise web.HTTPError(403, "foreign Origin")
            if origin == "null":
                raise web.HTTPError(403, "opaque Origin")
        if self.current_user is None and self.lti_refusal is not None:
            raise refusal(self.lti_refusal)

    # Set by the hub's identity when the course's LMS rules refuse the person (lti/course.py), in their words.
    lti_refusal = None

    # -- who asks ---------------------------------------------------------------
    @cached_property
    def person(self):
        """The Person the hub (or token) identified, or None; groups and names never come from the client."""
        model = self.current_user
        if not model:
            return None
        return self.conf.access.person(model.get("name", ""), model.get("groups") or (),
                                       model.get("display_name") or "")

    def require_person(self):
        person = self.person
        if person is None:
            raise web.HTTPError(403, "not signed in")
        if not self.conf.single and not self.conf.access.may_read(person):
            raise refusal(NotAllowed(READERS_ONLY))
        return person

    def criteria(self):
        """The course's rubric and comment bank ([feedback] in course.toml; none in single-journal mode)."""
        return self.conf.store.settings.feedback

    def role_on(self, login: str) -> str:
        return self.conf.role_of(self.require_person(), login)

    def readable(self, login: str, entry_id: str, version: int | None = None):
        """The shared entry if this person may read it (ServerState.readable); EntryNotFound otherwise."""
        return self.conf.readable(self.require_person(), login, entry_id, version)

    def visible(self, login: str | None = None) -> list:
        """The shared entries (of one journal, or all) this person may read."""
        return self.conf.visible(self.require_person(), login)

    def readable_ids(self, login: str) -> frozenset | None:
        """The entries of `login` whose comments this person may read (None: all)."""
        return self.conf.readable_ids(self.require_person(), login)

    def client_keys(self) -> list[str]:
        """Who is posting when no hub vouches for it: this browser's cookie and its address (flood control)."""
        keys = ["a:" + (self.request.remote_ip or "")]
        cookie = self.get_signed_cookie(CLIENT_COOKIE)
        if cookie:
            keys.append("c:" + cookie.decode())
        return keys

    # -- errors: a notice for the visitor, the details for the log ------------
    def write_error(self, status_code, **kwargs):
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, web.HTTPError) and exc.log_message:
            log.info("%s %s: %s %s", self.request.method, self.request.path, status_code, exc.log_message)
        message = exc.message if isinstance(exc, Refusal) else NOTICES.get(status_code, GENERIC)
        if self.wants_json():
            self.set_header("Content-Type", "application/json")
            kind = exc.kind if isinstance(exc, Refusal) else kind_name(status_code)
            self.finish(json.dumps({"error": message, "kind": kind}))
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(self.render_string("notice.html", page_title="Sorry", message=message, conf=self.conf,
                                       person=None))

    def wants_json(self) -> bool:
        return "/api/" in self.request.path

    def get_template_namespace(self):
        ns = super().get_template_namespace()
        ns.update(url=self.conf.url, journal_url=self.conf.journal_url, course_title=self.conf.store.settings.title,
                  email_seen_by=EMAIL_SEEN_BY, marks=MARK, long_date=long_date)
        return ns


def as_refusal(handler_method=None, *, doing: str = "change"):
    """Turn store errors into a Refusal the handler's `refused` shows, worded for what the visitor was `doing`;
    other errors propagate (generic 500). Use as `@as_refusal` or `@as_refusal(doing="share")`."""
    if handler_method is None:
        return lambda method: as_refusal(method, doing=doing)

    def wrapper(self, *args, **kwargs):
        try:
            return handler_method(self, *args, **kwargs)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, doing))
    wrapper.__name__ = handler_method.__name__
    wrapper.__doc__ = handler_method.__doc__
    return wrapper
