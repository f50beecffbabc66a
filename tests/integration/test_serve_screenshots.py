"""The README's pictures can be taken: the class index, an entry page and the To review list as a peer, the
moderation page as the author."""

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots.py"


def test_screenshots_show_the_pages(tmp_path):
    from PIL import Image

    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = module.shoot(tmp_path)
    assert [p.name for p in paths] == ["class-index.png", "entry-page.png", "moderation-page.png", "to-review.png"]
    for path in paths:
        with Image.open(path) as image:
            grey = image.convert("L")
            assert grey.width >= 300 and grey.height >= 200, path.name
            low, high = grey.getextrema()
            assert high - low > 100, f"{path.name} is blank"
            assert len(grey.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 20, f"{path.name} has no text"
