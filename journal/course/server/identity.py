"""Who is asking: the hub's identity (OAuth cookie or hub token), or a standalone token; never the client's word.

Standalone (no hub): a person's token is `LOGIN:SIGNATURE`, signed with the course's secret
(`journal course token LOGIN` prints one). A browser brings it once as `?token=`, then a cookie.
The single-journal mode (`journal serve`) has at most one shared token and anonymous visitors.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = ".secret"
COOKIE = "journal-course-login"
HUB_ENV = ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX", "JUPYTERHUB_API_URL")


def hub_environment(environ=None) -> bool:
    """True when started by JupyterHub as a managed service (its JUPYTERHUB_* variables are set)."""
    env = os.environ if environ is None else environ
    return all(env.get(name) for name in HUB_ENV)


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


def request_token(handler) -> str:
    """A token from `Authorization: token …` or `?token=`."""
    auth = handler.request.headers.get("Authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() in ("token", "bearer") and value.strip():
        return value.strip()
    return handler.get_query_argument("token", "")


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
            if self.get_signed_cookie(COOKIE, max_age_days=1) == b"visitor":
                return {"name": "", "groups": [], "token": False}
            return None
        if token:
            login = login_for_token(conf.secret, token)
            return {"name": login, "groups": [], "token": True} if login else None
        cookie = self.get_signed_cookie(COOKIE, max_age_days=1)
        return {"name": cookie.decode(), "groups": [], "token": False} if cookie else None

    def remember_browser(self):
        """After a `?token=` visit: a cookie, so the token need not stay in the address bar."""
        user = self.current_user
        if user and user.get("token") and self.get_query_argument("token", ""):
            self.set_signed_cookie(COOKIE, user["name"] or "visitor", expires_days=1, httponly=True,
                                   samesite="Strict")
            return True
        return False

    def token_authenticated(self) -> bool:
        auth = self.request.headers.get("Authorization", "")
        return bool(auth) and bool(self.current_user) and bool(self.current_user.get("token"))

    def check_xsrf_cookie(self):
        # A request carrying its token in a header cannot be forged by another site's form.
        if self.token_authenticated():
            return
        super().check_xsrf_cookie()



def hub_handler(handler):
    """`handler` behind the hub's OAuth (HubOAuthenticated); a hub token in the header needs no XSRF token.

    Tornado checks XSRF before anyone has asked the hub who is calling, so HubOAuth's own exemption for
    token requests never applies, and `journal share` (a PUT with the student's token) was refused. A
    header cannot come from another site's form, and a bad token is refused by the hub anyway.
    """
    from jupyterhub.services.auth import HubOAuthenticated

    def check_xsrf_cookie(self):
        if self.request.headers.get("Authorization", "").lower().startswith(("token ", "bearer ")):
            return
        HubOAuthenticated.check_xsrf_cookie(self)

    return type(handler.__name__, (HubOAuthenticated, handler), {"check_xsrf_cookie": check_xsrf_cookie})
