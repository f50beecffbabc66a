"""Marks from the course into the LMS's gradebook, as people do it: in Chromium, Ada and Bob launch from the
platform (lms.py) into the real hub, Bob comments on Ada's entry, Tina approves it, writes and releases feedback
with a rubric level (and holds another piece), syncs the roster and pushes the marks; the platform then holds
the scores course.toml's [grades] gives (lti_course.GRADES). Then the CLI's push, failing and dry."""

import copy
import re

import pytest

from journal.course.client import CourseClient
from journal.course.store import FolderCourseStore

from . import lti_course
from .lti_course import launch

pytestmark = pytest.mark.slow
LOCAL = "http://127.0.0.1:"             # the platform and the hub; anything else is aborted
WEEK_ONE = {"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"journal": {
    "id": "week-1", "title": "Week one", "date": "2026-10-01", "status": "published", "tags": ["reflection"]}}}


def entry(entry_id, title):
    notebook = copy.deepcopy(WEEK_ONE)
    notebook["metadata"]["journal"].update(id=entry_id, title=title)
    return notebook


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    lms, hub, stop = lti_course.start(tmp_path_factory.mktemp("lti-gradebook"))
    yield lms, hub
    stop()


def launched(browser, lms, hub, user):
    """A person's own browser, after clicking the tool's link in the LMS course: on the course page."""
    from browser_settings import new_tab
    page = new_tab(browser, LOCAL)
    page.goto(f"{lms.url}/launch?user={user}")
    page.wait_for_url(hub.service_url)
    return page


def flash(page) -> str:
    return page.locator("p.journal-message").inner_text()


def scores(lms) -> dict:
    """{line item label: {LMS user id: the latest score given}}, as the platform holds them."""
    return {item["label"]: {s["userId"]: s["scoreGiven"] for s in lms.scores.get(item_id, [])}
            for item_id, item in lms.lineitems.items()}


@pytest.mark.browser
def test_in_chromium_a_comment_and_released_feedback_become_the_lms_gradebooks_scores(course, browser):
    from playwright.sync_api import expect
    lms, hub = course
    ada = launched(browser, lms, hub, "u-ada")
    assert "Ada Lovelace" in ada.locator("body").inner_text()
    bob = launched(browser, lms, hub, "u-bob")
    # Students share from JupyterLab, not the web: through the course API, each with their own hub token.
    CourseClient(hub.service_url, hub.user("ada@uni.test")).share("ada@uni.test", WEEK_ONE)
    CourseClient(hub.service_url, hub.user("bob@uni.test")).share("bob@uni.test", entry("bob-1", "Bob's first week"))

    bob.goto(hub.service_url)
    bob.get_by_role("link", name="Week one").first.click()
    bob.wait_for_url(re.compile(r".*/week-1$"))
    bob.locator("#comment-form textarea[name=body]").fill("Your ward round made me rethink mine.")
    bob.get_by_role("button", name="Post comment").click()
    expect(bob.locator("#comment-message")).to_be_visible()

    tina = launched(browser, lms, hub, "u-tina")
    tina.goto(f"{hub.service_url}moderate")
    tina.get_by_role("button", name=re.compile(r"^Approve comment by Bob Byte")).click()
    expect(tina.locator("p.journal-message")).to_contain_text("approved")
    entry_url = bob.url
    for words, level in (("A vivid account of the ward round.", "vivid"), ("Held back: unclear so far.", "unclear")):
        tina.goto(entry_url)
        tina.locator("#feedback-form select[name=rubric-clarity]").select_option(level)
        tina.locator("#feedback-form textarea[name=feedback]").fill(words)
        tina.get_by_role("button", name="Save feedback").click()
        tina.wait_for_url(re.compile(r".*/week-1(#feedback-form)?$"))
    tina.get_by_role("button", name=re.compile(r"^Release feedback “A vivid account")).click()
    expect(tina.locator(".journal-message.ok")).to_contain_text("Feedback released")
    expect(tina.get_by_role("button", name=re.compile(r"^Release feedback “Held back"))).to_have_count(1)

    tina.goto(f"{hub.service_url}tutor")
    tina.get_by_role("button", name="Sync the roster from the LMS").click()
    expect(tina.locator("p.journal-message")).to_contain_text("The roster now has the LMS's 3 members.")
    tina.get_by_role("button", name="Push marks to the gradebook").click()
    tina.wait_for_url(f"{hub.service_url}tutor")
    # Participation: 2 per entry shared, 1 per comment given. Reflection: the released level only (vivid, the
    # top of three: 4 of 4); the held "unclear" would make it 2.67. Tina is no Learner: no score for her.
    assert scores(lms) == {"Participation": {"u-ada": 2, "u-bob": 3}, "Reflection": {"u-ada": 4}}
    assert all((s["activityProgress"], s["gradingProgress"]) == ("Completed", "FullyGraded")
               for sent in lms.scores.values() for s in sent)
    assert flash(tina) == ("Sent 3 scores to the gradebook; 0 unchanged. Participation: Ada Lovelace 2, "
                           "Bob Byte 3. Reflection: Ada Lovelace 4.")
    received = sum(map(len, lms.scores.values()))
    tina.get_by_role("button", name="Push marks to the gradebook").click()
    expect(tina.locator("p.journal-message")).to_have_text("Sent 0 scores to the gradebook; 3 unchanged.")
    assert sum(map(len, lms.scores.values())) == received and len(lms.lineitems) == 2
    assert ada.errors == bob.errors == tina.errors == []
    for page in (ada, bob, tina):
        page.context.close()


