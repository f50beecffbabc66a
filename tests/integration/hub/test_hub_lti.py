"""The course inside an LMS, end to end: an LTI 1.3 platform written by others (lti1p3platform, tests/…/lms.py)
launches people into a real JupyterHub with LTI13Authenticator and the shipped config; the course reads their
launch, the roster comes from the platform's membership list, and marks land in its gradebook."""

import re

import jwt
import pytest
import requests
from jwcrypto import jwk

from journal.course.lti.record import FolderLmsRecord
from journal.course.store import FolderCourseStore

from . import lti_course
from .lti_course import launch, launch_form

pytestmark = pytest.mark.slow
NOTEBOOK = {"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"journal": {
    "id": "week-1", "title": "Week one", "date": "2026-10-01", "status": "published", "tags": ["reflection"]}}}


@pytest.fixture(scope="module")
def lms_hub(tmp_path_factory):
    lms, hub, stop = lti_course.start(tmp_path_factory.mktemp("lti-hub"))
    yield lms, hub
    stop()


def test_a_launch_signs_in_through_the_hub_and_lands_on_the_course_under_the_lms_name(lms_hub):
    lms, hub = lms_hub
    _browser, page = launch(lms, "u-ada")
    assert page.status_code == 200, page.text[:500]
    assert page.url == hub.service_url
    assert "Ada Lovelace" in page.text and "Biology journals" in page.text


def test_an_instructor_launch_makes_a_tutor(lms_hub):
    lms, hub = lms_hub
    browser, _ = launch(lms, "u-tina")
    tutor = browser.get(f"{hub.service_url}tutor", timeout=60)
    assert tutor.status_code == 200 and "Sync the roster from the LMS" in tutor.text
    _, student = launch(lms, "u-bob")
    assert student.status_code == 200
    assert student.url == hub.service_url


def test_a_launch_from_another_lms_course_is_refused_with_a_clear_page(lms_hub):
    lms, hub = lms_hub
    _browser, page = launch(lms, "u-ada", context="chem200")
    assert page.status_code == 403
    assert "LMS course this journal course does not belong to" in page.text


def test_the_course_serves_its_public_key_set_and_never_its_private_key(lms_hub):
    _lms, hub = lms_hub
    keys = requests.get(f"{hub.service_url}lti/jwks.json", timeout=30).json()["keys"]
    assert [k["kty"] for k in keys] == ["RSA"] and all("d" not in k and k["kid"] for k in keys)
    assert oct((hub.course / "lti-key.pem").stat().st_mode & 0o777) == "0o600"


