"""Every figure gets its text alternative, the same in the HTML, the course's pages and the PDF's /Alt."""

from __future__ import annotations

import html
import re

from nbconvert.preprocessors import Preprocessor

from journal.figures import ALT, IMAGE_TYPES, output_alt

# What the exporters show before any picture (export.html.PRIORITY): an output with one of these is no figure.
SHOWN_BEFORE_IMAGES = ("text/html", "text/markdown")
_SVG_TITLE = re.compile(r"<svg\b[^>]*>\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<title\b[^>]*>(.*?)</title>", re.S | re.I)


def generic(number: int) -> str:
    return f"Figure {number}: output of the code cell"


def is_figure(output) -> bool:
    """Whether an output is a figure: it has a picture, and nothing the exporters show before pictures."""
    data = output.get("data") or {}
    return any(m in data for m in IMAGE_TYPES) and not any(m in data for m in SHOWN_BEFORE_IMAGES)


def svg_title(svg) -> str:
    """The <title> an SVG gives itself first thing, as text; '' when it has none."""
    match = _SVG_TITLE.search(svg if isinstance(svg, str) else "".join(svg or ()))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split()) if match else ""


class DescribeFigures(Preprocessor):
    """Set each figure output's `metadata.alt`: its own `alt`, else its cell's, else the SVG's <title>, else
    "Figure N: output of the code cell" (N counts the entry's figures from 1)."""

    def preprocess(self, nb, resources):
        number = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                if not is_figure(output):
                    continue
                number += 1
                cell_alt = str((cell.get("metadata") or {}).get(ALT) or "").strip()
                text = output_alt(output) or cell_alt or svg_title(output["data"].get("image/svg+xml")) or generic(number)
                output.setdefault("metadata", {})[ALT] = text
        return nb, resources
