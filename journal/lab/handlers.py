"""The server extension's HTTP API under `/journal-lab/`: JSON in, JSON out, paths relative to the root.

Every request is authenticated like the contents API, and every path must stay inside the
server's root folder, so the extension reads nothing the file browser could not.
"""

from __future__ import annotations

import asyncio
import functools
import json
from pathlib import Path

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado import web

from references.errors import ReferencesError

from ..comments.errors import CommentNotFound, ModerationRefused
from ..errors import JournalError, NotAJournal
from ..folder import Journal, find_journal
from ..course.visibility import LEVELS
from ..templates import TEMPLATES
from . import live, moderation, sidebar

NAMESPACE = "journal-lab"


class Base(APIHandler):
    auth_resource = "contents"

    @property
    def root(self) -> Path:
        return Path(self.contents_manager.root_dir).resolve()

    def resolve(self, api_path: str | None, *, suffix: str | None = ".ipynb", exists: bool = True) -> Path:
        """The file at `api_path` under the root; 400 when it is missing, outside the root or not a notebook."""
        if not api_path:
            raise web.HTTPError(400, "a 'path' is needed")
        path = (self.root / api_path.lstrip("/")).resolve()
        if not path.is_relative_to(self.root):
            raise web.HTTPError(400, f"{api_path}: outside the server's root folder")
        if suffix and path.suffix != suffix:
            raise web.HTTPError(400, f"{api_path}: not a notebook")
        if exists and not path.exists():
            raise web.HTTPError(404, f"{api_path}: no such file")
        return path

    def body(self) -> dict:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "the request body is not JSON") from None
        if not isinstance(data, dict):
            raise web.HTTPError(400, "the request body must be a JSON object")
        return data

    def journal_of(self, path: Path) -> Journal:
        try:
            return find_journal(path if path.is_dir() else path.parent, use_env=False)
        except (NotAJournal, JournalError) as exc:
            raise web.HTTPError(404, str(exc)) from None

    def write_error(self, status_code, **kwargs):
        # The message (which names the file or field) is what the sidebar shows.
        exc = kwargs.get("exc_info", (None, None))[1]
        message = exc.log_message if isinstance(exc, web.HTTPError) and exc.log_message else self._reason
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message}))


def user_error(fn):
    """Turn the core's errors (which name the file or field) into replies with that message: 403 for what the
    role may not do, 404 for a comment that is not there, 400 for the rest."""

    @functools.wraps(fn)
    async def wrapper(self, *args, **kwargs):
        try:
            return await fn(self, *args, **kwargs)
        except ModerationRefused as exc:
            raise web.HTTPError(403, str(exc)) from None
        except CommentNotFound as exc:
            raise web.HTTPError(404, str(exc)) from None
        except (JournalError, ReferencesError) as exc:
            raise web.HTTPError(400, str(exc)) from None

    return wrapper


class WorksHandler(Base):
    """GET ?path=NOTEBOOK: what the notebook can cite (the library; the client adds the embedded works)."""

    @web.authenticated
    @authorized
    @user_error
    async def get(self):
        self.finish(live.works(self.resolve(self.get_argument("path", None))))

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        self.finish(live.works(self.resolve(data.get("path")), _text(data, "embedded")))


class CiteHandler(Base):
    """POST {path, cells, embedded}: the open notebook's citations rendered, its list, what to embed."""

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        cells = data.get("cells", [])
        if not isinstance(cells, list) or not all(isinstance(c, str) for c in cells):
            raise web.HTTPError(400, "'cells' must be a list of Markdown strings")
        self.finish(live.cite(self.resolve(data.get("path")), cells, _text(data, "embedded")))


class EntryHandler(Base):
    """GET ?path=NOTEBOOK: is it a journal entry, and which panel code may run on open."""

    @web.authenticated
    @authorized
    async def get(self):
        self.finish(sidebar.entry_info(self.resolve(self.get_argument("path", None))))


class ExportersHandler(Base):
    """GET: the labels of our exporters, for JupyterLab's export menu."""

    @web.authenticated
    @authorized
    async def get(self):
        self.finish(sidebar.export_labels())


class JournalHandler(Base):
    """GET ?path=ANY: the journal containing it. POST {path, title, template}: a new entry."""

    @web.authenticated
    @authorized
    @user_error
    async def get(self):
        path = self.resolve(self.get_argument("path", "") or ".", suffix=None)
        self.finish(sidebar.overview(self.journal_of(path), self.root))

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        journal = self.journal_of(self.resolve(data.get("path") or ".", suffix=None))
        template = data.get("template") or "blank"
        if template not in TEMPLATES:
            raise web.HTTPError(400, f"unknown template {template!r} (choose from {', '.join(TEMPLATES)})")
        self.finish({"path": sidebar.new_entry(journal, self.root, _text(data, "title"), template)})


