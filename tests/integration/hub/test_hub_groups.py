"""Tutor groups from the hub: an entry shared with a group, read by its members and refused to the rest.

The hub says who is in each group (groups named tg-… are tutor groups, course.toml `groups_prefix`); the course
service asks it with its own token. A peer of another group gets exactly the page of a missing entry, in
the browser as through the API.
"""

import time

import pytest

from course_server import entry_notebook

playwright_api = pytest.importorskip("playwright.sync_api")
from hub_pages import log_in  # noqa: E402  (tests/ is on sys.path: conftest)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT = 90                   # the service takes the hub's groups as current for 30 s


def test_a_group_entry_is_shown_to_its_group_and_refused_to_another(hub, browser):
    tokens = {login: hub.user(login) for login in ("gia", "gus", "gwen")}
    for group, members in (("tg-ward-a", ["gia", "gus"]), ("tg-ward-b", ["gwen"])):
        made = hub.admin("POST", f"groups/{group}", {"users": members})
        assert made.status in (201, 409), made.body
    api = f"{hub.service_url}api/"
    shared = hub.http("PUT", f"{api}entries/gia/night-shift?visibility=group", token=tokens["gia"],
                      data=entry_notebook("night-shift", "Night shift on ward A"))
    assert shared.status == 200 and shared.json()["visibility"] == "group", shared.body
    deadline = time.monotonic() + WAIT
    while hub.http("GET", f"{api}entries/gia/night-shift", token=tokens["gus"]).status != 200:
        assert time.monotonic() < deadline, f"gus never read his group's entry:\n{hub.log_tail()}"
        time.sleep(2)
    refused = hub.http("GET", f"{api}entries/gia/night-shift", token=tokens["gwen"])
    missing = hub.http("GET", f"{api}entries/gia/no-such-entry", token=tokens["gwen"])
    assert (refused.status, refused.body) == (missing.status, missing.body) and refused.status == 404

    same = log_in(browser, hub, "gus")
    same.goto(f"{hub.service_url}j/gia/night-shift")
    playwright_api.expect(same.locator("main")).to_contain_text("Night shift on ward A")
    playwright_api.expect(same.locator(".course-visibility")).to_have_text("Shared with your tutor group")
    same.goto(hub.service_url)
    playwright_api.expect(same.locator("main")).to_contain_text("Your tutor group: ward-a")

    other = log_in(browser, hub, "gwen")
    answer = other.goto(f"{hub.service_url}j/gia/night-shift")
    assert answer.status == 404
    refused_text = other.locator("main").inner_text()
    assert "Night shift" not in refused_text
    other.goto(f"{hub.service_url}j/gia/no-such-entry")
    assert other.locator("main").inner_text() == refused_text
    other.goto(hub.service_url)
    assert "Night shift" not in other.locator("main").inner_text()


def test_a_tutor_opens_a_within_group_round_on_the_tutor_page_from_the_hubs_groups(hub, browser):
    """Groups that exist only on the hub: the tutor page's round runs in the server, which knows them, so a
    within-group round gives each entry a reviewer of its author's group, and says who could get none."""
    from journal.course.backends import open_store

    tokens = {login: hub.user(login) for login in ("hal", "hana", "hugo", hub.tutors[0])}
    for group, members in (("tg-ward-c", ["hal", "hana"]), ("tg-ward-d", ["hugo"])):
        made = hub.admin("POST", f"groups/{group}", {"users": members})
        assert made.status in (201, 409), made.body
    api = f"{hub.service_url}api/"
    for login in ("hal", "hana", "hugo"):
        shared = hub.http("PUT", f"{api}entries/{login}/rounds-{login}?visibility=group", token=tokens[login],
                          data=entry_notebook(f"rounds-{login}", f"Ward round, {login}", tags=["ward-round"]))
        assert shared.status == 200, shared.body
    deadline = time.monotonic() + WAIT
    while hub.http("GET", f"{api}entries/hana/rounds-hana", token=tokens["hal"]).status != 200:
        assert time.monotonic() < deadline, f"the service never learnt the hub's new groups:\n{hub.log_tail()}"
        time.sleep(2)

    tutor = log_in(browser, hub, hub.tutors[0])
    tutor.goto(f"{hub.service_url}tutor")
    tutor.get_by_label("Name", exact=True).fill("ward-round")
    tutor.get_by_label("Tag of the entries to review").select_option("ward-round")
    tutor.get_by_label("Reviewers for each entry").fill("1")
    tutor.get_by_label("Reviewers from").select_option("within")
    tutor.get_by_label("Due").fill("2026-12-18")
    tutor.get_by_role("button", name="Open the round and allocate its reviewers").click()
    message = tutor.locator(".journal-message")
    playwright_api.expect(message).to_contain_text("Opened the review round ward-round. Allocated 2 reviews")
    playwright_api.expect(message).to_contain_text("short: hugo/rounds-hugo: 0 of 1 reviewers")
    got = {(a.reviewer, a.login) for a in open_store(hub.course).reviews.allocations("ward-round")}
    assert got == {("hal", "hana"), ("hana", "hal")}
    playwright_api.expect(tutor.locator(".tutor-round-list")).to_contain_text("18 December 2026")
