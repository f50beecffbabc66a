"""What a request through the real hub gets: the OAuth callback's answers carry the security headers."""

import html
import re

import pytest
import requests

from journal.course.server.guard import PAGE_CSP

pytestmark = pytest.mark.slow
SECURITY = {"content-security-policy": PAGE_CSP, "x-frame-options": "DENY", "x-content-type-options": "nosniff"}


def signed_in(hub, login, path="") -> requests.Session:
    """A browser's cookies, as the hub's login form (DummyAuthenticator) and its OAuth round trip leave them."""
    session = requests.Session()
    session.trust_env = False                 # no proxy between the tests and 127.0.0.1
    login_page = session.get(hub.service_url + path, timeout=60)
    assert "/hub/login" in login_page.url, login_page.url
    xsrf = html.unescape(re.search(r'name="_xsrf" value="([^"]+)"', login_page.text).group(1))
    landed = session.post(login_page.url, data={"username": login, "password": "anything", "_xsrf": xsrf},
                          timeout=60)
    assert landed.url.startswith(hub.service_url), landed.url
    session.landed = landed
    return session


def test_the_oauth_callbacks_refusals_and_redirects_carry_the_security_headers(hub):
    callback = f"{hub.service_url}oauth_callback"
    no_code = hub.http("GET", f"{callback}?state=whatever")
    bad_state = hub.http("GET", f"{callback}?code=made-up&state=made-up")
    stale = signed_in(hub, "kofi").get(f"{callback}?code=made-up&state=stale", allow_redirects=False, timeout=60)
    answers = [(no_code.status, no_code.headers), (bad_state.status, bad_state.headers),
               (stale.status_code, stale.headers)]
    assert [status for status, _ in answers] == [400, 403, 302]
    for status, headers in answers:
        named = {name.lower(): value for name, value in headers.items()}     # the proxy sends them lower-case
        assert {name: named.get(name) for name in SECURITY} == SECURITY, status
