"""What JupyterLab saves into an entry: never fewer embedded works than the file has, no stale panel.

Registered as a pre-save hook of the server's contents manager, so it holds whatever the browser
does: when `journal cite` or `journal refs add` embedded works while the entry was open, choosing
"Overwrite" in JupyterLab's "File Changed" dialog keeps those works (the student's text is the one
being saved). The comment panel's saved output is dropped, because the widget models it points at
die with the kernel and JupyterLab would show "model not found" on the next open; the extension
runs the panel cell again instead.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import anatomy
from .live import merge_from_disk


def pre_save(model, path, contents_manager, **kwargs):
    """The contents manager's pre-save hook: only journal entries (metadata `journal`) are touched."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    meta = nb.get("metadata", {}).get(anatomy.METADATA_KEY)
    if not isinstance(meta, dict):
        return
    drop_panel_outputs(nb)
    root = getattr(contents_manager, "root_dir", None)
    os_path = Path(root, path.lstrip("/")) if root else None
    if os_path is None or not os_path.is_file():
        return
    try:
        disk_refs = anatomy.embedded_references(json.loads(os_path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return  # nothing readable to keep: the save goes ahead as JupyterLab asked
    if disk_refs.strip():
        merged = merge_from_disk(anatomy.embedded_references(nb), disk_refs)
        if merged is not None:
            meta[anatomy.REFERENCES_PATH[-1]] = merged
            contents_manager.log.info("journal: kept works embedded on disk while %s was open", path)


def drop_panel_outputs(nb: dict) -> None:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and anatomy.is_panel(cell):
            cell["outputs"] = []
            cell["execution_count"] = None