def test_roster_sync_grades_push_and_a_leaver_losing_access(lms_hub, run_cli):
    lms, hub = lms_hub
    launch(lms, "u-tina")                          # the platform's service addresses come with a launch
    ada, page = launch(lms, "u-ada")
    assert page.status_code == 200
    synced = run_cli("course", "roster", "sync", "--dir", hub.course)
    assert synced.returncode == 0, synced.stderr
    roster = (hub.course / "roster.csv").read_text(encoding="utf-8").splitlines()
    assert roster == ["login,name,group", "ada@uni.test,Ada Lovelace,", "bob@uni.test,Bob Byte,",
                      "tina@uni.test,Tina Khan,"]
    tina, _ = launch(lms, "u-tina")
    tutor_page = tina.get(f"{hub.service_url}tutor", timeout=60).text
    assert re.search(r"Bob Byte</bdi> \(bob@uni.test\)</th><td colspan=\"7\">not started", tutor_page)
    report = tina.get(f"{hub.service_url}tutor/report", timeout=120).text
    assert "<h2>Not started</h2>" in report, report[-3000:]
    started = report.split("<h2>Not started</h2>", 1)[1].split("</section>", 1)[0]
    assert "Bob Byte (bob@uni.test)" in started and "tina@uni.test" not in started

    FolderCourseStore(hub.course).share("ada@uni.test", NOTEBOOK)     # Ada has shared one entry
    pushed = run_cli("course", "grades", "push", "--dir", hub.course)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    assert "Participation\tada@uni.test\tAda Lovelace\t2" in pushed.stdout
    # Her tagged entry has no released feedback yet: the rubric item waits, and makes no gradebook column.
    assert "not scored yet: Reflection of Ada Lovelace (ada@uni.test)" in pushed.stdout
    [(item_id, item)] = lms.lineitems.items()
    assert (item["label"], item["scoreMaximum"], item["tag"]) == ("Participation", 10, "participation")
    received = {s["userId"]: s for s in lms.scores[item_id]}
    assert received["u-ada"]["scoreGiven"] == 2 and received["u-bob"]["scoreGiven"] == 0
    assert received["u-ada"]["activityProgress"] == "Completed"
    assert received["u-ada"]["gradingProgress"] == "FullyGraded"
    assert "u-tina" not in received                 # never a score for someone who is not a Learner
    gradebook = tina.get(f"{hub.service_url}tutor", timeout=60).text.split('class="tutor-gradebook"', 1)[1]
    assert "<td>Participation</td><td><bdi>Ada Lovelace</bdi> (ada@uni.test)</td><td>2 / 10</td>" in gradebook
    assert re.search(r"<time datetime=\"[0-9T:+-]+\">[0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}</time>", gradebook)
    assert '<th scope="col">Student</th>' in gradebook and "<th>" not in gradebook.split("</table>", 1)[0]
    count = len(lms.scores[item_id])
    again = run_cli("course", "grades", "push", "--dir", hub.course)
    assert again.returncode == 0 and "Sent 0 scores; 2 unchanged." in again.stdout
    assert len(lms.lineitems) == 1 and len(lms.scores[item_id]) == count

    del lms.members["u-ada"]                        # Ada leaves the LMS course
    assert run_cli("course", "roster", "sync", "--dir", hub.course).returncode == 0
    gone = ada.get(hub.service_url, timeout=60)
    assert gone.status_code == 403 and "no longer on this course" in gone.text
    assert FolderCourseStore(hub.course).entries("ada@uni.test")    # her journal stays stored


# -- hostile launches: each refused with a page saying why, and the hub signs nobody in ---------------------
@pytest.fixture
def stranger(lms_hub):
    """A member of the LMS course who has never launched (so the hub has no user of that name yet)."""
    lms, _hub = lms_hub
    lms.add("u-eve", "Eve Mallory", "eve@uni.test")
    yield "u-eve", "eve@uni.test"
    del lms.members["u-eve"]


def assert_nobody_signed_in(hub, browser, login):
    assert "jupyterhub-hub-login" not in browser.cookies
    assert hub.admin("GET", f"users/{login}").status == 404


def test_a_launch_signed_with_another_key_is_refused(lms_hub, stranger):
    lms, hub = lms_hub
    browser, action, fields = launch_form(lms, stranger[0])
    # A forger copies the platform's key id from its public key set, and signs the launch with a key of theirs.
    kid = jwt.get_unverified_header(fields["id_token"])["kid"]
    claims = jwt.decode(fields["id_token"], options={"verify_signature": False})
    own = jwk.JWK.generate(kty="RSA", size=2048).export_to_pem(private_key=True, password=None)
    fields["id_token"] = jwt.encode(claims, own, algorithm="RS256", headers={"kid": kid})
    page = browser.post(action, data=fields, timeout=60)
    assert page.status_code == 400 and "Signature verification failed" in page.text
    assert_nobody_signed_in(hub, browser, stranger[1])


def test_an_expired_launch_is_refused(lms_hub, stranger):
    lms, hub = lms_hub
    browser, page = launch(lms, stranger[0], expires=-60)
    assert page.status_code == 400 and "Signature has expired" in page.text
    assert_nobody_signed_in(hub, browser, stranger[1])


def test_a_launch_for_another_tool_is_refused(lms_hub, stranger):
    lms, hub = lms_hub
    browser, page = launch(lms, stranger[0], client_id="another-tool")
    assert page.status_code == 401 and "Audience" in page.text
    assert_nobody_signed_in(hub, browser, stranger[1])


def test_a_launch_from_another_deployment_is_refused_before_the_hub_signs_anyone_in(lms_hub, stranger):
    lms, hub = lms_hub
    browser, page = launch(lms, stranger[0], deployment="deployment-2")
    assert page.status_code == 403 and "is not registered with" in page.text
    assert_nobody_signed_in(hub, browser, stranger[1])


