"""Render `$…$` and `$$…$$` in Markdown to SVG images with matplotlib's mathtext (no JavaScript needed)."""

from __future__ import annotations

import base64
import html
import io
import re
from functools import lru_cache

from nbconvert.preprocessors import Preprocessor
from traitlets import Float

from references.citations import mask_code, split_code

_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
# Pandoc's rule: no space just inside the dollars, and no digit right after the closing one ("$5 and $10").
_INLINE = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:\\\$|[^$\n])+?)(?<=[^\s\\])\$(?!\d)")


def find_maths(markdown: str) -> bool:
    """True when the Markdown holds maths outside code.

    >>> find_maths("costs $5 and $10"), find_maths("where $x^2$ grows"), find_maths("`$x$`")
    (False, True, False)
    """
    text = mask_code(markdown)
    return bool(_DISPLAY.search(text) or _INLINE.search(text))


class MathsToSVG(Preprocessor):
    """Replace maths in Markdown cells by inline SVG images, so HTML and PDF show it without MathJax.

    Maths that mathtext cannot set (e.g. `\\begin{align}`) is kept as its TeX source in a code span.
    """

    font_size = Float(11.0, help="Size in points of rendered maths").tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "$" in cell.source and find_maths(cell.source):
                cell.source = self.render_markdown(cell.source)
        return nb, resources

    def render_markdown(self, markdown: str) -> str:
        parts = split_code(markdown)
        for i in range(0, len(parts), 2):  # odd parts are code, left alone
            text = _DISPLAY.sub(lambda m: self._image(m.group(1), display=True), parts[i])
            parts[i] = _INLINE.sub(lambda m: self._image(m.group(1), display=False), text)
        return "".join(parts)

    def _image(self, tex: str, *, display: bool) -> str:
        tex = " ".join(tex.split())
        try:
            svg, depth = _render(tex, self.font_size * (1.15 if display else 1.0))
        except Exception as exc:  # mathtext raises ValueError and friends for TeX it cannot set
            self.log.warning("maths left as TeX (%s): %s", str(exc).splitlines()[0] if str(exc) else exc, tex)
            return f"<code class=\"math-source\">{html.escape(tex)}</code>"
        data = base64.b64encode(svg).decode("ascii")
        alt = html.escape(tex, quote=True)
        img = f'<img class="math" alt="{alt}" src="data:image/svg+xml;base64,{data}"'
        if display:
            return f'\n\n<div class="math-display">{img}></div>\n\n'
        return f'{img} style="vertical-align: -{depth:.2f}pt">'


@lru_cache(maxsize=512)
def _render(tex: str, size: float) -> tuple[bytes, float]:
    """SVG bytes and the baseline depth (pt) of `$tex$`."""
    from matplotlib import mathtext
    from matplotlib.font_manager import FontProperties

    buffer = io.BytesIO()
    depth = mathtext.math_to_image(f"${tex}$", buffer, prop=FontProperties(size=size), format="svg")
    return buffer.getvalue(), depth
