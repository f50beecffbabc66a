"""The course server's Tornado application: the shared state of every request, and its routes.

One process, no kernel, no process per visitor. Memory is bounded: every cache is an LRU of fixed
size (the rendered pages' in bytes, `[limits] page_cache_mb`). No visitor waits for another's slow work:
shares and comments are written in writer threads, one journal at a time; entries are rendered in a
small pool of processes with a time budget each (render.py); a portfolio PDF goes to one worker thread
with a short queue.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote

from jupyterhub.services.auth import HubOAuthCallbackHandler
from tornado import web

from ...comments.protocol import MODERATION, Actor
from ...environment import environment
from ...roles import MODERATORS
from ..access import Access
from ..errors import Busy, EntryNotFound
from ..store import PICTURES
from . import api, carry_api, feedback_api, feedback_pages, lti_pages, pages, reviews, rounds, tutors
from .flood import LRU, FloodGate
from .guard import Guarded, redacted
from .identity import StandaloneIdentity, hub_handler
from .render import RenderPool, TooLarge
from .views import TEMPLATES, thread_html

log = logging.getLogger("journal.course")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
MAX_QUEUED = 8              # slow jobs waiting for the worker; beyond that: 503, try again
MAX_RENDERING = 32          # distinct entries waiting for a render worker; beyond that: 503, try again
BUSY = "The server is busy rendering: try again in a moment."


@dataclass(frozen=True)
class ThreadView:
    """An entry's approved thread as the page shows it."""

    stamp: tuple
    html: str
    count: int
    names: dict            # comment id -> author name, for "Replying to …"


