"""Feedback on the course server, on every store backend: the JSON API (`api/feedback/`), the entry page and
the course's HTTP client store. Tutors see every piece, the author released pieces only, a peer nothing, by
any route (one test per route); tutors write, release and recall; tutors get the feedback and report pages."""

import re
from dataclasses import replace

import pytest
import requests

from journal.comments.errors import ModerationRefused
from journal.course.client import CourseClient
from journal.course.remote_store import CourseCommentStore
from journal.course.server.identity import course_secret, issue_token
from journal.course.server.ports import free_port
from journal.feedback.settings import FeedbackSettings
from journal.settings import Settings

pytestmark = pytest.mark.slow
STORES = {"folder": "journal.course.store:FolderCourseStore", "postgres": "journal.course.postgres:open_course"}
RUBRIC = FeedbackSettings(criteria=[{"name": "analysis", "levels": ["weak", "sound", "strong"]}],
                          bank=["Say what you would do differently next time."])
RELEASED = "Released <b>feedback</b> for Ada"
HELD = "Held feedback, tutors only"


class Person:
    def __init__(self, base, login, secret):
        self.base, self.login, self.token, self.session = base, login, issue_token(secret, login), requests.Session()

    def page(self, path=""):
        return self.session.get(self.base + path, params={"token": self.token}, timeout=120)

    def api(self, method, path, payload=None, **kw):
        return requests.request(method, self.base + "api/" + path, json=payload, timeout=120,
                                headers={"Authorization": f"token {self.token}"}, **kw)

    def feedback_store(self, owner="ada"):
        """The store a joined journal's panel uses: the course's HTTP client, with this person's token."""
        return CourseCommentStore(CourseClient(self.base, self.token), owner, Settings(title="A journal", author=owner)).feedback(RUBRIC)


def notebook(entry_id, title, body):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
        "id": entry_id, "title": title, "date": "2026-10-05", "tags": [], "status": "published",
        "author": "Ada", "references": ""}},
        "cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": body}]}


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    from journal.course.settings import create

    folder = tmp_path_factory.mktemp("course-feedback") / "course"
    settings = replace(create(folder, title="Reflective practice", tutors=["tina", "tom"]), feedback=RUBRIC,
                       roster="roster.csv")
    (folder / "roster.csv").write_text("login,name\nada,Ada Lovelace\ntina,Tina Khan\n", encoding="utf-8")
    if request.param == "postgres":
        settings = replace(settings, db=request.getfixturevalue("pg_new_database")())
    settings.save(folder / "course.toml")
    port = free_port()
    server_process(["course", "serve", "--dir", folder, "--port", port, "--store", STORES[request.param]], port)
    base = f"http://127.0.0.1:{port}/"
    people = {login: Person(base, login, course_secret(folder)) for login in ("ada", "bob", "tina", "tom")}
    people["as"] = lambda login: Person(base, login, course_secret(folder))
    assert people["ada"].api("PUT", "entries/ada/week-one", notebook("week-one", "Week one",
                                                                     "Some thoughts.")).status_code == 200
    tina = people["tina"]
    released = tina.api("POST", "feedback/ada", {"entry_id": "week-one", "body": RELEASED, "release": True,
                                                 "rubric": {"analysis": "sound"}})
    held = tina.api("POST", "feedback/ada", {"entry_id": "week-one", "body": HELD})
    assert (released.status_code, held.status_code) == (201, 201)
    return {**people, "released": released.json(), "held": held.json()}


def bodies(answer):
    return sorted(piece["body"] for piece in answer.json())


# -- a peer reads nothing, by any route -----------------------------------------------------------------
def test_a_peer_reads_no_feedback_through_the_api(course):
    bob, fid = course["bob"], course["released"]["id"]
    for path in ("feedback/ada", "feedback/ada?entry=week-one", "feedback/ada?entry=", f"feedback/ada/{fid}",
                 f"feedback/ada/{fid}/history"):
        answer = bob.api("GET", path)
        assert answer.status_code == 403, path
        assert "feedback for Ada" not in answer.text and HELD not in answer.text


