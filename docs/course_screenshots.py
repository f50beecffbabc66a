"""The README's pictures of the course, taken during the real-hub browser test.

`python docs/course_screenshots.py [OUT_DIR]` (default: docs/) runs that test
(tests/integration/hub/test_hub_browser.py), which starts a real JupyterHub with the example config,
logs the class in through the hub's login page and calls `shoot` at each step with a page showing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT_VARIABLE = "JOURNAL_COURSE_PICTURES"        # where the test writes them (else its temporary folder)
NAMES = {"index": "course-index.png", "entry": "course-entry.png", "moderation": "course-moderation.png"}
WIDTH = 1100


def shoot(page, what: str, out_dir) -> Path:
    """Save the page as `NAMES[what]` in `out_dir`: the whole page, at a fixed width."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    path = out / NAMES[what]
    page.screenshot(path=path, full_page=True)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else HERE).resolve()
    test = HERE.parent / "tests" / "integration" / "hub" / "test_hub_browser.py"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
                          env={**os.environ, OUT_VARIABLE: str(target)}, cwd=HERE.parent)
    for name in NAMES.values():
        print(target / name)
    sys.exit(done.returncode)