class ServerState:
    """What handlers share: the store, the rules about people, caches, the worker, the served addresses."""

    def __init__(self, store, renderer, *, single: bool = False, secret: str = "", shared_token: str = "",
                 hosts=(), port: int = 0, base_url: str = "/", roster=None, hub: bool = False, groups=None,
                 lti=None):
        self.store, self.renderer, self.single, self.hub = store, renderer, single, hub
        self.lti = lti          # the course in its LMS (lti/course.py LtiCourse), or None
        self.secret, self.shared_token = secret, shared_token
        self.base_url = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
        self.access = Access(store.settings, roster, groups)
        self.port = port
        self.hosts = {h.lower() for h in hosts}
        self.flood = FloodGate()
        limits = store.settings.limits
        self.articles = LRU(4096, max_bytes=limits.page_cache_bytes)
        self.threads = LRU(1024)
        self.readers = LRU(256)
        self.writers = LRU(256)
        self.writes = ThreadPoolExecutor(max_workers=8, thread_name_prefix="journal-write")
        self.journal_locks = LRU(1024)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal-render")
        self.renders = RenderPool(renderer, budget=limits.render_seconds)
        # Portfolios take seconds to minutes: their own thread, so pages never wait behind a class archive.
        self.exports = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal-export")
        self.queued = 0
        self.rendering: dict[str, asyncio.Future] = {}

    # -- addresses ----------------------------------------------------------------
    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def journal_url(self, login: str, *parts: str) -> str:
        """A student's journal page (`j/LOGIN/`), or one of its entries' (`j/LOGIN/ENTRY`, then `/comment`…)."""
        path = "/".join(quote(p, safe="") for p in (login, *parts))
        return self.url(f"j/{path}" + ("" if parts else "/"))

    def serves_host(self, host: str) -> bool:
        """A Host (or an Origin's host) this server answers to. A rebound DNS name is never among them:
        local names (on any port: a proxy may sit in front) and the names given with --allow-host are."""
        if host in self.hosts:
            return True
        name = host[1:].partition("]")[0] if host.startswith("[") else host.partition(":")[0]
        return name in LOCAL_HOSTS or name in self.hosts

    # -- who reads what: every route asks these, so a refusal is the same everywhere ------------
    def role_of(self, person, login: str) -> str:
        """author, tutor or peer on `login`'s journal (every visitor is a peer of a single journal)."""
        return "peer" if self.single else self.access.role_on(person, login)

    def readable(self, person, login: str, entry_id: str, version: int | None = None):
        """The shared entry (at `version`) if `person` may read it; else EntryNotFound, exactly as for an entry
        that does not exist. Only the manifest is read, unless an earlier version is asked for."""
        shared = next((e for e in self.store.entries(login, include_withdrawn=True) if e.entry_id == entry_id),
                      None)
        if shared is None or not self.access.may_read_entry(person, self.role_of(person, login), shared, version):
            raise EntryNotFound(f"{login}/{entry_id}")
        if version is not None and version != shared.version:
            return self.store.entry(login, entry_id, version=version)
        return shared

    def visible(self, person, login: str | None = None) -> list:
        """The shared entries (of one journal, or of all) `person` may read, newest first."""
        return [e for e in self.store.entries(login, include_withdrawn=True)
                if self.access.may_read_entry(person, self.role_of(person, e.login), e)]

    def readable_ids(self, person, login: str) -> frozenset | None:
        """The ids of `login`'s entries whose comments and counts `person` may read; None for all of them
        (the author and tutors read comments on every entry, even one never shared or since deleted)."""
        if self.role_of(person, login) in MODERATORS:
            return None
        return frozenset(e.entry_id for e in self.visible(person, login))

    # -- stores -------------------------------------------------------------------
    def reader(self, login: str):
        """A peer's view of one journal's comments, kept between requests (thread, counts)."""
        store = self.readers.get(login)
        if store is None:
            store = self.readers.put(login, self.store.comments(login, Actor("", "peer")))
        return store

    def thread_view(self, login: str, entry_id: str) -> "ThreadView":
        """The approved thread as HTML, redone only when the journal's comments changed.

        The store's stamp says so cheaply (a file's stat, a database's last event); a store that cannot tell
        has its thread compared by content.
        """
        reader = self.reader(login)
        stamp = reader.stamp()
        key = (login, entry_id)
        cached = self.threads.get(key)
        if cached is not None and stamp is not None and cached.stamp == stamp:
            return cached
        frame = reader.thread(entry_id)
        if stamp is None:
            stamp = tuple(frame["id"] + frame["status_at"] + frame["body"])
            if cached is not None and cached.stamp == stamp:
                return cached
        base = self.journal_url(login, entry_id)
        view = ThreadView(stamp, thread_html(frame, lambda cid: f"{base}?reply={quote(cid)}#comment-form"),
                          len(frame), dict(zip(frame["id"], frame["author_name"])))
        return self.threads.put(key, view)

    def view(self, login: str, actor: Actor):
        """One journal's comments as `actor` may read them (pending ones for moderators), on the loop's thread."""
        return self.reader(login).as_actor(actor)

    def writer(self, login: str):
        """The store every change to one journal's comments goes through (in the writer threads only)."""
        store = self.writers.get(login)
        if store is None:
            store = self.writers.put(login, self.store.comments(login, Actor("", "peer")))
        return store

    async def write(self, login: str, actor: Actor, method: str, *args, **kwargs):
        """Call a store method that writes (submit, approve, edit…) as `actor`: in a writer thread, one call per
        journal at a time, so neither the pages nor the other journals wait for the disk (each append is fsynced)."""
        return await self.writing(login, actor, lambda store: getattr(store, method)(*args, **kwargs))

    async def writing(self, login: str, actor: Actor, call):
        """`call(store)` in a writer thread with the journal's store acting as `actor` (as `write`): for writes
        that go through something the store offers, such as its feedback."""
        async with self.journal_lock(login):
            store = self.writer(login).as_actor(actor)
            return await asyncio.get_running_loop().run_in_executor(self.writes, partial(call, store))

    async def sharing(self, login: str, call, *args):
        """`call(*args)` in a writer thread, after the journal's other writes: reading, checking and storing
        a shared notebook takes seconds for a large one, which no other visitor waits for."""
        async with self.journal_lock(login):
            return await asyncio.get_running_loop().run_in_executor(self.writes, partial(call, *args))

    def journal_lock(self, login: str) -> asyncio.Lock:
        """One write at a time per journal (comments, feedback, shares), in the order they came."""
        return self.journal_locks.get(login) or self.journal_locks.put(login, asyncio.Lock())

    async def post_comment(self, handler, login: str, entry_id: str, *, body, reply_to=None, email=None,
                           typed_name=None):
        """Submit as the person the request belongs to, after flood control by person or client."""
        person = handler.require_person()
        role = handler.role_on(login)
        settings = self.store.journal_settings(login)
        if self.single or not person.login:
            name, keys = (typed_name or "").strip(), handler.client_keys()
        else:
            name, keys = person.name, ["u:" + person.login]
        if role == "peer":
            self.flood.check(keys, settings.comments.flood_seconds)
            self.flood.record(keys)     # before the wait: a second post of the same person is held meanwhile
        try:
            return await self.write(login, Actor(person.login or "visitor", role), "submit", entry_id, name=name,
                                    body=body if isinstance(body, str) else "",
                                    email=email if isinstance(email, str) else None,
                                    reply_to=reply_to if isinstance(reply_to, str) and reply_to else None, role=role)
        except Exception:
            if role == "peer":
                self.flood.forget(keys)  # a refused comment does not count against the next try
            raise

    # -- slow work ----------------------------------------------------------------
    async def in_worker(self, fn, *args, pool=None):
        """Run `fn` in a worker thread (the renderer's, or `pool`); a full queue refuses at once rather than grow."""
        if self.queued >= MAX_QUEUED:
            raise Busy(BUSY)
        self.queued += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(pool or self.worker, fn, *args)
        finally:
            self.queued -= 1

    async def article(self, shared) -> str | None:
        """The entry's article HTML, rendered once per export fingerprint (concurrent readers share one render);
        None when this version is too large to show (its render went past the course's budget)."""
        settings = self.store.journal_settings(shared.login)
        key = self.renderer.key(shared, settings)
        html = self.articles.get(key)
        if html is not None or self.renders.too_large(key):
            return html
        pending = self.rendering.get(key)
        if pending is None:
            if len(self.rendering) >= MAX_RENDERING:
                raise Busy(BUSY)
            pending = asyncio.ensure_future(self._render(key, shared, settings))
            self.rendering[key] = pending
            pending.add_done_callback(lambda _f: self.rendering.pop(key, None))
        try:
            html = await pending
        except TooLarge:
            return None
        return self.articles.put(key, html)

    async def _render(self, key, shared, settings) -> str:
        full = shared if shared.notebook else await asyncio.to_thread(self.store.entry, shared.login,
                                                                      shared.entry_id)
        return await self.renders.article(key, full, settings, self.store.library_path)

    def rendered(self, shared) -> None:
        """Start rendering a freshly shared entry now (its first reader then waits for nothing)."""
        async def go():
            try:
                await self.article(shared)
            except Exception as exc:      # a failed pre-render is tried again by the first reader
                log.warning("pre-render of %s/%s failed: %s", shared.login, shared.entry_id, exc)
        asyncio.ensure_future(go())


