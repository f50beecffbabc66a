"""What a shared notebook must be before anything costly reads it: its size, shape and characters.

Each check is as cheap as reading: the body's length before JSON parsing, then one walk over the
parsed values before nbformat's validation (which takes seconds on a notebook of many cells, and
recurses on deep nesting). Every course backend calls `check_shape` through `checked_notebook`, so a
notebook one store refuses, every store refuses; each refusal names the entry and what is wrong.
"""

from __future__ import annotations

import json

from ..anatomy import entry_metadata
from ..errors import EntryError
from .settings import MB, LimitSettings

# The deepest real notebook (widget state in nbconvert's test files) nests 10 levels; nbformat's
# validation and Python's json recurse once per level, so far deeper nesting would exhaust the stack.
MAX_DEPTH = 64
NBFORMAT = 4


def parse_body(label: str, raw: bytes, limits: LimitSettings):
    """The JSON of a share's body, refused when it is larger than the course takes or is not JSON."""
    if len(raw) > limits.notebook_bytes:
        raise EntryError(f"{label}: the notebook is {_mb(len(raw))}; this course takes at most "
                         f"{limits.max_notebook_mb:,} MB")
    try:
        return json.loads(raw or b"null")
    except RecursionError:
        raise EntryError(f"{label}: the notebook nests more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:           # UnicodeDecodeError included
        raise EntryError(f"{label}: the notebook is not JSON ({exc})") from None


def check_shape(label: str, notebook: dict, limits: LimitSettings) -> None:
    """Refuse what nbformat cannot take, what no store can keep, and what is beyond the course's limits."""
    if notebook.get("nbformat") != NBFORMAT:
        raise EntryError(f"{label}: the notebook is nbformat {notebook.get('nbformat')!r}; the course takes "
                         f"nbformat {NBFORMAT} (open it in JupyterLab and save it again)")
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        what = "has no 'cells'" if cells is None else f"has 'cells' as {type(cells).__name__}, not a list"
        raise EntryError(f"{label}: the notebook {what}")
    if len(cells) > limits.max_cells:
        raise EntryError(f"{label}: the entry has {len(cells):,} cells; this course takes at most "
                         f"{limits.max_cells:,}")
    title = entry_metadata(notebook).get("title")
    if isinstance(title, str):
        _check_text(label, title, "the title")
    for key, value in notebook.items():
        if key != "cells":
            _walk(label, value, "its metadata", 1)
    for n, cell in enumerate(cells, start=1):
        where = f"cell {n}"
        _walk(label, cell, where, 2)
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        for m, output in enumerate(outputs if isinstance(outputs, list) else (), start=1):
            size = len(json.dumps(output, ensure_ascii=False).encode("utf-8", "surrogatepass"))
            if size > limits.output_bytes:
                raise EntryError(f"{label}: output {m} of {where} is {_mb(size)}; this course takes at most "
                                 f"{limits.max_output_mb:,} MB in one output")


def _walk(label: str, value, where: str, depth: int) -> None:
    """Every string under `value` storable (no NUL, no lone surrogate) and no deeper than MAX_DEPTH."""
    stack = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if level > MAX_DEPTH:
            raise EntryError(f"{label}: the notebook nests more than {MAX_DEPTH} levels deep (in {where})")
        if isinstance(item, str):
            _check_text(label, item, where)
        elif isinstance(item, dict):
            for key, inner in item.items():
                _check_text(label, key, where)
                stack.append((inner, level + 1))
        elif isinstance(item, list):
            stack.extend((inner, level + 1) for inner in item)


def _check_text(label: str, text: str, where: str) -> None:
    # PostgreSQL's text and JSONB cannot hold NUL, and UTF-8 no lone surrogate: no store takes either.
    if "\x00" in text:
        raise EntryError(f"{label}: {where} contains a character that cannot be stored (NUL)")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise EntryError(f"{label}: {where} contains characters that cannot be stored "
                             "(invalid Unicode: a lone surrogate)") from None


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"
