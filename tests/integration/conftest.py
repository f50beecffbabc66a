"""Integration fixtures: Debian's Chromium, and real JupyterLabs, each stopped at the end of its module."""

from __future__ import annotations

import pytest

from journal.lab.launch import Lab


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per module (Playwright drives Debian's build; see tests/browser_settings.py)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from browser_settings import launch

    with playwright_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def start_lab():
    """Start JupyterLabs serving a folder; each is stopped at the end of the module."""
    started = []

    def start(root, home) -> Lab:
        lab = Lab(root, home)
        started.append(lab)
        return lab.start()

    yield start
    for lab in started:
        lab.stop()
