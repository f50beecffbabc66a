"""Feedback and participation on the course server: authors see released feedback on their entry page,
peers never see any, tutors get a feedback page (release all held) and the participation report."""

import re

import pytest
import requests

from journal.comments.protocol import Actor
from journal.course.server.identity import course_secret, issue_token
from journal.course.server.ports import free_port
from journal.feedback.settings import FeedbackSettings

pytestmark = pytest.mark.slow
RELEASED = "Released <b>feedback</b> for Ada"
HELD = "Held feedback, tutors only"


class Person:
    def __init__(self, base, login, secret):
        self.base, self.token, self.session = base, issue_token(secret, login), requests.Session()

    def page(self, path=""):
        return self.session.get(self.base + path, params={"token": self.token}, timeout=120)

    def put(self, path, payload):
        return requests.put(self.base + "api/" + path, json=payload, timeout=120,
                            headers={"Authorization": f"token {self.token}"})


@pytest.fixture(scope="module")
def course(tmp_path_factory, server_process):
    from journal.course.settings import create
    from journal.course.store import FolderCourseStore

    folder = tmp_path_factory.mktemp("course-feedback") / "course"
    create(folder, title="Reflective practice", tutors=["tina"])
    port = free_port()
    server_process(["course", "serve", "--dir", folder, "--port", port], port)
    base = f"http://127.0.0.1:{port}/"
    people = {login: Person(base, login, course_secret(folder)) for login in ("ada", "bob", "tina")}
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
        "id": "week-one", "title": "Week one", "date": "2026-10-05", "tags": [], "status": "published",
        "author": "Ada", "references": ""}},
        "cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": "Some thoughts."}]}
    assert people["ada"].put("entries/ada/week-one", notebook).status_code == 200
    feedback = FolderCourseStore(folder).comments("ada", Actor("tina", "tutor")).feedback(FeedbackSettings())
    feedback.add("week-one", RELEASED, release=True)
    feedback.add("week-one", HELD)
    return people


def test_author_sees_released_feedback_peer_sees_none(course):
    ada = course["ada"].page("ada/week-one").text
    assert "Feedback from your tutor" in ada and "Released &lt;b&gt;feedback&lt;/b&gt; for Ada" in ada
    assert HELD not in ada
    bob = course["bob"].page("ada/week-one")
    assert bob.status_code == 200 and "Some thoughts." in bob.text
    assert "feedback for Ada" not in bob.text and HELD not in bob.text and "Feedback from your tutor" not in bob.text


def test_tutor_pages_feedback_and_report(course):
    assert course["bob"].page("tutor/feedback").status_code == 403
    assert course["bob"].page("tutor/report").status_code == 403
    tina = course["tina"]
    page = tina.page("tutor/feedback").text
    assert HELD in page and "Release all 1 held pieces now" in page
    report = tina.page("tutor/report")
    assert report.status_code == 200 and "Participation: Reflective practice" in report.text
    assert "data:image/png;base64," in report.text
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    done = tina.session.post(tina.base + "tutor/feedback", data={"_xsrf": xsrf}, allow_redirects=False,
                             headers={"Origin": tina.base.rstrip("/")}, timeout=120)
    assert done.status_code in (302, 303)
    assert HELD in course["ada"].page("ada/week-one").text          # released to Ada now
    assert HELD not in course["bob"].page("ada/week-one").text
