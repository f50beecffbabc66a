"""Moving through a page as a keyboard user does: Tab until the control wanted has the focus, never a click.

Import it from a test with `from keyboard import ...` (tests/conftest.py puts this folder on sys.path).
"""

from __future__ import annotations


def tab_to(page, target, *, limit: int = 120, backwards: bool = False) -> int:
    """Press Tab (Shift+Tab when `backwards`) until the focused element is `target` (a CSS selector, or a
    Playwright locator of one element); how many presses it took. Fails, naming it, when `limit` presses
    never reach it."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if isinstance(target, str):
            reached = page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", target)
        else:
            reached = target.evaluate("element => element === document.activeElement")
        if reached:
            return presses
    raise AssertionError(f"{limit} presses of {key} never reached {target}")

