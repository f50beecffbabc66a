"""What a peer can read of other people's comments, through every route, on both course backends.

A peer reads approved comments without e-mail addresses, moderators' logins or the rules' reasons, and
nothing at all of an entry they may not read (a withdrawn one): its comments, single comments and counts
answer exactly as for an entry or a comment that does not exist.
"""

import pytest

from course_server import STORES, entry_notebook, post, start_course
from journal.comments.privacy import PEER_FIELDS
from journal.course.client import CourseClient
from journal.course.remote_store import CourseCommentStore
from journal.settings import Settings

pytestmark = pytest.mark.slow
EMAIL = "cal.commenter@example.org"
COMMENTERS = {"open": ("cal", EMAIL), "withdrawn": ("cleo", "cleo@example.org")}


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    course = start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                          lambda: request.getfixturevalue("pg_new_database")())
    ada, tina = course["ada"], course["tina"]
    for entry_id in ("open", "withdrawn"):
        assert ada.api("PUT", f"entries/ada/{entry_id}", entry_notebook(entry_id, entry_id.title())).ok
    ids = {}
    for entry_id in ("open", "withdrawn"):
        login, email = COMMENTERS[entry_id]
        ids[entry_id] = post(course["as"](login), "ada", entry_id, f"Cal on {entry_id}.", email=email).json()["id"]
        assert ada.api("POST", f"comments/ada/{ids[entry_id]}/approve").ok
        ids[entry_id + "-reply"] = post(tina, "ada", entry_id, f"Tina answers on {entry_id}.",
                                        reply_to=ids[entry_id], email="tina@example.org").json()["id"]
    ids["pending"] = post(course["as"]("dora"), "ada", "open", "Dora waits.", email="dora@example.org").json()["id"]
    assert ada.api("DELETE", "entries/ada/withdrawn").status_code == 204
    course["ids"] = ids
    return course


def comment_routes(ids):
    """(name, path, params) of every API route that answers with comments."""
    return [("list", "comments/ada", None), ("list of an entry", "comments/ada", {"entry": "open"}),
            ("thread", "comments/ada/thread/open", None), ("one comment", f"comments/ada/{ids['open']}", None)]


@pytest.mark.parametrize("who", ["bob", "ada", "tina"])
def test_every_comment_route_answers_with_the_fields_the_role_may_read(course, who):
    client = course[who]
    for name, path, params in comment_routes(course["ids"]):
        r = client.api("GET", path, params=params)
        assert r.status_code == 200, (name, r.text)
        records = r.json() if isinstance(r.json(), list) else [r.json()]
        assert records, name
        for record in records:
            keys = set(record) - {"depth"}
            if who == "bob":
                assert keys == set(PEER_FIELDS), name
            else:
                assert {"author_email", "status_by", "reason"} <= keys, name
        if who == "bob":
            assert "@example.org" not in r.text, name
        elif name != "thread":
            assert EMAIL in r.text, name


def test_a_peers_own_new_comment_comes_back_with_peer_fields_only(course):
    r = post(course["as"]("gus"), "ada", "open", "Gus leaves a thought.", email="gus@example.org")
    assert r.status_code == 201 and set(r.json()) == set(PEER_FIELDS)


def test_the_entry_page_and_the_panels_over_http_show_no_email_to_a_peer(course):
    bob = course["bob"]
    page = bob.page("j/ada/open")
    assert page.status_code == 200 and "Cal on open." in page.text and EMAIL not in page.text
    store = CourseCommentStore(CourseClient(course["base"], bob.token), "ada", Settings(title="t", author="a"))
    assert store.role == "peer"
    frame = store.frame(status="approved")
    assert len(frame) and set(frame["author_email"]) == {""} and set(frame["status_by"]) == {""}
    assert store.get(course["ids"]["open"]).author_email == ""
    assert set(store.thread("open")["reason"]) == {""}


def test_a_withdrawn_entrys_comments_and_counts_look_missing_to_a_peer(course):
    bob, ada, tina, ids = course["bob"], course["ada"], course["tina"], course["ids"]
    missing_entry = bob.api("GET", "comments/ada", params={"entry": "never-shared"})
    missing_comment = bob.api("GET", "comments/ada/00000000000000-000000")
    assert missing_entry.status_code == 404 and missing_comment.status_code == 404
    for path, params, like in [("comments/ada", {"entry": "withdrawn"}, missing_entry),
                               ("comments/ada/thread/withdrawn", None, missing_entry),
                               ("comments/ada/counts", {"entry": "withdrawn"}, missing_entry),
                               ("comments/ada/counts", {"entry": "never-shared"}, missing_entry),
                               (f"comments/ada/{ids['withdrawn']}", None, missing_comment),
                               (f"comments/ada/{ids['withdrawn-reply']}", None, missing_comment),
                               (f"comments/ada/{ids['pending']}", None, missing_comment)]:
        r = bob.api("GET", path, params=params)
        assert (r.status_code, r.json()) == (like.status_code, like.json()), (path, params)
    listed = bob.api("GET", "comments/ada").json()
    assert {c["entry_id"] for c in listed} == {"open"}
    assert set(bob.api("GET", "comments/ada/counts").json()) == {"open"}
    assert bob.api("GET", "entries/ada/withdrawn").status_code == 404
    assert bob.page("j/ada/withdrawn").status_code == 404
    # The author and tutors still read all of it.
    for moderator in (ada, tina):
        assert moderator.api("GET", f"comments/ada/{ids['withdrawn']}").json()["author_email"] == "cleo@example.org"
        assert moderator.api("GET", "comments/ada/counts", params={"entry": "withdrawn"}).json()["approved"] == 2
        assert {c["entry_id"] for c in moderator.api("GET", "comments/ada").json()} == {"open", "withdrawn"}


def test_earlier_versions_look_missing_to_a_peer(course):
    ada, bob = course["ada"], course["bob"]
    assert ada.api("PUT", "entries/ada/open", entry_notebook("open", "Open", body="Revised.")).json()["version"] == 2
    missing = bob.api("GET", "entries/ada/never-shared")
    for path in ("entries/ada/open?version=1", "entries/ada/open/versions", "entries/ada/never-shared/versions"):
        r = bob.api("GET", path)
        assert (r.status_code, r.json()) == (missing.status_code, missing.json()), path
    assert bob.api("GET", "entries/ada/open?version=2").status_code == 200
    assert ada.api("GET", "entries/ada/open?version=1").status_code == 200