def test_a_peer_reads_no_feedback_on_the_entry_page(course):
    bob = course["bob"].page("j/ada/week-one")
    assert bob.status_code == 200 and "Some thoughts." in bob.text
    assert "feedback for Ada" not in bob.text and HELD not in bob.text and "Feedback from your tutor" not in bob.text
    assert 'name="rubric-' not in bob.text and "Write feedback" not in bob.text


def test_a_peer_reads_no_feedback_through_the_client_store(course):
    store = course["bob"].feedback_store()
    assert store.list() == [] and store.list("week-one") == []
    with pytest.raises(ModerationRefused):      # asked anyway, the server refuses
        store._call("GET", store._path())


# -- the author: released pieces only ------------------------------------------------------------------
def test_the_author_sees_released_feedback_only(course):
    ada = course["ada"]
    assert bodies(ada.api("GET", "feedback/ada")) == [RELEASED]
    assert ada.api("GET", f"feedback/ada/{course['held']['id']}").status_code == 404
    page = ada.page("j/ada/week-one").text
    assert "Feedback from your tutor" in page and "Released &lt;b&gt;feedback&lt;/b&gt; for Ada" in page
    assert '<p class="feedback-meta">Tina Khan · <time' in page      # people read the tutor's name, not "tina"
    assert HELD not in page and "Write feedback" not in page
    mine = ada.feedback_store().list("week-one")
    assert [f.body for f in mine] == [RELEASED] and mine[0].rubric == {"analysis": "sound"}


def test_only_tutors_write_release_or_recall(course):
    for login in ("ada", "bob"):
        person = course[login]
        assert person.api("POST", "feedback/ada", {"entry_id": "week-one", "body": "Forged"}).status_code == 403
        for what in ("release", "recall"):
            assert person.api("POST", f"feedback/ada/{what}", {"ids": [course["held"]["id"]]}).status_code == 403
        with pytest.raises(ModerationRefused):
            person.feedback_store().add("week-one", "Forged")
    assert "Forged" not in str(course["tina"].api("GET", "feedback/ada").json())
    assert [f["status"] for f in course["tina"].api("GET", "feedback/ada").json()] == ["released", "held"]


# -- tutors -------------------------------------------------------------------------------------------
def test_a_tutor_writes_releases_and_recalls_through_the_api(course):
    tina, ada = course["tina"], course["ada"]
    made = tina.api("POST", "feedback/ada", {"entry_id": "week-one", "body": "Through the API.", "tutor": "mallory",
                                             "rubric": {"analysis": "strong"}})
    assert made.status_code == 201 and made.json()["tutor"] == "tina" and made.json()["status"] == "held"
    fid = made.json()["id"]
    bad = tina.api("POST", "feedback/ada", {"entry_id": "week-one", "body": "x", "rubric": {"analysis": "superb"}})
    assert bad.status_code == 400 and "superb" in bad.json()["error"]
    assert tina.api("PATCH", f"feedback/ada/{fid}", {"rubric": ["strong"]}).status_code == 400
    assert tina.api("PATCH", f"feedback/ada/{fid}", {"body": "Through the API, revised."}).json()["body"] == \
        "Through the API, revised."
    assert "Through the API, revised." not in bodies(ada.api("GET", "feedback/ada"))
    assert [f["status"] for f in tina.api("POST", "feedback/ada/release", {"ids": [fid]}).json()] == ["released"]
    assert "Through the API, revised." in bodies(ada.api("GET", "feedback/ada"))
    assert [f["status"] for f in tina.api("POST", "feedback/ada/recall", {"ids": [fid]}).json()] == ["recalled"]
    assert "Through the API, revised." not in bodies(ada.api("GET", "feedback/ada"))
    kinds = [e["kind"] for e in tina.api("GET", f"feedback/ada/{fid}/history").json()]
    assert kinds == ["feedback", "revise", "release", "recall"]
    assert tina.api("POST", "feedback/ada/release", {"ids": ["no-such-id"]}).status_code == 404


