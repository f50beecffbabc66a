"""A student's side of a course: join it, share published entries, withdraw them, open a classmate's.

The course server never reads anyone's folder: everything it holds arrives here, through its API, as
whole notebooks (with their outputs and every work they cite), sent with the student's own hub token.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from references.bibliography import load, read, to_bibtex

from ..anatomy import entry_metadata
from ..comments.carry import comment_events
from ..environment import environment
from ..errors import JournalError
from ..entry import write_notebook
from ..folder import ENTRIES, Journal
from ..settings import FILENAME, CourseLink, Settings
from .client import CourseClient, CourseError, check_url, quote, service_url
from .trust import require_trusted, trust

OPENED = "course"             # a classmate's entries, read-only, under <journal>/course/LOGIN/
SETTINGS_SENT = ("title", "author", "style", "comments")


def joined(journal) -> CourseClient:
    """The client for the course this journal has joined, or an error saying how to join one."""
    if not journal.settings.course.url:
        raise JournalError(f"{journal.path / FILENAME}: this journal has joined no course "
                           "(run 'journal course join URL', or 'journal course join' on the hub)")
    return CourseClient(require_trusted(journal.settings.course.url, journal.path / FILENAME))


def login_of(journal, client: CourseClient) -> str:
    return journal.settings.course.login or client.whoami()["name"]


def own_comments(journal) -> list[tuple]:
    """The events of the comments in the journal's own comments.csv (what joining may carry to the course)."""
    return comment_events(journal.comments_path)


def join(journal, url: str | None = None, *, service: str = "journal", carry: bool = False) -> Settings:
    """Write `[course] url` and `login` to journal.toml, after the course has said who this token is.

    Without `url`, the address comes from the hub's service list (JUPYTERHUB_API_URL) and the service `service`.
    The comments of the journal's own comments.csv are shown beside the course's (`[course] own_comments`), or
    with `carry` sent to the course, with their authors, dates and statuses, and no longer read from the file.
    """
    if not url:
        api = environment().hub_api_url
        if not api:
            raise CourseError("no course URL given, and no hub to ask (JUPYTERHUB_API_URL is not set): "
                              "run 'journal course join URL' with the address the course team gave you")
        client = CourseClient(api)          # the token check: same variables as every course call
        url = service_url(api, client.token, service, public_hub_url=environment().hub_public_hub_url)
    client = CourseClient(check_url(url))
    me = client.whoami()["name"]
    _configure(client, me, journal.settings)
    trust(client.url)
    before = journal.settings.course
    carried_before = before.own_comments == "carried" and check_url(before.url or url) == client.url
    journal.settings.course = CourseLink(url=client.url, login=me,
                                         own_comments="carried" if carried_before else "beside")
    journal.settings.save(journal.path / FILENAME)  # beside first: a failed carry loses no comment from view
    if carry:
        events = own_comments(journal)
        if events:
            client.call("POST", f"api/comments/{quote(me)}/carry", {"events": [list(e) for e in events]})
        journal.settings.course = replace(journal.settings.course, own_comments="carried")
        journal.settings.save(journal.path / FILENAME)
    journal.__dict__.pop("comments", None)          # the store changes with the course
    return journal.settings


def _configure(client: CourseClient, login: str, settings: Settings) -> None:
    """Tell the course what it keeps of journal.toml: the title, author, style and the journal's comment rules."""
    data = settings.to_dict()
    client.call("PUT", f"api/journals/{quote(login)}", {key: data[key] for key in SETTINGS_SENT})


def shareable(journal, entry) -> dict:
    """The notebook to send: as saved (outputs included), with every cited work from references.bib embedded.

    Drafts are refused, naming the file: a draft never leaves the student's folder.
    """
    if not entry.published:
        raise JournalError(f"{entry.path}: {entry.id!r} is a draft; publish it (journal.status = \"published\") "
                           "before sharing it")
    notebook = copy.deepcopy(entry.notebook)
    embedded = load(entry.references, f"{entry.path.name} (metadata journal.references)").entries
    wanted = [key for key in entry.citations if key not in embedded]
    if wanted and journal.library_path.is_file():
        library = load(read(journal.library_path), str(journal.library_path)).entries
        works = to_bibtex([(key, library[key]) for key in wanted if key in library])
        if works:
            meta = entry_metadata(notebook)
            meta["references"] = "\n".join(part for part in (meta.get("references", "").rstrip(), works) if part)
    return notebook


def share(journal, entries, visibility: str | None = None) -> list[dict]:
    """Send each entry (all checked first: one draft stops the lot) at `visibility` (None: as it was, or the
    course's default); returns what the course stored, each with its level."""
    notebooks = [shareable(journal, entry) for entry in entries]
    client = joined(journal)
    login = login_of(journal, client)
    _configure(client, login, journal.settings)
    return [client.share(login, notebook, visibility) for notebook in notebooks]


def levels(journal) -> dict[str, str]:
    """entry id -> who reads it on the course (tutors, group, course; "withdrawn"), for the journal's own
    shared entries; {} for a journal that joined no course."""
    if not journal.settings.course.url:
        return {}
    client = joined(journal)
    return {e["entry_id"]: "withdrawn" if e["withdrawn"] else e["visibility"]
            for e in client.entries(login_of(journal, client))}


def unshare(journal, entry_id: str) -> None:
    client = joined(journal)
    client.unshare(login_of(journal, client), entry_id)


def open_entry(journal, target: str) -> Path:
    """A read-only copy of a classmate's shared entry `LOGIN/ENTRY`, in `<journal>/course/LOGIN/entries/`.

    Its folder is a small journal of its own whose `[course]` names the classmate, so the copy's panel
    cell finds it and talks to the course, as that classmate's readers do.
    """

    login, entry_id = _split(target)
    client = joined(journal)
    notebook = client.notebook(login, entry_id)
    meta = entry_metadata(notebook)
    if meta.get("id") != entry_id:
        raise CourseError(f"the course sent a notebook for {meta.get('id')!r}, not {entry_id!r}")
    folder = journal.path / OPENED / login
    settings = Settings(title=f"{login}'s journal (shared in the course)", author=meta.get("author") or login,
                        username=login, style=journal.settings.style,
                        course=CourseLink(url=client.url, login=login))
    (folder / ENTRIES).mkdir(parents=True, exist_ok=True)
    settings.save(folder / FILENAME)
    for cell in notebook.get("cells", []):
        # JupyterLab honours these: the copy reads as the classmate wrote it, and only the panel cell runs.
        cell.setdefault("metadata", {}).update({"editable": False, "deletable": False})
    path = folder / ENTRIES / f"{str(meta.get('date', ''))[:10]}-{entry_id}.ipynb"
    if path.exists():
        path.chmod(0o644)
    write_notebook(notebook, path)
    path.chmod(0o444)
    Journal.open(folder).entry(path)          # the copy must read back as an entry of that folder
    return path


def _split(target: str) -> tuple[str, str]:
    parts = str(target).strip().strip("/").split("/")
    if len(parts) != 2 or not all(parts) or any(p in (".", "..") or "\\" in p for p in parts):
        raise JournalError(f"{target!r}: name a classmate's entry as LOGIN/ENTRY (e.g. ada/first-week)")
    return parts[0], parts[1]
