"""The templates' prompts (the italic questions under each heading of a scaffold): not the student's writing.

A prompt is a paragraph written exactly as a template (journal/templates/) writes it under a heading. It does
not count as words, it is left out of exports, and a section holding nothing else is *unwritten*: exports
leave its heading out too, and publishing warns about it. Entries made before this was known are recognised
the same way, by their text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from . import anatomy
from .anatomy import cell_source
from .templates import FOLDER, TEMPLATES

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _normal(paragraph: str) -> str:
    return " ".join(paragraph.split())


@lru_cache(maxsize=1)
def prompts() -> frozenset[str]:
    """Every prompt of every template, whitespace made single."""
    found = set()
    for name in TEMPLATES:
        text = resources.files("journal").joinpath(FOLDER, f"{name}.ipynb").read_text(encoding="utf-8")
        for cell in json.loads(text)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for paragraph in _PARAGRAPHS.split("".join(cell["source"])):
                if paragraph.strip() and not _HEADING.match(paragraph.strip()):
                    found.add(_normal(paragraph))
    return frozenset(found)


def is_prompt(paragraph: str) -> bool:
    return _normal(paragraph) in prompts()


def written_prose(nb) -> str:
    """The prose of `nb` the student wrote: without prompts, nor the headings of sections left unwritten."""
    cells = written_cells([{**cell} for cell in nb["cells"]])
    return "\n\n".join(cell_source(cell) for cell in cells if anatomy.is_prose(cell))


def _blocks(cells):
    """(cell index, paragraph index, heading level or 0, heading text or '', written) for each paragraph of the
    prose and each code cell of the author's; a level-1 heading (the title) opens no section."""
    for i, cell in enumerate(cells):
        source = cell_source(cell)
        if anatomy.is_runnable(cell):
            if source.strip() or cell.get("outputs"):
                yield i, -1, 0, "", True
        elif anatomy.is_prose(cell):
            for j, paragraph in enumerate(_PARAGRAPHS.split(source)):
                heading = _HEADING.match(paragraph.strip())
                if heading and len(heading.group(1)) > 1:
                    yield i, j, len(heading.group(1)), heading.group(2), False
                elif paragraph.strip() and not heading:
                    yield i, j, 0, "", not is_prompt(paragraph)


def _unwritten_blocks(cells) -> list[tuple]:
    blocks = list(_blocks(cells))
    empty = []
    for n, (i, j, level, text, _) in enumerate(blocks):
        if not level:
            continue
        written = False
        for _i, _j, other, _t, wrote in blocks[n + 1:]:
            if other and other <= level:
                break
            written = written or wrote
        if not written:
            empty.append((i, j, text))
    return empty


def unwritten(nb) -> list[str]:
    """The headings of `nb` under which the student wrote nothing (only a prompt, or nothing at all)."""
    return [text for _i, _j, text in _unwritten_blocks(nb["cells"])]


def only_prompts(nb) -> bool:
    """True when `nb` holds a prompt and nothing the student wrote (a blank entry never begun)."""
    blocks = [(level, wrote) for _i, _j, level, _t, wrote in _blocks(nb["cells"])]
    return any(not level and not wrote for level, wrote in blocks) and not any(wrote for _l, wrote in blocks)


def written_cells(cells) -> list:
    """`cells` as an export shows them: prompts and the headings of unwritten sections taken out, and a Markdown
    cell left with nothing dropped. A cell with nothing to take out is the same object, untouched."""
    gone = {}
    for i, j, _text in _unwritten_blocks(cells):
        gone.setdefault(i, set()).add(j)
    out = []
    for i, cell in enumerate(cells):
        if not anatomy.is_prose(cell):
            out.append(cell)
            continue
        paragraphs = _PARAGRAPHS.split(cell_source(cell))
        kept = [p for j, p in enumerate(paragraphs) if j not in gone.get(i, ()) and not is_prompt(p)]
        if len(kept) == len(paragraphs):
            out.append(cell)
        elif any(p.strip() for p in kept):
            cell["source"] = "\n\n".join(kept)
            out.append(cell)
    return out