# -- `journal course grades push` from a terminal -----------------------------------------------------------
def newcomer(lms, hub, run_cli, user_id, name, login):
    """A Learner added in the LMS, on the course's roster after a sync, with every score so far pushed: from
    here only what the test changes is new."""
    launch(lms, "u-tina")                   # the platform's service addresses come with a launch
    lms.add(user_id, name, login)
    assert run_cli("course", "roster", "sync", "--dir", hub.course).returncode == 0
    first = run_cli("course", "grades", "push", "--dir", hub.course)
    assert first.returncode == 0, first.stdout + first.stderr


def received(lms) -> int:
    return sum(map(len, lms.scores.values()))


def test_a_score_the_gradebook_refuses_is_named_with_why_and_the_next_push_retries_only_it(course, run_cli):
    lms, hub = course
    newcomer(lms, hub, run_cli, "u-cal", "Cal Cell", "cal@uni.test")
    FolderCourseStore(hub.course).share("cal@uni.test", entry("cal-1", "Cal's first week"))
    lms.refuse["u-cal"] = "the student's enrolment is suspended"
    before = received(lms)
    failed = run_cli("course", "grades", "push", "--dir", hub.course)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"FAILED: Participation of Cal Cell \(cal@uni.test\): the LMS refused to post a score "
                     r"for u-cal: 403 .*the student's enrolment is suspended", failed.stdout), failed.stdout
    assert received(lms) == before and "Sent 0 scores;" in failed.stdout
    del lms.refuse["u-cal"]
    again = run_cli("course", "grades", "push", "--dir", hub.course)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Sent 1 score;" in again.stdout and "Participation\tcal@uni.test\tCal Cell\t2" in again.stdout
    assert received(lms) == before + 1 and scores(lms)["Participation"]["u-cal"] == 2


def test_a_dry_run_prints_the_table_and_sends_and_keeps_nothing(course, run_cli):
    lms, hub = course
    newcomer(lms, hub, run_cli, "u-dee", "Dee Dray", "dee@uni.test")
    FolderCourseStore(hub.course).share("dee@uni.test", entry("dee-1", "Dee's first week"))
    before, kept = received(lms), (hub.course / ".lti" / "pushed.json").read_bytes()
    dry = run_cli("course", "grades", "push", "--dry-run", "--dir", hub.course)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert dry.stdout.startswith("Would send 1 score;")
    assert "item\tlogin\tname\tscore\nParticipation\tdee@uni.test\tDee Dray\t2\n" in dry.stdout
    assert received(lms) == before and (hub.course / ".lti" / "pushed.json").read_bytes() == kept
    real = run_cli("course", "grades", "push", "--dir", hub.course)      # the dry run kept nothing: it is sent
    assert real.stdout.startswith("Sent 1 score;") and received(lms) == before + 1