class StampHandler(Base):
    """GET ?path=ANY: a token that changes when the journal's comments or entries do (the sidebar polls it)."""

    @web.authenticated
    @authorized
    @user_error
    async def get(self):
        path = self.resolve(self.get_argument("path", "") or ".", suffix=None)
        self.finish({"stamp": sidebar.stamp(self.journal_of(path))})


class TemplatesHandler(Base):
    """GET: the entry templates, each with its label and description (for the launcher and the New entry form)."""

    @web.authenticated
    @authorized
    async def get(self):
        self.finish(sidebar.template_labels())


class ModerationHandler(Base):
    """GET ?path=ANY&status=S: the journal's comments with status S. POST {path, action, ids, body}: act on them."""

    @web.authenticated
    @authorized
    @user_error
    async def get(self):
        path = self.resolve(self.get_argument("path", "") or ".", suffix=None)
        self.finish(moderation.queue(self.journal_of(path), self.get_argument("status", "pending")))

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        action, ids = data.get("action"), data.get("ids", [])
        if action not in moderation.ACTIONS:
            raise web.HTTPError(400, f"action must be one of {', '.join(moderation.ACTIONS)}, not {action!r}")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise web.HTTPError(400, "'ids' must be a list of comment ids")
        journal = self.journal_of(self.resolve(data.get("path") or ".", suffix=None))
        self.finish({"message": moderation.act(journal, action, ids, _text(data, "body"))})


class StatusHandler(Base):
    """POST {path, status, force}: publish or unpublish an entry that is not open (open ones change in the editor).

    Answers {"status", "warnings"}: with warnings (sections holding only their prompt, missing citations) and no
    `force`, the entry stays a draft, and the sidebar asks before sending `force: true`."""

    @web.authenticated
    @authorized
    @user_error
    async def get(self):
        """?path=: {"status", "warnings"} of the entry as saved, changing nothing (an open entry: save it first)."""
        path = self.resolve(self.get_argument("path", ""))
        self.finish(sidebar.status_of(self.journal_of(path), path))

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        status = data.get("status")
        if status not in ("draft", "published"):
            raise web.HTTPError(400, f"status must be draft or published, not {status!r}")
        path = self.resolve(data.get("path"))
        self.finish(sidebar.set_status(self.journal_of(path), path, status, force=data.get("force") is True))


class ShareHandler(Base):
    """POST {path, visibility}: share a published entry with the course the journal joined (no visibility: at
    the level it had, or the course's default); what the course
    stored ({"entry_id", "version", "visibility", …})."""

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        visibility = data.get("visibility") or None            # none: as it was, or the course's default
        if visibility is not None and visibility not in LEVELS:
            raise web.HTTPError(400, f"visibility must be one of {', '.join(LEVELS)}, not {visibility!r}")
        path = self.resolve(data.get("path"))
        journal = self.journal_of(path)
        # The course is another server: keep this one answering while it replies.
        self.finish(await asyncio.get_running_loop().run_in_executor(None, sidebar.share, journal, path, visibility))


class ExportHandler(Base):
    """POST {path, to}: export an entry to html or pdf; the output's path."""

    @web.authenticated
    @authorized
    @user_error
    async def post(self):
        data = self.body()
        to = data.get("to", "pdf")
        if to not in ("html", "pdf"):
            raise web.HTTPError(400, f"'to' must be html or pdf, not {to!r}")
        path = self.resolve(data.get("path"))
        journal = self.journal_of(path)
        # A PDF takes seconds: keep the server answering meanwhile.
        output = await asyncio.get_running_loop().run_in_executor(
            None, sidebar.export, journal, path, self.root, to)
        self.finish({"path": output})


def _text(data: dict, name: str) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise web.HTTPError(400, f"'{name}' must be a string")
    return value


ROUTES = [("works", WorksHandler), ("cite", CiteHandler), ("entry", EntryHandler), ("exporters", ExportersHandler),
          ("journal", JournalHandler), ("stamp", StampHandler), ("templates", TemplatesHandler),
          ("moderation", ModerationHandler), ("status", StatusHandler), ("share", ShareHandler),
          ("export", ExportHandler)]


def setup_handlers(web_app) -> None:
    from jupyter_server.utils import url_path_join

    base = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base, NAMESPACE, name), handler) for name, handler in ROUTES])
