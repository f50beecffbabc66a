"""The JSON API (COURSE_API.md): sharing entries, and every comment store call, with the role decided here."""

from __future__ import annotations

import json
from dataclasses import asdict

from ...comments.protocol import Actor
from ..errors import EntryNotFound
from ..intake import entry_meta, parse_body
from ...errors import EntryError, JournalError, SettingsError
from .guard import BaseHandler, Refusal, as_refusal, refusal

MODERATION = ("approve", "spam", "trash", "restore")


def shared_dict(shared) -> dict:
    return {"login": shared.login, "entry_id": shared.entry_id, "title": shared.title, "date": shared.date,
            "tags": list(shared.tags), "version": shared.version, "shared_at": shared.shared_at,
            "withdrawn": shared.withdrawn}


def comment_dict(comment) -> dict:
    return asdict(comment)


def frame_records(frame) -> list[dict]:
    records = frame.to_dict("records")
    for r in records:
        if "depth" in r:
            r["depth"] = int(r["depth"])
    return records


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
            raise Refusal(400, "bad-request", "The request body is not JSON.") from None

    def actor_on(self, login: str) -> Actor:
        person = self.require_person()
        return Actor(person.login or "visitor", self.role_on(login))

    def readable(self, login: str, entry_id: str, version: int | None = None):
        """The shared entry, if this person may read it (withdrawn ones: author and tutors only)."""
        shared = self.conf.store.entry(login, entry_id, version=version)
        if (shared.withdrawn or version is not None) and self.role_on(login) == "peer":
            raise EntryNotFound(f"{login}/{entry_id}")
        return shared


class WhoAmI(ApiHandler):
    def get(self):
        person = self.require_person()
        self.reply({"name": person.login, "display_name": person.name,
                    "tutor": (not self.conf.single) and self.conf.access.is_tutor(person)})


class Entries(ApiHandler):
    @as_refusal
    def get(self):
        login = self.get_query_argument("login", None)
        found = self.conf.store.entries(login, include_withdrawn=True)
        shown = [e for e in found if not e.withdrawn or self.role_on(e.login) != "peer"]
        counts = {}
        out = []
        for e in shown:
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
        self.reply(shared.notebook)

    async def put(self, login, entry_id):
        try:
            person = self.require_person()
            if self.conf.single or person.login != login:
                raise Refusal(403, "moderation", "You can share entries of your own journal only.")
            # Parsing, checking and storing take seconds for a large notebook: in a writer thread.
            shared = await self.conf.sharing(login, _share, self.conf.store, login, entry_id, self.request.body)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        self.conf.rendered(shared)       # render now, in the worker, so the first reader waits for nothing
        self.reply(shared_dict(shared))

    @as_refusal
    def delete(self, login, entry_id):
        if self.role_on(login) == "peer" or self.conf.single:
            raise Refusal(403, "moderation", "Only the journal's author or a tutor can withdraw an entry.")
        self.conf.store.unshare(login, entry_id)
        self.set_status(204)
        self.finish()


class Versions(ApiHandler):
    @as_refusal
    def get(self, login, entry_id):
        if self.role_on(login) == "peer":
            raise Refusal(403, "moderation", "Earlier versions are for the author and tutors.")
        self.reply([shared_dict(v) for v in self.conf.store.versions(login, entry_id)])


class JournalSettings(ApiHandler):
    @as_refusal
    def put(self, login):
        if self.conf.single or self.require_person().login != login:
            raise Refusal(403, "moderation", "You can set up your own journal only.")
        try:
            settings = self.conf.store.configure(login, self.body_json())
        except SettingsError as exc:
            raise Refusal(400, "bad-request", str(exc)) from None
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
        frame = store.frame(status=None if status == "all" else status, entry_id=entry)
        self.reply(frame_records(frame))

    async def post(self, login):
        try:
            await self._post(login)
        except (JournalError, Refusal) as exc:
            self.refused(refusal(exc))

    async def _post(self, login):
        data = self.body_json()
        if not isinstance(data, dict):
            raise Refusal(400, "bad-request", "Send the comment as a JSON object.")
        entry_id = str(data.get("entry_id") or "")
        self.readable(login, entry_id)
        comment = await self.conf.post_comment(self, login, entry_id, body=data.get("body"),
                                         reply_to=data.get("reply_to"), email=data.get("email"),
                                         typed_name=data.get("name"))
        self.reply(comment_dict(comment), status=201)


class Thread(ApiHandler):
    @as_refusal
    def get(self, login, entry_id):
        self.readable(login, entry_id)
        self.reply(frame_records(self.conf.reader(login).thread(entry_id)))


class Counts(ApiHandler):
    @as_refusal
    def get(self, login):
        entry = self.get_query_argument("entry", None)
        counts = self.conf.reader(login).counts(entry)
        role = self.role_on(login)
        if entry is not None:
            self.reply(_visible_counts(counts, role))
        else:
            self.reply({k: _visible_counts(v, role) for k, v in counts.items()})


class OneComment(ApiHandler):
    @as_refusal
    def get(self, login, cid, what=None):
        store = self.conf.view(login, self.actor_on(login))
        if what == "history":
            store.require_moderator()
            self.reply(store.history(cid))
            return
        comment = store.get(cid)
        if comment.status != "approved" and not store.can_moderate:
            raise Refusal(404, "not-found", "No such comment.")
        self.reply(comment_dict(comment))

    async def post(self, login, cid, what=None):
        if what not in MODERATION:
            return self.refused(Refusal(404, "not-found", "No such action."))
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
            return self.refused(refusal(exc))
        self.reply(comment_dict(comment))


def _share(store, login: str, entry_id: str, body: bytes):
    """Parse and share the body of `PUT api/entries/LOGIN/EID` (in a writer thread): every refusal a 400
    naming the entry, its size checked before parsing and its shape before nbformat's validation."""
    label = f"{login}/{entry_id}"
    try:
        notebook = parse_body(label, body, store.settings.limits)
        got = (entry_meta(notebook) or {}).get("id")
        if got != entry_id:
            raise Refusal(400, "bad-request", f"The notebook's entry id {got!r} is not {entry_id!r}.")
        return store.share(login, notebook)
    except (EntryError, SettingsError) as exc:    # worded for the sender: names the entry, never a path
        raise Refusal(400, "bad-request", str(exc)) from None


def _visible_counts(counts, role: str) -> dict:
    """A peer learns only how many comments are approved; moderators see every status."""
    counts = counts or {}
    if role == "peer":
        return {"approved": counts.get("approved", 0)}
    return dict(counts) if counts else {"pending": 0, "approved": 0, "spam": 0, "trash": 0}


ROUTES = [
    (r"api/whoami", WhoAmI),
    (r"api/entries", Entries),
    (r"api/entries/([^/]+)/([^/]+)/versions", Versions),
    (r"api/entries/([^/]+)/([^/]+)", OneEntry),
    (r"api/journals/([^/]+)", JournalSettings),
    (r"api/role/([^/]+)", Role),
    (r"api/comments/([^/]+)", Comments),
    (r"api/comments/([^/]+)/thread/([^/]+)", Thread),
    (r"api/comments/([^/]+)/counts", Counts),
    (r"api/comments/([^/]+)/([^/]+)", OneComment),
    (r"api/comments/([^/]+)/([^/]+)/(history|approve|spam|trash|restore)", OneComment),
]
