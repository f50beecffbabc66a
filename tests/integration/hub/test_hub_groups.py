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