JOURNAL = r"j/([^/]+)"         # a student's journal: under j/, so no login can be mistaken for a page of ours
PICTURE = "(?i:" + "|".join(re.escape(ending[1:]) for ending in PICTURES) + ")"
VERBS = "|".join(MODERATION)


def _routes() -> list[tuple[str, type]]:
    """Every address the server answers (below its base URL), and the handler of each.

    Tornado takes the first pattern that matches, so a more specific pattern comes before one that would
    also match it; tests/unit/test_course_routes.py checks that each address reaches its handler.
    """
    return [
        ("", pages.Index),
        (r"style\.css", pages.Stylesheet),
        (r"login", pages.Login),
        (r"moderate", pages.Moderate),
        (r"moderate/([^/]+)/([^/]+)", pages.Moderate),
        (r"tutor", tutors.Tutor),
        (r"tutor/feedback", tutors.TutorFeedback),
        (r"tutor/report", tutors.TutorReport),
        (r"tutor/class\.zip", tutors.Portfolio),
        (r"tutor/([^/]+)/portfolio\.pdf", tutors.Portfolio),
        (r"tutor/rounds", rounds.OpenRound),
        (r"tutor/rounds/([^/]+)/(allocate|close)", rounds.ChangeRound),
        (r"tutor/roster", lti_pages.RosterSync),
        (r"tutor/grades", lti_pages.GradesPush),
        (r"lti/jwks\.json", lti_pages.KeySet),
        (r"review", reviews.ToReview),
        (r"review/([^/]+)/([^/]+)/([^/]+)", reviews.PostReview),
        (r"api/whoami", api.WhoAmI),
        (r"api/entries", api.Entries),
        (r"api/entries/([^/]+)/([^/]+)/versions", api.Versions),
        (r"api/entries/([^/]+)/([^/]+)", api.OneEntry),
        (r"api/journals/([^/]+)", api.JournalSettings),
        (r"api/role/([^/]+)", api.Role),
        (r"api/comments/([^/]+)", api.Comments),
        (r"api/comments/([^/]+)/thread/([^/]+)", api.Thread),
        (r"api/comments/([^/]+)/counts", api.Counts),
        (r"api/comments/([^/]+)/carry", carry_api.Carry),
        (r"api/comments/([^/]+)/([^/]+)", api.OneComment),
        (rf"api/comments/([^/]+)/([^/]+)/(history|{VERBS})", api.OneComment),
        (r"api/feedback-settings", feedback_api.Criteria),
        (r"api/feedback/([^/]+)", feedback_api.Feedback),
        (r"api/feedback/([^/]+)/(release|recall)", feedback_api.Change),
        (r"api/feedback/([^/]+)/([^/]+)", feedback_api.OnePiece),
        (r"api/feedback/([^/]+)/([^/]+)/(history)", feedback_api.OnePiece),
        (rf"{JOURNAL}/(.+\.{PICTURE})", pages.Picture),
        (JOURNAL, pages.Student),
        (rf"{JOURNAL}/([^/]+)", pages.EntryPage),
        (rf"{JOURNAL}/([^/]+)/comment", pages.PostComment),
        (rf"{JOURNAL}/([^/]+)/feedback", feedback_pages.PostFeedback),
        (rf"{JOURNAL}/([^/]+)/download", pages.Download),
        # A journal's address before journals moved under j/: sent on, so bookmarks and old links still work.
        (r"(?!api/|j/)([^/]+)(/.*)?", pages.MovedJournal),
    ]


