"""Who is asking: the hub's identity (OAuth cookie or hub token), or a standalone token; never the client's word.

Standalone (no hub): a person's token is `LOGIN:SIGNATURE`, signed with the course's secret
(`journal course token LOGIN` prints one). A browser brings it once as `?token=`, then a cookie; a link
with another person's token, opened while signed in, asks before switching (switch.html).
Behind the hub, a token in the request speaks for it only if the hub accepts it; a bad one is never
followed by a look at the cookie.
The single-journal mode (`journal serve`) has at most one shared token and anonymous visitors.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from urllib.parse import urlencode

from tornado import web

from ...environment import environment
from ..errors import NotAllowed

SECRET_FILE = ".secret"
COOKIE = "journal-course-login"
def hub_environment(environ=None) -> bool:
    """True when started by JupyterHub as a managed service (its JUPYTERHUB_* variables are set)."""
    return environment(environ).under_hub


def course_secret(course_dir: Path) -> str:
    """The course's signing secret, made on first use and readable by its owner only."""
    path = Path(course_dir) / SECRET_FILE
    if not path.is_file():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="utf-8").strip()


def issue_token(secret: str, login: str) -> str:
    return f"{login}:{_sign(secret, login)}"


def login_for_token(secret: str, token: str) -> str | None:
    """The login a standalone token was issued to, or None."""
    login, _, signature = (token or "").rpartition(":")
    if login and hmac.compare_digest(signature, _sign(secret, login)):
        return login
    return None


def _sign(secret: str, login: str) -> str:
    return hmac.new(secret.encode(), login.encode(), hashlib.sha256).hexdigest()[:32]


def header_token(handler) -> str:
    """The token in `Authorization: token …` (or `bearer …`), or ''."""
    scheme, _, value = handler.request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") else ""


def request_token(handler) -> str:
    """A token from `Authorization: token …` or `?token=`."""
    return header_token(handler) or handler.get_query_argument("token", "")


def address_without_token(request) -> str:
    """The address asked for, its `?token=` left out: for the address bar, and for the hub's log (its `next`)."""
    args = {k: v[-1].decode() for k, v in request.query_arguments.items() if k != "token"}
    return request.path + ("?" + urlencode(args) if args else "")


class StandaloneIdentity:
    """get_current_user for standalone servers: {"name", "groups", "token"} or None."""

    def get_current_user(self):
        conf = self.settings["journal"]
        token = request_token(self)
        if conf.single:
            if not conf.shared_token:
                return {"name": "", "groups": [], "token": False}
            if token and hmac.compare_digest(token, conf.shared_token):
                return {"name": "", "groups": [], "token": True}
            if self.signed_in_as() == "visitor":
                return {"name": "", "groups": [], "token": False}
            return None
        if token:
            login = login_for_token(conf.secret, token)
            return {"name": login, "groups": [], "token": True} if login else None
        cookie = self.signed_in_as()
        return {"name": cookie, "groups": [], "token": False} if cookie else None

    def signed_in_as(self) -> str:
        """The login this browser's cookie names ("visitor" in single-journal mode), whatever a token says; or ''."""
        cookie = self.get_signed_cookie(COOKIE, max_age_days=1)
        return cookie.decode() if cookie else ""

    def remember(self, login: str) -> None:
        self.set_signed_cookie(COOKIE, login or "visitor", expires_days=1, httponly=True, samesite="Strict")

    def remember_browser(self):
        """After a `?token=` visit: a cookie, so the token need not stay in the address bar."""
        user = self.current_user
        if user and user.get("token") and self.get_query_argument("token", ""):
            self.remember(user["name"])
            return True
        return False

    def offer_switch(self) -> bool:
        """Signed in as one person, a `?token=` link for another: a page asks before switching (True), and
        until its button is pressed this browser stays who it was. A link someone sends must not quietly make
        you post as them, nor them as you."""
        conf = self.settings["journal"]
        token = self.get_query_argument("token", "")
        link = login_for_token(conf.secret, token) if token and not conf.single else None
        current = self.signed_in_as()
        if not link or not current or link == current:
            return False
        self.render("switch.html", page_title="Switch person?", conf=conf, person=None, token=token,
                    current=conf.access.person(current).name, other=conf.access.person(link).name,
                    back=address_without_token(self.request))
        return True

    def switch_person(self) -> None:
        """The switch page's button (a POST with its XSRF token): sign in as the token's person, go back."""
        conf = self.settings["journal"]
        login = login_for_token(conf.secret, self.get_body_argument("token", ""))
        if not login or conf.single:
            raise web.HTTPError(403, "switch without a token of this course")
        self.remember(login)
        back = self.get_body_argument("back", "")
        local = back.startswith(conf.url()) and not back.startswith(("//", "/\\"))
        self.redirect(back if local else conf.url(), status=303)

    def token_authenticated(self) -> bool:
        return bool(header_token(self)) and bool(self.current_user) and bool(self.current_user.get("token"))

    def check_xsrf_cookie(self):
        # A request carrying its token in a header cannot be forged by another site's form.
        if self.token_authenticated():
            return
        super().check_xsrf_cookie()


def hub_handler(handler):
    """`handler` behind the hub's OAuth (HubOAuthenticated), where a token in the header speaks for itself.

    Tornado checks XSRF before anyone has asked the hub who is calling, so HubOAuth's own exemption for
    token requests never applies, and `journal share` (a PUT with the student's token) was refused. A
    header cannot come from another site's form, but only a token the hub accepts exempts the request: with
    a bad one, the hub's cookie beside it is not asked (403), or any page could post as the cookie's owner
    by adding `Authorization: token junk`.
    """
    from jupyterhub.services.auth import HubOAuthenticated

    class HubIdentity(HubOAuthenticated, handler):
        def brought_token(self) -> str:
            """The token the request brings (its header; `?token=` only where the hub allows it), as HubAuth reads it."""
            return self.hub_auth.get_token(self, in_cookie=False)

        def token_user(self):
            """The hub's user for the brought token, or None (HubAuth caches the hub's answer)."""
            return self.hub_auth.user_for_token(self.brought_token(), session_id=self.hub_auth.get_session_id(self))

        def get_current_user(self):
            if self.brought_token() and self.token_user() is None:
                return None                         # never the cookie after a bad token
            model = super().get_current_user()
            lti = self.settings["journal"].lti
            if model and lti is not None and lti.enabled:
                try:
                    model = lti.person_model(model, self.hub_auth.get_token(self))
                except NotAllowed as exc:   # a launch from another LMS course, a person off the roster
                    self.lti_refusal = exc  # shown by BaseHandler.prepare; to every other check, nobody
                    return None
            return model

        def check_xsrf_cookie(self):
            if not self.brought_token():
                return HubOAuthenticated.check_xsrf_cookie(self)
            if self.token_user() is None:
                raise web.HTTPError(403, "a token the hub does not know")

    HubIdentity.__name__ = HubIdentity.__qualname__ = handler.__name__
    return HubIdentity
