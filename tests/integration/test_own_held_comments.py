"""After posting on the web, the browser keeps the writer's name and e-mail, and shows the writer (and nobody
else) their own held comment marked "awaiting moderation": on `journal serve` and on the course."""

import re

import pytest
import requests

from course_server import entry_notebook, start_course
from journal.course.server.ports import free_port
from journal.course.single import journal_login

pytestmark = pytest.mark.slow
ENTRY = "joining-up-care-means-learning-together"
AWAITING = "Your comment is awaiting moderation."


def post_form(session, page_url, data):
    page = session.get(page_url, timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    origin = re.match(r"https?://[^/]+", page_url).group(0)
    return session.post(page_url + "/comment", data={"_xsrf": xsrf, **data}, headers={"Origin": origin},
                        allow_redirects=False, timeout=60)


def unescaped(response):
    return response.text.replace("&#x27;", "'")


@pytest.fixture(scope="module")
def served(tmp_path_factory, server_process):
    from journal.demo import build

    journal = build(tmp_path_factory.mktemp("own-held") / "demo")
    port = free_port()
    server_process(["serve", "--dir", journal.path, "--port", port, "--no-browser"], port)
    return journal, f"http://127.0.0.1:{port}/j/{journal_login(journal)}/{ENTRY}"


def test_serve_remembers_the_writer_and_shows_them_alone_their_held_comment(served):
    journal, url = served
    writer, other = requests.Session(), requests.Session()
    posted = post_form(writer, url, {"name": "Priya Visitor", "email": "priya@example.org",
                                     "body": "A first thought, <b>held</b> for now."})
    assert posted.status_code == 303
    cookie = next(c for c in writer.cookies if c.name == "journal-commenter")
    assert cookie.get_nonstandard_attr("SameSite") == "Lax" and not cookie.secure
    [held] = journal.comments.frame(status="pending")["id"].tolist()[-1:]

    mine = writer.get(url, timeout=60).text
    assert AWAITING in mine and "A first thought, &lt;b&gt;held&lt;/b&gt; for now." in mine
    assert 'value="Priya Visitor"' in mine and 'value="priya@example.org"' in mine

    theirs = other.get(url, timeout=60).text
    assert "A first thought" not in theirs and AWAITING not in theirs and "priya@example.org" not in theirs
    # The held comments' cookie, taken to another browser, names nothing there: it belongs to the writer's.
    other.cookies.set("journal-held", writer.cookies.get("journal-held"), domain="127.0.0.1", path="/")
    assert "A first thought" not in other.get(url, timeout=60).text

    journal.comments.approve(held)       # once approved it is in the thread, for everyone, and no longer marked
    assert AWAITING not in writer.get(url, timeout=60).text
    assert "A first thought" in other.get(url, timeout=60).text


@pytest.fixture(scope="module")
def course(tmp_path_factory, server_process):
    course = start_course("folder", tmp_path_factory.mktemp("course") / "course", server_process)
    assert course["ada"].api("PUT", "entries/ada/week-one", entry_notebook("week-one", "Week one")).ok
    return course


def test_the_course_shows_a_hub_user_their_own_pending_comment_and_nobody_else(course):
    cal, bob, ada = course["cal"], course["bob"], course["ada"]
    posted = cal.form("j/ada/week-one/comment", {"body": "Cal's held thought.", "email": "cal@example.org"})
    assert posted.status_code == 303
    [pending] = [c for c in ada.api("GET", "comments/ada", params={"status": "pending"}).json()]
    assert pending["body"] == "Cal's held thought."

    mine = unescaped(cal.page("j/ada/week-one"))
    assert AWAITING in mine and "Cal's held thought." in mine and 'value="cal@example.org"' in mine
    assert "Cal's held thought." not in unescaped(bob.page("j/ada/week-one"))
    # Cal's cookies in Bob's browser: Bob is still Bob (the hub user), and sees nothing of Cal's.
    for name in ("journal-held", "journal-commenter"):
        bob.session.cookies.set(name, cal.session.cookies.get(name), domain="127.0.0.1", path="/")
    stolen = unescaped(bob.page("j/ada/week-one"))
    assert "Cal's held thought." not in stolen and AWAITING not in stolen
