"""Templates for new entries: a blank post and reflective scaffolds."""

from __future__ import annotations

import json
from importlib import resources

from .anatomy import METADATA_KEY, is_panel, panel_source
from .errors import JournalError

__all__ = ["TEMPLATES", "from_template", "panel_source"]  # panel_source: owned by .anatomy, offered here too

FOLDER = "templates"                # of the package: one notebook per template, NAME.ipynb
TEMPLATES = {
    "blank": "A blank post.",
    "gibbs": "Gibbs' reflective cycle: description, feelings, evaluation, analysis, conclusion, action plan.",
    "kolb": "Kolb's experiential learning cycle.",
    "driscoll": "Driscoll's What? So what? Now what?",
}


def from_template(name: str, *, title: str, meta: dict) -> dict:
    """A new entry notebook (as a dict) made from template `name`."""
    if name not in TEMPLATES:
        raise JournalError(f"unknown template {name!r} (choose from {', '.join(TEMPLATES)})")
    text = resources.files("journal").joinpath(FOLDER, f"{name}.ipynb").read_text(encoding="utf-8")
    nb = json.loads(text)
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            source = source.replace("{title}", title)
        if is_panel(cell):
            source = panel_source(meta["id"])
        cell["source"] = source
    nb["metadata"][METADATA_KEY] = meta
    return nb
