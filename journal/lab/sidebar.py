"""The journal sidebar's operations: list, new entry, publish, export. Thin calls into the core."""

from __future__ import annotations

from pathlib import Path

from export.entries import export_one
from export.preprocessors.figures import SHOWN_BEFORE_IMAGES

from ..anatomy import PANEL_TAG, REFERENCE_LIST_TAG, panel_source
from ..comments.errors import ModerationRefused
from ..comments.protocol import status_totals
from ..course import sharing
from ..course.visibility import AUDIENCE, LEVELS
from ..entry import Entry
from ..errors import EntryError, JournalError
from ..figures import ALT, IMAGE_TYPES, KERNEL_SETUP
from ..files import stamp as file_stamp
from ..folder import journal_or_none
from ..overview import entry_rows
from ..publishing import publish, warnings
from ..roles import MODERATORS, a_role
from ..templates import TEMPLATES

#: Who may add entries to a journal and publish them: its author. A peer or tutor reads, comments, moderates.
WRITERS = ("author",)


def overview(journal, root: Path) -> dict:
    """The journal, its entries (paths relative to the server's root) and, for moderators, what waits."""
    role = journal.comments.role
    entries = entry_rows(journal)
    for row in entries:
        row["path"] = relative(Path(row["path"]), root)
    # The moderation panels' own sum, so "N awaiting moderation" here is their "Pending (N)".
    pending = status_totals(journal.comments.counts())["pending"] if role in MODERATORS else None
    if role not in MODERATORS:
        for row in entries:
            row.pop("pending")  # a peer never learns what waits for moderation
    course = shared_levels(journal) if role in WRITERS else None
    for row in entries:
        row["shared"] = course.get(row["id"], "") if course is not None else None
    return {"title": journal.title, "author": journal.author, "role": role, "path": relative(journal.path, root),
            "pending": pending, "entries": entries, "templates": TEMPLATES, "can_write": role in WRITERS,
            "stamp": stamp(journal), "course": course is not None, "levels": {k: AUDIENCE[k] for k in LEVELS}}


def shared_levels(journal) -> dict | None:
    """entry id -> who reads it on the course ("" for an entry not shared), for the author of a journal that
    joined one; None for a journal in no course, or a course out of reach (its rows then show no level)."""
    if not journal.settings.course.url:
        return None
    try:
        return sharing.levels(journal)
    except JournalError:
        return None


def share(journal, notebook: Path, visibility: str | None) -> dict:
    """Share one published entry with the course at `visibility` (sharing again changes the level at once;
    None: the level it had, or the course's default)."""
    require_writer(journal, "share entries")
    return sharing.share(journal, [journal.entry(notebook)], visibility)[0]


def stamp(journal) -> str:
    """What changes when the sidebar's counts may have: the comment store's stamp and the entries' files. A poll
    asks this (one stat per file) and reloads the overview only when it moved; a store that cannot tell cheaply
    (a course's, over HTTP) gives none, and the overview is asked each time."""
    comments = journal.comments.stamp()
    if comments is None:
        return ""
    files = sorted((p.name, file_stamp(p)) for p in journal.entries_dir.glob("*.ipynb"))
    return repr((comments, files))


def require_writer(journal, doing: str) -> None:
    """Nothing for the author; ModerationRefused (a 403) for anyone else, naming the role they act in."""
    role = journal.comments.role
    if role not in WRITERS:
        raise ModerationRefused(f"Only the journal's author can {doing}; you act as {a_role(role)} here.")


def template_labels() -> dict:
    """Each template's name for menus and the launcher ("Gibbs entry") and its description."""
    return {name: {"label": f"{name.capitalize()} entry", "description": text} for name, text in TEMPLATES.items()}


def new_entry(journal, root: Path, title: str, template: str) -> str:
    require_writer(journal, "add entries")
    return relative(journal.new_entry(title, template=template).path, root)


def set_status(journal, notebook: Path, status: str, *, force: bool = False) -> dict:
    """{"status", "warnings"}: publishing with warnings (`publishing.warnings`) leaves the entry a draft unless
    `force`, as `journal publish` does; unpublishing always happens."""
    require_writer(journal, "publish or unpublish entries")
    entry = journal.entry(notebook)
    if status == "published":
        found = publish(journal, entry, force=force)
        return {"status": entry.status, "warnings": found}
    entry.set_meta(status=status)
    entry.save()
    return {"status": entry.status, "warnings": []}


def status_of(journal, notebook: Path) -> dict:
    """{"status", "warnings"} of the entry as saved: what publishing it would warn about."""
    entry = journal.entry(notebook)
    return {"status": entry.status, "warnings": warnings(journal, entry)}


def export(journal, notebook: Path, root: Path, to: str) -> str:
    """Export one entry to `to` (html or pdf); the output's path relative to the root."""
    outcome = export_one(journal, journal.entry(notebook), to)
    if outcome.status == "failed":
        raise JournalError(outcome.error)
    return relative(outcome.path, root)


def entry_info(notebook: Path) -> dict:
    """Whether the notebook is an entry of a journal, the only code the extension may run in its kernel (the
    panel's cell, and the set-up that keeps figures' text alternatives), and the tags of the cells the journal
    writes and of what makes an output a figure with its text alternative (so the front end keeps no copy of
    them: "Describe this figure" writes the key the exports read)."""
    figures = {"alt": ALT, "image_types": list(IMAGE_TYPES), "shown_before": list(SHOWN_BEFORE_IMAGES)}
    tags = {"panel_tag": PANEL_TAG, "list_tag": REFERENCE_LIST_TAG, "figures": figures}
    try:
        entry = Entry.load(notebook)
    except EntryError:
        return {"entry": False, **tags}
    if journal_or_none(notebook.parent) is None:
        return {"entry": True, "journal": False, "panel_source": None, **tags}
    return {"entry": True, "journal": True, "id": entry.id, "panel_source": panel_source(entry.id),
            "kernel_setup": KERNEL_SETUP, **tags}


def export_labels() -> dict:
    """Our nbconvert exporters' names as they call themselves ("Journal PDF"), by entry-point name."""
    from importlib.metadata import entry_points

    ours = [ep for ep in entry_points(group="nbconvert.exporters") if ep.value.startswith("export.")]
    return {ep.name: ep.load().export_from_notebook for ep in ours}


def relative(path: Path, root: Path) -> str:
    return Path(path).resolve().relative_to(root.resolve()).as_posix()