def test_a_tutor_uses_the_client_store_against_the_course(course):
    tutor, author = course["tina"].feedback_store(), course["ada"].feedback_store()
    piece = tutor.add("", "On the whole journal, from the Feedback tab.", rubric={"analysis": "weak"})
    assert piece.status == "held" and piece.tutor == "tina" and piece.entry_id == ""
    assert piece.id not in [f.id for f in author.list()]
    assert tutor.revise(piece.id, body="Revised from the tab.").body == "Revised from the tab."
    tutor.release([piece.id])
    assert [f.body for f in author.list("")] == ["Revised from the tab."]
    tutor.recall([piece.id])
    assert author.list("") == [] and tutor.get(piece.id).status == "recalled"


def test_tutor_pages_feedback_and_report(course):
    assert course["bob"].page("tutor/feedback").status_code == 403
    assert course["bob"].page("tutor/report").status_code == 403
    tina = course["tina"]
    page = tina.page("tutor/feedback").text
    assert HELD in page and re.search(r"Release all \d+ held pieces now", page)
    report = tina.page("tutor/report")
    assert report.status_code == 200 and "Participation: Reflective practice" in report.text
    assert "data:image/png;base64," in report.text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    done = tina.session.post(tina.base + "tutor/feedback", data={"_xsrf": xsrf}, allow_redirects=False,
                             headers={"Origin": tina.base.rstrip("/")}, timeout=120)
    assert done.status_code in (302, 303)
    assert HELD in course["ada"].page("j/ada/week-one").text          # released to Ada now
    assert HELD not in course["bob"].page("j/ada/week-one").text


# -- the panels of a journal that joined the course ---------------------------------------------------
def test_the_panels_of_a_joined_journal_show_the_course_feedback(course, journal):
    from widgets.feedback import FeedbackSection, FeedbackTab

    journal.new_entry("Week one", status="published")
    comments = {login: CourseCommentStore(CourseClient(course[login].base, course[login].token), "ada",
                                          journal.settings) for login in ("ada", "bob", "tina")}
    assert FeedbackSection.for_panel(journal, "week-one", comments["bob"]) is None
    assert FeedbackTab.for_panel(journal, comments["ada"]) is None
    mine = FeedbackSection.for_panel(journal, "week-one", comments["ada"]).body.value
    assert "Feedback from your tutor" in mine and "Released &lt;b&gt;feedback&lt;/b&gt; for Ada" in mine
    tab = FeedbackTab.for_panel(journal, comments["tina"])
    assert set(tab.levels) == {"analysis"} and RUBRIC.bank[0] in str(tab.bank.options)   # the course's rubric
    tab.choose("week-one")
    tab.set_level("analysis", "strong")
    tab.text.value = "Written in the Feedback tab."
    tab.hold()
    assert tab.message_ok, tab.last_message
    held = [f for f in comments["tina"].feedback(None).list("week-one") if f.body == "Written in the Feedback tab."]
    assert [(f.status, f.rubric) for f in held] == [("held", {"analysis": "strong"})]
    assert "Written in the Feedback tab." not in FeedbackSection.for_panel(journal, "week-one",
                                                                           comments["ada"]).body.value
    tab.release([held[0].id])
    assert "Written in the Feedback tab." in FeedbackSection.for_panel(journal, "week-one",
                                                                       comments["ada"]).body.value


# -- the tutors' form on the entry page ----------------------------------------------------------------
def form_post(person, data):
    page = person.page("j/ada/week-one").text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    return person.session.post(person.base + "j/ada/week-one/feedback", data={"_xsrf": xsrf, **data},
                               allow_redirects=False, timeout=120,
                               headers={"Origin": person.base.rstrip("/")})