def make_app(state: ServerState, *, hub: bool = False) -> web.Application:
    routes = []
    for pattern, handler in _routes():
        handler = hub_handler(handler) if hub else type(handler.__name__, (StandaloneIdentity, handler), {})
        routes.append((state.url(pattern) + "/?$" if pattern else state.url() + "?$", handler))
    if hub:
        # First: nothing else may answer the hub's OAuth callback. Its refusals and redirects carry our
        # headers too, and its `?code=` stays out of the log.
        routes.insert(0, (state.url("oauth_callback"), type("OAuthCallback", (Guarded, HubOAuthCallbackHandler), {})))
    return web.Application(
        routes, journal=state, log_function=_log_request, template_path=str(TEMPLATES), xsrf_cookies=True,
        cookie_secret=environment().hub_api_token or state.secret or secrets.token_bytes(32),
        login_url=state.url("login"), default_handler_class=pages.NotFound, compiled_template_cache=True,
        autoreload=False, debug=False)


def _log_request(handler) -> None:
    """Refusals and failures go to the log; a successful page view is not worth a line (and its time)."""
    status = handler.get_status()
    if status >= 400:
        method = log.error if status >= 500 else log.warning
        method("%d %s %s (%s) %.1f ms", status, handler.request.method, redacted(handler.request.uri),
               handler.request.remote_ip, 1000.0 * handler.request.request_time())
