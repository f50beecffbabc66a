"""axe-core in a Playwright page: the WCAG 2.0, 2.1 and 2.2 A and AA rules, run where a test says.

axe-core comes from the npm registry at the version in tests/axe/package-lock.json (`make setup`
installs it). It is evaluated through the DevTools protocol rather than added as a <script>, so the
pages' Content-Security-Policy, which allows no inline script, stays as it is served.
"""

from __future__ import annotations

import json
from pathlib import Path

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# The rule sets the course must meet: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def violations(page, include: str | list[str] | None = None, exclude: list[str] | None = None) -> list[dict]:
    """axe's violations on `page`, only within `include` (CSS selectors) when given, as axe reports them."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    context: dict = {}
    if include:
        context["include"] = [include] if isinstance(include, str) else list(include)
    if exclude:
        context["exclude"] = list(exclude)
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}}
    return page.evaluate(
        "([context, options]) => axe.run(Object.keys(context).length ? context : document, options)"
        ".then(r => r.violations)", [context, options])


def summary(found: list[dict]) -> str:
    """One line per violation and node, for an assertion message a person can act on."""
    lines = []
    for rule in found:
        for node in rule["nodes"]:
            lines.append(f"{rule['id']} ({rule['impact']}): {' '.join(node['target'])}: {rule['help']}")
    return "\n".join(lines) or "no violations"


def assert_clean(page, include=None, exclude=None, where: str = "") -> None:
    """Fail, listing each violation, unless axe finds none on `page` (within `include`)."""
    found = violations(page, include, exclude)
    assert not found, f"axe violations{' on ' + where if where else ''}:\n{summary(found)}\n{json.dumps(found)[:4000]}"