def test_a_launch_posted_again_from_another_browser_is_refused(lms_hub, stranger):
    lms, hub = lms_hub
    browser, action, fields = launch_form(lms, stranger[0])
    copied = browser.cookies.copy()             # the launch's form and its cookies, as someone copied them
    browser.post(action, data=fields, timeout=60)
    assert "jupyterhub-hub-login" in browser.cookies    # the first post signs in (the course may still refuse)
    thief = requests.Session()
    thief.trust_env, thief.cookies = False, copied
    again = thief.post(action, data=fields, timeout=60)
    assert again.status_code == 403 and "has been used already" in again.text
    assert "jupyterhub-hub-login" not in thief.cookies


def test_after_the_platform_rotates_its_key_a_launch_is_taken_and_one_signed_with_the_old_key_refused(lms_hub,
                                                                                                     run_cli):
    lms, hub = lms_hub
    lms.add("u-rhea", "Rhea Rotate", "rhea@uni.test")     # new to the hub: no earlier test signed her in
    assert run_cli("course", "roster", "sync", "--dir", hub.course).returncode == 0   # and on the course's list
    stranger = ("u-rhea", "rhea@uni.test")
    _browser, _action, before = launch_form(lms, stranger[0])
    old_kid, old_private = jwt.get_unverified_header(before["id_token"])["kid"], lms.private
    lms.rotate()
    # Someone holding the retired key signs a fresh launch with it: the platform's key set no longer has it.
    browser, action, fields = launch_form(lms, stranger[0])
    assert jwt.get_unverified_header(fields["id_token"])["kid"] != old_kid
    claims = jwt.decode(fields["id_token"], options={"verify_signature": False})
    fields["id_token"] = jwt.encode(claims, old_private, algorithm="RS256", headers={"kid": old_kid})
    page = browser.post(action, data=fields, timeout=60)
    assert page.status_code in (400, 401, 403) and hub.service_url != page.url, page.text[:500]
    assert_nobody_signed_in(hub, browser, stranger[1])
    # The platform's own launch, signed with its new key, is taken at once: the hub reads the key set anew.
    _browser, page = launch(lms, stranger[0])
    assert page.status_code == 200 and page.url == hub.service_url, page.text[:500]
    assert "Rhea Rotate" in page.text


# -- in Chromium --------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_in_chromium_a_launch_lands_on_the_course_and_the_tutors_lms_section_passes_axe(lms_hub, browser):
    from axe_check import assert_clean
    from browser_settings import new_tab
    from playwright.sync_api import expect

    lms, hub = lms_hub
    local = "http://127.0.0.1:"                 # the platform and the hub; anything else is aborted
    student = new_tab(browser, local)
    student.goto(f"{lms.url}/launch?user=u-bob")
    student.wait_for_url(hub.service_url)
    assert "Bob Byte" in student.locator("body").inner_text()
    tutor = new_tab(browser, local)
    tutor.goto(f"{lms.url}/launch?user=u-tina")
    tutor.wait_for_url(hub.service_url)
    tutor.goto(f"{hub.service_url}tutor")
    section = tutor.locator("section.tutor-lms")
    assert section.get_by_role("button", name="Sync the roster from the LMS").is_visible()
    assert section.get_by_role("button", name="Push marks to the gradebook").is_visible()
    assert_clean(tutor, include="section.tutor-lms", where="the tutor page's LMS section")
    section.get_by_role("button", name="Sync the roster from the LMS").click()
    expect(tutor.locator("p.journal-message")).to_contain_text("The roster now has the LMS's")
    # While another push holds the course's lock (the CLI, another server), the button says so on the page.
    with FolderLmsRecord(hub.course).pushing():
        tutor.locator("section.tutor-lms").get_by_role("button", name="Push marks to the gradebook").click()
        message = tutor.locator("p.journal-message")
        expect(message).to_contain_text("another push to the gradebook is under way")
        assert "refused" in message.get_attribute("class")
    assert student.errors == [] and tutor.errors == []
