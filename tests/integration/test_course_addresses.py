"""A journal lives at j/LOGIN/ on the course, whatever the login: a student called `tutor`, `moderate` or
`login` has a journal like anyone's, and the addresses from before j/ are sent on (on both backends)."""

import re

import pytest

from course_server import STORES, entry_notebook, start_course

pytestmark = pytest.mark.slow
ROUTE_NAMES = ("tutor", "moderate", "login", "api")


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    course = start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                          lambda: request.getfixturevalue("pg_new_database")())
    for login in ROUTE_NAMES:
        assert course["as"](login).api("PUT", f"entries/{login}/my-week",
                                       entry_notebook("my-week", f"The week of {login}")).ok
    return course


@pytest.mark.parametrize("login", ROUTE_NAMES)
def test_a_login_named_like_a_page_has_a_journal_like_anyones(course, login):
    bob, owner = course["as"](f"reader-of-{login}"), course["as"](login)     # one reader each: the flood rule
    index = bob.page(f"j/{login}/")
    assert index.status_code == 200 and f"The week of {login}" in index.text
    entry = bob.page(f"j/{login}/my-week")
    assert entry.status_code == 200 and f"The week of {login}" in entry.text
    posted = bob.form(f"j/{login}/my-week/comment", {"body": f"A reader of {login}'s week."},
                      from_page=f"j/{login}/my-week")
    assert posted.status_code == 303 and posted.headers["Location"].endswith(f"/j/{login}/my-week#comment-form")
    pending = owner.api("GET", f"comments/{login}", params={"status": "pending"}).json()
    assert [c["body"] for c in pending] == [f"A reader of {login}'s week."]
    assert f'href="/j/{login}/my-week"' in bob.page("").text


def test_the_addresses_from_before_are_sent_on(course):
    bob = course["bob"]
    assert course["ada"].api("PUT", "entries/ada/week-one", entry_notebook("week-one", "Week one")).ok
    old = bob.page("ada/week-one", allow_redirects=False)
    assert old.status_code == 301 and re.search(r"/j/ada/week-one\?token=", old.headers["Location"])
    assert bob.page("ada/week-one").status_code == 200 and "Week one" in bob.page("ada/").text
    form = bob.page("j/ada/week-one").text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    r = bob.session.post(course["base"] + "ada/week-one/comment", data={"_xsrf": xsrf, "body": "Posted to the old "
                         "address."}, headers={"Origin": course["base"].rstrip("/")}, allow_redirects=False)
    assert r.status_code == 308 and r.headers["Location"].endswith("/j/ada/week-one/comment")
