"""How tests, benchmarks and the docs script start Chromium: Debian's build, headless, nothing phoning home.

Playwright cannot download its own browser here, so every launch points at the system one. Import it
from a test with `from browser_settings import ...` after `sys.path` holds this folder (tests/conftest.py
does that for the test suite; scripts add it themselves).
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def launch(playwright, **options):
    """A headless Chromium from a sync or async Playwright object, with our settings."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS, **options)


def only(prefix: str):
    """A route handler that lets requests under `prefix` through and aborts every other (CDN fonts, trackers)."""
    return lambda route: route.continue_() if route.request.url.startswith(prefix) else route.abort()


def new_tab(browser, prefix: str, *, width: int = 1200, height: int = 900, timeout: float = 180_000):
    """A page in a fresh context that reaches only `prefix`; uncaught page errors collect in `page.errors`."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(timeout)
    context.route("**/*", only(prefix))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page
