"""The JSON API (COURSE_API.md): sharing entries, and every comment store call, with the role decided here."""

from __future__ import annotations

import json

from tornado import web

from ...comments import privacy
from ...comments.errors import CommentNotFound
from ...comments.protocol import MODERATION, Actor
from ...errors import EntryError, JournalError, SettingsError
from ...roles import MODERATORS
from .. import visibility
from ..access import holds_login, unholdable
from ..errors import BadRequest, EntryNotFound, NotAllowed
from ...anatomy import entry_metadata
from ..intake import parse_body
from .guard import BaseHandler, Refusal, as_refusal, refusal



def shared_dict(shared) -> dict:
    return {"login": shared.login, "entry_id": shared.entry_id, "title": shared.title, "date": shared.date,
            "tags": list(shared.tags), "version": shared.version, "shared_at": shared.shared_at,
            "withdrawn": shared.withdrawn, "visibility": shared.visibility}


class ApiHandler(BaseHandler):
    """JSON in and out; refusals as {"error", "kind"} with the status COURSE_API.md gives."""

    def prepare(self):
        super().prepare()
        self.require_person()

    def wants_json(self) -> bool:
        return True

    def refused(self, refusal: Refusal):
        self.set_status(refusal.status)
        self.reply({"error": refusal.message, "kind": refusal.kind})

    def reply(self, data, status: int | None = None):
        if status:
            self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data))

    def body_json(self):
        try:
            return json.loads(self.request.body or b"null")
        except (ValueError, RecursionError):        # RecursionError: nested a thousand levels deep
            raise BadRequest("The request body is not JSON.") from None

    def actor_on(self, login: str) -> Actor:
        person = self.require_person()
        return Actor(person.login or "visitor", self.role_on(login))

    def comment_readable(self, login: str, comment) -> None:
        """CommentNotFound, worded as for a comment that does not exist, unless this person may read
        `comment`: approved (or they moderate), on an entry they may read."""
        ids = self.readable_ids(login)
        if (comment.status != "approved" and self.role_on(login) not in MODERATORS) or \
                (ids is not None and comment.entry_id not in ids):
            raise CommentNotFound(f"{login}/{comment.id}")

    def commentable_ids(self, login: str, entry_id: str | None = None) -> frozenset | None:
        """The entries of `login` whose comments and counts this person may read (None: all of them), after
        EntryNotFound if `entry_id` is given and is not among them."""
        ids = self.readable_ids(login)
        if entry_id is not None and ids is not None and entry_id not in ids:
            raise EntryNotFound(f"{login}/{entry_id}")
        return ids


class WhoAmI(ApiHandler):
    def get(self):
        person = self.require_person()
        self.reply({"name": person.login, "display_name": person.name,
                    "tutor": (not self.conf.single) and self.conf.access.is_tutor(person)})


class Entries(ApiHandler):
    @as_refusal
    def get(self):
        login = self.get_query_argument("login", None)
        counts = {}
        out = []
        for e in self.visible(login):
            if e.login not in counts:
                counts[e.login] = self.conf.reader(e.login).counts()
            visible = _visible_counts(counts[e.login].get(e.entry_id), self.role_on(e.login))
            out.append({**shared_dict(e), "counts": visible})
        self.reply(out)


class OneEntry(ApiHandler):
    @as_refusal
    def get(self, login, entry_id):
        version = self.get_query_argument("version", None)
        shared = self.readable(login, entry_id, int(version) if version and version.isdigit() else None)
        self.reply(shared.notebook or self.conf.store.entry(login, entry_id).notebook)

    async def put(self, login, entry_id):
        try:
            person = self.require_person()
            if self.conf.single or person.login != login:
                raise NotAllowed("You can share entries of your own journal only.")
            level = visibility.chosen(self.get_query_argument("visibility", None), self.conf.store.settings)
            # Parsing, checking and storing take seconds for a large notebook: in a writer thread.
            shared = await self.conf.sharing(login, _share, self.conf.store, login, entry_id, self.request.body,
                                             level)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, "share"))
        self.conf.rendered(shared)       # render now, in the worker, so the first reader waits for nothing
        self.reply(shared_dict(shared))

    @as_refusal(doing="withdraw")
    def delete(self, login, entry_id):
        if self.role_on(login) == "peer" or self.conf.single:
            raise NotAllowed("Only the journal's author or a tutor can withdraw an entry.")
        self.conf.store.unshare(login, entry_id)
        self.set_status(204)
        self.finish()


class Versions(ApiHandler):
    @as_refusal
    def get(self, login, entry_id):
        # Earlier versions are for the author and tutors; to anyone else the list looks like a missing entry.
        if self.role_on(login) not in MODERATORS:
            raise EntryNotFound(f"{login}/{entry_id}")
        self.reply([shared_dict(v) for v in self.conf.store.versions(login, entry_id)])


