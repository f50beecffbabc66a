"""Who a request through the real hub speaks for: a token only when the hub accepts it, never the cookie after a
bad one; the OAuth callback's answers carry the security headers; no token reaches the hub's log."""

import html
import re

import pytest
import requests

from journal.course.server.guard import PAGE_CSP

pytestmark = pytest.mark.slow
SECURITY = {"content-security-policy": PAGE_CSP, "x-frame-options": "DENY", "x-content-type-options": "nosniff"}


def notebook(entry_id, title):
    return {"nbformat": 4, "nbformat_minor": 5, "cells": [
        {"cell_type": "markdown", "id": "c1", "metadata": {}, "source": "What I noticed this week."}],
        "metadata": {"journal": {"id": entry_id, "title": title, "date": "2026-10-05", "tags": [],
                                 "status": "published", "author": "Someone", "references": ""}}}


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


def page_xsrf(session, url) -> str:
    return html.unescape(re.search(r'name="_xsrf" value="([^"]+)"', session.get(url, timeout=60).text).group(1))


def test_a_bogus_token_beside_the_hub_cookie_is_refused_and_stores_nothing(hub):
    author = hub.user("iris")
    shared = hub.http("PUT", f"{hub.service_url}api/entries/iris/week-one", token=author,
                      data=notebook("week-one", "Week one"))
    assert shared.status == 200, shared.body[:300]                    # `journal share`: the token alone
    api = f"{hub.service_url}api/comments/iris"
    jonas = signed_in(hub, "jonas")
    xsrf = page_xsrf(jonas, f"{hub.service_url}j/iris/week-one")
    bogus = {"Authorization": "token bogus"}

    tries = {
        "bogus token, cookie": jonas.post(api, json={"entry_id": "week-one", "body": "Forged 1"}, headers=bogus),
        "bogus token, cookie and XSRF": jonas.post(api, json={"entry_id": "week-one", "body": "Forged 2"},
                                                   headers={**bogus, "X-XSRFToken": xsrf}),
        "bogus token, the page's form": jonas.post(f"{hub.service_url}j/iris/week-one/comment", headers=bogus,
                                                   data={"body": "Forged 3"}, allow_redirects=False),
        "cookie, no XSRF": jonas.post(api, json={"entry_id": "week-one", "body": "Forged 4"}),
    }
    assert {name: r.status_code for name, r in tries.items()} == dict.fromkeys(tries, 403)
    stored = hub.http("GET", f"{api}?status=all", token=author)
    assert stored.status == 200 and stored.json() == [], "nothing stored, under anyone's name"

    by_token = hub.http("POST", api, token=hub.user("jonas"), data={"entry_id": "week-one", "body": "Mine."})
    assert by_token.status == 201, by_token.body[:300]
    assert by_token.json()["author_name"] == "jonas"
    assert jonas.get(f"{hub.service_url}api/whoami", headers=bogus, timeout=60).status_code == 403, \
        "a bad token is not the cookie's owner when reading either"


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


def test_no_users_token_reaches_the_hubs_log(hub):
    token = hub.user("lena")
    assert hub.http("GET", f"{hub.service_url}api/whoami?token={token}").status == 403   # hub tokens go in headers
    assert hub.http("POST", f"{hub.service_url}api/comments/lena?token={token}&_xsrf={token}",
                    data={"entry_id": "x", "body": "x"}).status == 403
    assert hub.http("GET", f"{hub.service_url}j/nobody/nothing?token={token}").status == 302

    # Through the hub's login and back: the browser ends where it asked to go, without the token.
    browser = signed_in(hub, "lena", path=f"j/lena/?token={token}&tab=x")
    assert browser.landed.url == f"{hub.service_url}j/lena/?tab=x"
    assert browser.get(f"{hub.service_url}j/nobody/nothing?token={token}", timeout=60).status_code == 404

    logged = hub.log.read_text(errors="replace")
    assert "GET /services/journal/api/whoami?token=[secret]" in logged, "the failing requests are logged"
    assert token not in logged
