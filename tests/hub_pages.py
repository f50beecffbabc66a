"""The hub's login page in Chromium, as the browser tests of the course behind a hub use it.

Import it from a test with `from hub_pages import ...` (tests/conftest.py puts this folder on sys.path).
"""

from __future__ import annotations

from playwright.sync_api import expect

from browser_settings import new_tab

TIMEOUT = 120_000


def log_in(browser, hub, login):
    """A fresh browser context logged in to the hub as `login`, on the course's index."""
    page = new_tab(browser, hub.url, width=1100, height=800, timeout=TIMEOUT)
    page.goto(f"{hub.url}/hub/login?next=/services/{hub.service}/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", "anything")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(f"{hub.service_url}**")
    expect(page.locator(".course-who")).to_contain_text(login)
    return page


def xsrf(page) -> str:
    return page.locator("input[name=_xsrf]").first.get_attribute("value")
