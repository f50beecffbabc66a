"""Templates for new entries: a blank post and reflective scaffolds."""

from __future__ import annotations

import json
from importlib import resources

from .entry import PANEL_TAG
from .errors import JournalError

TEMPLATES = {
    "blank": "A blank post.",
    "gibbs": "Gibbs' reflective cycle: description, feelings, evaluation, analysis, conclusion, action plan.",
    "kolb": "Kolb's experiential learning cycle.",
    "driscoll": "Driscoll's What? So what? Now what?",
}


def panel_source(entry_id: str) -> str:
    """The code of the last cell of every entry: the comment panel for that entry."""
    return f"from widgets import comment_panel\ncomment_panel({entry_id!r})"


def from_template(name: str, *, title: str, meta: dict) -> dict:
    """A new entry notebook (as a dict) made from template `name`."""
    if name not in TEMPLATES:
        raise JournalError(f"unknown template {name!r} (choose from {', '.join(TEMPLATES)})")
    text = resources.files("journal").joinpath("templates", f"{name}.ipynb").read_text(encoding="utf-8")
    nb = json.loads(text)
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            source = source.replace("{title}", title)
        if PANEL_TAG in cell.get("metadata", {}).get("tags", []):
            source = panel_source(meta["id"])
        cell["source"] = source
    nb["metadata"]["journal"] = meta
    return nb