def test_a_tutor_writes_feedback_with_the_form_on_the_entry_page(course):
    tina, ada = course["tina"], course["ada"]
    page = tina.page("j/ada/week-one").text
    assert "Write feedback" in page and 'name="rubric-analysis"' in page
    assert page.count('<textarea name="body"') == 1          # the comment form's; the feedback form's has its own
    assert all(f'<option value="{level}">' in page for level in ("weak", "sound", "strong"))
    assert RUBRIC.bank[0] in page
    done = form_post(tina, {"action": "add", "on": "entry", "rubric-analysis": "strong", "bank": "0",
                            "feedback": "Written <i>in the form</i>.", "tutor": "mallory"})
    assert done.status_code == 303
    mine = [f for f in tina.api("GET", "feedback/ada?entry=week-one").json() if "in the form" in f["body"]]
    assert [(f["body"], f["rubric"], f["status"], f["tutor"]) for f in mine] == [
        (f"{RUBRIC.bank[0]} Written <i>in the form</i>.", {"analysis": "strong"}, "held", "tina")]
    assert "in the form" not in ada.page("j/ada/week-one").text
    assert "Written &lt;i&gt;in the form&lt;/i&gt;." in tina.page("j/ada/week-one").text     # escaped
    assert form_post(tina, {"action": "release", "id": mine[0]["id"]}).status_code == 303
    assert "Written &lt;i&gt;in the form&lt;/i&gt;." in ada.page("j/ada/week-one").text
    assert "in the form" not in course["bob"].page("j/ada/week-one").text
    assert form_post(tina, {"action": "recall", "id": mine[0]["id"]}).status_code == 303
    assert "in the form" not in ada.page("j/ada/week-one").text
    wrong = form_post(tina, {"action": "add", "rubric-analysis": "superb", "feedback": "x"})
    assert wrong.status_code == 400 and "superb" in wrong.text


def test_only_tutors_post_the_feedback_form(course):
    for login in ("ada", "bob"):
        answer = form_post(course[login], {"action": "add", "feedback": "Forged in a form"})
        assert answer.status_code == 403
    tina = course["tina"]
    no_xsrf = tina.session.post(tina.base + "j/ada/week-one/feedback", data={"action": "add", "feedback": "No XSRF"},
                                allow_redirects=False, timeout=120, headers={"Origin": tina.base.rstrip("/")})
    assert no_xsrf.status_code == 403
    found = str(tina.api("GET", "feedback/ada").json())
    assert "Forged in a form" not in found and "No XSRF" not in found


def test_two_tutors_releasing_at_once_while_students_post_release_each_piece_once(course):
    """Releasing goes through each journal's writer thread and lock, as every other write does."""
    from concurrent.futures import ThreadPoolExecutor

    tina, tom, ada = course["tina"], course["tom"], course["ada"]
    held = [tina.api("POST", "feedback/ada", {"entry_id": "week-one", "body": f"Held piece {n}."}).json()["id"]
            for n in range(6)]
    forms = {}
    for tutor in (tina, tom):
        page = tutor.page("tutor/feedback").text
        forms[tutor.login] = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)

    def release(tutor):
        return tutor.session.post(tutor.base + "tutor/feedback", data={"_xsrf": forms[tutor.login]},
                                  allow_redirects=False, headers={"Origin": tutor.base.rstrip("/")}, timeout=120)

    def comment(n):
        return course["as"](f"poster{n}").api("POST", "comments/ada", {"entry_id": "week-one",
                                                                       "body": f"A thought from poster {n}."})

    with ThreadPoolExecutor(8) as pool:
        releases = [pool.submit(release, t) for t in (tina, tom)]
        posts = [pool.submit(comment, n) for n in range(5)]
        assert [f.result().status_code for f in releases] == [302, 302]
        assert [f.result().status_code for f in posts] == [201] * 5
    for fid in held:
        history = tina.api("GET", f"feedback/ada/{fid}/history").json()
        assert [h["kind"] for h in history].count("release") == 1, fid
    bodies_posted = {c["body"] for c in ada.api("GET", "comments/ada", params={"status": "pending"}).json()}
    assert {f"A thought from poster {n}." for n in range(5)} <= bodies_posted