class JournalSettings(ApiHandler):
    @as_refusal
    def put(self, login):
        if self.conf.single or self.require_person().login != login:
            raise NotAllowed("You can set up your own journal only.")
        if not holds_login(login):      # joining is the first call a journal makes: say so now, not at a share
            raise BadRequest(unholdable(login))
        try:
            settings = self.conf.store.configure(login, self.body_json())
        except SettingsError as exc:
            raise BadRequest(str(exc)) from None
        self.reply({"title": settings.title, "author": settings.author, "style": settings.style})


class Role(ApiHandler):
    def get(self, login):
        self.reply({"role": self.role_on(login)})


class Comments(ApiHandler):
    @as_refusal
    def get(self, login):
        store = self.conf.view(login, self.actor_on(login))
        status = self.get_query_argument("status", "approved")
        entry = self.get_query_argument("entry", None)
        if status != "approved":
            store.require_moderator()
        ids = self.commentable_ids(login, entry)
        frame = store.frame(status=None if status == "all" else status, entry_id=entry)
        if ids is not None:
            frame = frame[frame["entry_id"].isin(ids)]
        self.reply(privacy.records(frame, store.role))

    async def post(self, login):
        try:
            await self._post(login)
        except (JournalError, Refusal) as exc:
            self.refused(refusal(exc, "comment"))

    async def _post(self, login):
        data = self.body_json()
        if not isinstance(data, dict):
            raise BadRequest("Send the comment as a JSON object.")
        entry_id = str(data.get("entry_id") or "")
        self.readable(login, entry_id)
        comment = await self.conf.post_comment(self, login, entry_id, body=data.get("body"),
                                         reply_to=data.get("reply_to"), email=data.get("email"),
                                         typed_name=data.get("name"))
        self.reply(privacy.record(comment, self.role_on(login)), status=201)


class Thread(ApiHandler):
    @as_refusal
    def get(self, login, entry_id):
        self.readable(login, entry_id)
        self.reply(privacy.records(self.conf.reader(login).thread(entry_id), self.role_on(login)))


class Counts(ApiHandler):
    @as_refusal
    def get(self, login):
        entry = self.get_query_argument("entry", None)
        role = self.role_on(login)
        ids = self.commentable_ids(login, entry)
        if entry is not None:
            self.reply(_visible_counts(self.conf.reader(login).counts(entry), role))
            return
        self.reply({k: _visible_counts(v, role) for k, v in self.conf.reader(login).counts().items()
                    if ids is None or k in ids})


class OneComment(ApiHandler):
    @as_refusal
    def get(self, login, cid, what=None):
        store = self.conf.view(login, self.actor_on(login))
        if what == "history":
            store.require_moderator()
            self.reply(store.history(cid))
            return
        comment = store.get(cid)
        self.comment_readable(login, comment)
        self.reply(privacy.record(comment, store.role))

    async def post(self, login, cid, what=None):
        if what not in MODERATION:
            raise web.HTTPError(405)            # GET only, for a comment's history
        await self.change(login, what, cid)

    async def patch(self, login, cid, what=None):
        try:
            data = self.body_json()
        except Refusal as exc:
            return self.refused(exc)
        await self.change(login, "edit", cid, (data or {}).get("body") if isinstance(data, dict) else None)

    async def change(self, login, method, *args):
        try:
            actor = self.actor_on(login)
            self.conf.view(login, actor).require_moderator()   # refused before any thread is woken
            comment = await self.conf.write(login, actor, method, *args)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, "moderation"))
        self.reply(privacy.record(comment, actor.role))


def _share(store, login: str, entry_id: str, body: bytes, level: str | None):
    """Parse and share the body of `PUT api/entries/LOGIN/EID` (in a writer thread): every refusal a 400
    naming the entry, its size checked before parsing and its shape before nbformat's validation."""
    label = f"{login}/{entry_id}"
    try:
        notebook = parse_body(label, body, store.settings.limits)
        got = entry_metadata(notebook).get("id")
        if got != entry_id:
            raise BadRequest(f"The notebook's entry id {got!r} is not {entry_id!r}.")
        return store.share(login, notebook, level)
    except (EntryError, SettingsError) as exc:    # worded for the sender: names the entry, never a path
        raise BadRequest(str(exc)) from None


def _visible_counts(counts, role: str) -> dict:
    """A peer learns only how many comments are approved; moderators see every status."""
    counts = counts or {}
    if role not in MODERATORS:
        return {"approved": counts.get("approved", 0)}
    return dict(counts) if counts else {"pending": 0, "approved": 0, "spam": 0, "trash": 0}
