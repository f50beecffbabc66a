"""Talking to a course server over its HTTP API, with the person's own hub token.

Every call is one request. The server decides who is calling (from the token, through the hub); the
client never says. Refusals come back as the comment store's own exceptions with the server's words,
so the panels and `journal comments` show the same messages whichever store they talk to.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from ..anatomy import entry_metadata
from ..comments.errors import CommentNotFound, ModerationRefused
from ..environment import environment
from ..errors import JournalError
from .errors import CourseError, CourseUnavailable, NotAllowed, kind_named

__all__ = ["CourseClient", "CourseError", "CourseUnavailable", "check_url", "course_token", "quote", "service_url"]
TIMEOUT = 60


def course_token() -> str:
    """The token to send: JOURNAL_COURSE_TOKEN, else the hub's JUPYTERHUB_API_TOKEN.

    The course's own token (a standalone course server) wins over the hub's, which every hub server has."""
    env = environment()
    token = env.course_token or env.hub_api_token
    if token:
        return token
    raise CourseError("no token for the course: run this inside your JupyterLab on the hub (it sets "
                      "JUPYTERHUB_API_TOKEN), or set JOURNAL_COURSE_TOKEN")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect from an API call means the hub wants a browser login: the token was not accepted."""

    def redirect_request(self, *args, **kwargs):
        return None


class CourseClient:
    """The course server at `url` (e.g. https://hub.example.edu/services/journal/), called with `token`."""

    def __init__(self, url: str, token: str | None = None, *, timeout: float = TIMEOUT):
        self.url = check_url(url)
        self.token = token or course_token()
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect)

    def __repr__(self) -> str:
        return f"<CourseClient {self.url}>"

    # -- the API ---------------------------------------------------------------------------------
    def whoami(self) -> dict:
        """Who the course says this token is; a refusal here can only mean the token was not accepted."""
        try:
            return self.call("GET", "api/whoami")
        except (ModerationRefused, NotAllowed):
            raise self._not_accepted(403) from None

    def _not_accepted(self, status) -> "CourseError":
        return CourseError(f"the course at {self.url} did not accept this token (HTTP {status}): use your own hub "
                           "token, from a JupyterLab on the hub, with access to the course service")

    def share(self, login: str, notebook: dict, visibility: str | None = None) -> dict:
        """Share `notebook` (at `visibility`: None keeps the level it had, or takes the course's default)."""
        entry_id = entry_metadata(notebook).get("id", "")
        return self.call("PUT", f"api/entries/{quote(login)}/{quote(entry_id)}", notebook,
                         params={"visibility": visibility}, missing=CourseError)

    def unshare(self, login: str, entry_id: str) -> None:
        self.call("DELETE", f"api/entries/{quote(login)}/{quote(entry_id)}", missing=CourseError)

    def entries(self, login: str | None = None) -> list[dict]:
        return self.call("GET", "api/entries", params={"login": login}, missing=CourseError)

    def notebook(self, login: str, entry_id: str) -> dict:
        return self.call("GET", f"api/entries/{quote(login)}/{quote(entry_id)}", missing=CourseError)

    # -- one request ---------------------------------------------------------------------------------
    def call(self, method: str, path: str, data=None, *, params=None, missing=CommentNotFound):
        """The JSON answer to one request; refusals raise the exception the server's `kind` names."""
        query = urllib.parse.urlencode({k: v for k, v in (params or {}).items() if v is not None})
        url = urllib.parse.urljoin(self.url, path) + (f"?{query}" if query else "")
        body = None if data is None else json.dumps(data).encode("utf-8")
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Authorization": f"token {self.token}", "Accept": "application/json"})
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise self._refusal(exc, missing) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise CourseUnavailable(f"cannot reach the course at {self.url}: {reason}") from None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise CourseError(f"the course at {self.url} answered {method} {path} with something that is not "
                              "JSON (is the course URL right?)") from None

    def _refusal(self, exc: urllib.error.HTTPError, missing) -> JournalError:
        try:
            answer = json.loads(exc.read() or b"{}")
        except ValueError:
            answer = {}
        message = answer.get("error") if isinstance(answer, dict) else None
        kind = kind_named(answer.get("kind"), exc.code) if isinstance(answer, dict) else None
        if message and kind is not None:
            if kind.name == "not-found":
                return missing(message)         # a missing comment, entry or course, as the call says
            if kind.name == "unavailable":
                return CourseUnavailable(f"the course is busy: {message}")
            return kind.client(message)
        if message and exc.code < 500:
            return CourseError(message)
        if exc.code in (301, 302, 303, 307, 308, 401, 403):
            return self._not_accepted(exc.code)
        if exc.code == 404:
            return CourseError(f"no course at {self.url} (HTTP 404): is the course URL right?")
        return CourseUnavailable(f"the course at {self.url} failed (HTTP {exc.code}); try again later")


def quote(part: str) -> str:
    """One path segment: a login or entry id can never step out of its place in the URL."""
    return urllib.parse.quote(str(part), safe="")


def check_url(url: str) -> str:
    """`url` with one trailing slash, or CourseError naming what is wrong with it."""
    text = (url or "").strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CourseError(f"course URL {text!r} must start with http:// or https:// and name a host "
                          "(e.g. https://hub.example.edu/services/journal/)")
    if parts.query or parts.fragment:
        raise CourseError(f"course URL {text!r} must not have a query or a fragment")
    return text.rstrip("/") + "/"


def service_url(api_url: str, token: str, name: str, *, public_hub_url: str = "") -> str:
    """The address of the hub service `name`, from the hub's API (JUPYTERHUB_API_URL) with `token`.

    Through the hub's public address when it is known (JUPYTERHUB_PUBLIC_HUB_URL), where the browser
    reaches the course too; else the service's own address, which the hub's machines reach.
    """
    hub = CourseClient(check_url(api_url), token)
    try:
        model = hub.call("GET", f"services/{quote(name)}", missing=CourseError)
    except CourseError as exc:
        raise CourseError(f"the hub at {api_url} did not give the address of its service {name!r} ({exc}); "
                          "ask the course team for the course URL and run 'journal course join URL'") from None
    prefix = (model or {}).get("prefix") or f"/services/{name}/"
    if public_hub_url.strip():
        public = urllib.parse.urlsplit(check_url(public_hub_url))
        return f"{public.scheme}://{public.netloc}{prefix}"
    if (model or {}).get("url"):
        return check_url(model["url"].rstrip("/") + prefix)
    raise CourseError(f"the hub's service {name!r} has no address: is it running?")
