"""The HTML pages: class index, a student's entries, entry pages with their thread and form, moderation, tutors.

Forms post without script (XSRF token in the form); a refused comment comes back with its text kept.
"""

from __future__ import annotations

import asyncio
import json
import os
from urllib.parse import quote

from tornado import web

from ...comments.model import STATUSES
from ...comments.protocol import MODERATION, Actor
from ...comments.text import HELD, PUBLISHED, thoughts
from ...comments.errors import ModerationRefused
from ...errors import EntryError, JournalError
from .. import visibility
from ..errors import BadRequest, EntryNotFound
from ..store import PICTURE_TYPES
from . import own_comments
from .guard import CLIENT_COOKIE, BaseHandler, Refusal, as_refusal, refusal
from .feedback_views import feedback_html, form_html
from .identity import address_without_token
from .views import TEMPLATES, actions, body_html

FLASH = "journal-flash"


class PageHandler(BaseHandler):
    def prepare(self):
        super().prepare()
        if self.conf.hub:
            if self.current_user is None:
                # After its login the hub sends the browser back to this address, and logs it: not with a
                # token in it (the hub signs nobody in by one), so the token goes first.
                self.redirect(address_without_token(self.request) if self.get_query_argument("token", "")
                              else self.get_login_url())
                return
        elif self.offer_switch():
            return
        elif self.remember_browser():
            self.redirect(address_without_token(self.request))
            return
        self.require_person()
        if self.conf.single and not self.get_signed_cookie(CLIENT_COOKIE):
            self.set_signed_cookie(CLIENT_COOKIE, os.urandom(12).hex(), expires_days=30, httponly=True, samesite="Lax")

    def refused(self, refusal: Refusal):
        self.set_status(refusal.status)
        self.render("notice.html", page_title="Sorry", message=refusal.message, conf=self.conf, person=self.person)

    def page(self, template, **values):
        values.setdefault("conf", self.conf)
        values.setdefault("person", self.person)
        self.render(template, **values)

    def flash(self, message: str, ok: bool) -> None:
        self.set_signed_cookie(FLASH, ("1" if ok else "0") + message, expires_days=None, httponly=True,
                               samesite="Strict")

    def take_flash(self):
        raw = self.get_signed_cookie(FLASH, max_age_days=1)
        if not raw:
            return "", True
        self.clear_cookie(FLASH)
        text = raw.decode("utf-8", "replace")
        return text[1:], text[:1] == "1"

    def audience(self, shared) -> str:
        """Who reads this entry, in words for this reader ("Shared with your tutor group"); none for a single
        journal, which has one audience."""
        if self.conf.single:
            return ""
        access = self.conf.access
        theirs = access.groups_of(shared.login)
        reader = "author" if self.person.login == shared.login else \
            "group" if access.groups_of(self.person) & theirs else "other"
        return visibility.described(visibility.capped(shared.visibility, access.settings), theirs, reader=reader)

    def names(self) -> dict:
        return dict(self.conf.access.names())

    def author_of(self, login: str) -> str:
        """Who keeps the journal at `login`, by name: the course's roster, else the journal's own author."""
        return self.conf.access.author_of(self.conf.store, login)

    def counts_of(self, entries) -> dict:
        out, per_login = {}, {}
        for e in entries:
            if e.login not in per_login:
                per_login[e.login] = self.conf.reader(e.login).counts()
            out[(e.login, e.entry_id)] = per_login[e.login].get(e.entry_id, {}).get("approved", 0)
        return out


class Index(PageHandler):
    @as_refusal
    def get(self):
        if self.conf.single:
            self.redirect(self.conf.journal_url(self.conf.store.login))
            return
        entries = self.visible()
        names = self.names()
        per = {}
        for e in entries:
            per[e.login] = per.get(e.login, 0) + 1
        groups_of, mine = self.conf.access.groups_of, self.conf.access.groups_of(self.person)
        # Your own group first: the class of 300 is taught in groups, and that is where you read most.
        students = sorted(((login, names.get(login, login), per[login]) for login in per),
                          key=lambda s: (not groups_of(s[0]) & mine, s[1].casefold(), s[0]))
        sections = [(f"Your tutor group: {group}", [e for e in entries if group in groups_of(e.login)])
                    for group in sorted(mine)]
        rest = [e for e in entries if not groups_of(e.login) & mine]
        sections.append(("The rest of the course" if mine else "Newest first", rest))
        self.page("index.html", page_title=self.conf.store.settings.title, entries=entries,
                  counts=self.counts_of(entries), names=names, students=students,
                  sections=[(heading, shown) for heading, shown in sections if shown or heading == "Newest first"])


class Student(PageHandler):
    @as_refusal
    def get(self, login):
        if login not in self.conf.store.journals():
            raise EntryNotFound(login)
        entries = self.visible(login)
        name, journal_title = self.author_of(login), self.conf.store.journal_settings(login).title
        self.page("student.html", page_title=f"{journal_title} by {name}" if journal_title else name, name=name,
                  journal_title=journal_title, entries=entries, counts=self.counts_of(entries))


class EntryPage(PageHandler):
    async def get(self, login, entry_id):
        await self.show(login, entry_id)

    async def show(self, login, entry_id, *, message="", ok=True, body="", typed_name="", email="", reply_to=""):
        try:
            shared = self.readable(login, entry_id)
            article = await self.conf.article(shared)
            view = self.conf.thread_view(login, entry_id)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        if not message:
            message, ok = self.take_flash()
        reply_to = reply_to or self.get_query_argument("reply", "")
        reply_name = view.names.get(reply_to, "") if reply_to else ""
        reply_to = reply_to if reply_name else ""
        author_name = self.author_of(login)
        known_name, known_email = own_comments.remembered(self)
        typed_name, email = typed_name or known_name, email or known_email
        self.page("entry.html", page_title=shared.title, login=login, shared=shared, article=article,
                  audience=self.audience(shared),
                  thread=view.html, heading=thoughts(view.count, shared.title), message=message, ok=ok,
                  body=body, typed_name=typed_name, email=email, reply_to=reply_to, reply_name=reply_name,
                  anonymous=self.conf.single or not self.person.login, author_name=author_name,
                  feedback=feedback_html(self, login, entry_id), feedback_form=form_html(self, login, entry_id),
                  own_held=own_comments.own_held_html(self, login, entry_id))


class Download(EntryPage):
    """The shared notebook itself, for whoever may read its page (the link an entry too large to show offers)."""

    async def get(self, login, entry_id):
        try:
            self.readable(login, entry_id)
            shared = await asyncio.to_thread(self.conf.store.entry, login, entry_id)
            data = await asyncio.to_thread(notebook_bytes, shared.notebook)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        self.set_header("Content-Type", "application/x-ipynb+json")
        self.set_header("Content-Disposition", f'attachment; filename="{quote(shared.entry_id)}.ipynb"')
        self.finish(data)


def notebook_bytes(notebook: dict) -> bytes:
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


class PostComment(EntryPage):
    async def post(self, login, entry_id):
        body = self.get_body_argument("body", "")
        typed = self.get_body_argument("name", "")
        email = self.get_body_argument("email", "")
        reply_to = self.get_body_argument("reply_to", "")
        try:
            self.readable(login, entry_id)
            comment = await self.conf.post_comment(self, login, entry_id, body=body, reply_to=reply_to, email=email,
                                             typed_name=typed)
        except (JournalError, Refusal) as exc:
            problem = refusal(exc, "comment")
            if problem.status in (400, 403, 503):
                self.set_status(problem.status)
                # The form comes back with everything typed, and the reason it was refused.
                return await self.show(login, entry_id, message=problem.message, ok=False, body=body,
                                       typed_name=typed, email=email, reply_to=reply_to)
            return self.refused(problem)
        own_comments.remember(self, login, comment, typed_name=typed, email=email)
        self.flash(PUBLISHED if comment.status == "approved" else HELD, ok=True)
        self.redirect(self.conf.journal_url(login, entry_id) + "#comment-form", status=303)


class Moderate(PageHandler):
    def moderated(self) -> list[str]:
        """The journals this person moderates: their own, or (tutors) every journal."""
        person = self.require_person()
        if self.conf.single:
            return []
        if self.conf.access.is_tutor(person):
            return self.conf.store.journals()
        return [person.login] if person.login in self.conf.store.journals() else []

    @as_refusal
    def get(self, *path):
        if path:
            raise web.HTTPError(405)
        person = self.require_person()
        status = self.get_query_argument("status", "pending")
        if status not in STATUSES:
            status = "pending"
        logins = self.moderated()
        login = self.get_query_argument("login", "")
        if login and login not in logins:
            raise ModerationRefused("You can moderate comments on your own journal only.")
        items = []
        for who in ([login] if login else logins):
            store = self.conf.view(who, Actor(person.login, self.role_on(who)))
            titles = {e.entry_id: e.title for e in self.conf.store.entries(who, include_withdrawn=True)}
            for c in store.frame(status=status).to_dict("records"):
                items.append((who, titles.get(c["entry_id"], c["entry_id"]), c))
        items.sort(key=lambda item: item[2]["id"], reverse=True)
        message, ok = self.take_flash()
        self.page("moderate.html", page_title="Moderation", items=items, status=status, login=login,
                  logins=logins, names={who: self.author_of(who) for who in logins}, actions=actions,
                  body_html=body_html, message=message, ok=ok,
                  back=self.request.uri)

    async def post(self, login, cid):
        try:
            await self.act(login, cid)
        except (JournalError, Refusal) as exc:
            doing = "comment" if self.get_body_argument("action", "") == "reply" else "moderation"
            return self.refused(refusal(exc, doing))
        back = self.get_body_argument("back", "")
        self.redirect(back if back.startswith(self.conf.url("moderate")) else self.conf.url("moderate"), status=303)

    async def act(self, login, cid):
        person = self.require_person()
        if self.conf.single:
            raise ModerationRefused("Moderate this journal's comments in JupyterLab or with "
                                             "'journal comments'.")
        action = self.get_body_argument("action", "")
        actor = Actor(person.login, self.conf.access.require_moderator(person, login))
        if action in MODERATION:
            await self.conf.write(login, actor, action, cid)
            self.flash(f"Comment {MODERATION[action]}.", ok=True)
        elif action == "reply":
            parent = self.conf.view(login, actor).get(cid)
            await self.conf.write(login, actor, "submit", parent.entry_id, name=person.name,
                                  body=self.get_body_argument("body", ""), reply_to=cid, role=actor.role)
            self.flash("Your reply is published.", ok=True)
        else:
            raise BadRequest("Unknown moderation action.")

    def refused(self, problem):
        if self.request.method == "POST" and problem.status in (400, 403):
            self.flash(problem.message, ok=False)
            return self.redirect(self.conf.url("moderate"), status=303)
        return super().refused(problem)


class Picture(PageHandler):
    @as_refusal
    def get(self, login, name):
        try:
            data = self.conf.store.picture(login, name)
        except EntryError as exc:         # a name no store can hold (NUL): the request is at fault
            raise Refusal(400, "bad-request", str(exc)) from None
        self.set_header("Content-Type", PICTURE_TYPES[os.path.splitext(name)[1].lower()])
        # An SVG is a document that can carry script: sandboxed, it runs nothing in this origin.
        self.set_header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'")
        self.set_header("Cache-Control", "private, max-age=300")
        self.finish(data)


class Stylesheet(BaseHandler):
    _css: bytes | None = None

    def get(self):
        if Stylesheet._css is None:
            Stylesheet._css = (self.conf.renderer.css() + "\n" + (TEMPLATES / "course.css").read_text("utf-8")).encode()
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.set_header("Cache-Control", "private, max-age=3600")
        self.finish(Stylesheet._css)


class Login(BaseHandler):
    def get(self):
        self.set_status(403)
        self.render("notice.html", page_title="Sign in", conf=self.conf, person=None,
                    message="Open the address you were given, with its token, to sign in.")

    def post(self):
        """A standalone course's "switch person" button (StandaloneIdentity.offer_switch)."""
        if self.conf.hub or self.conf.single:
            raise web.HTTPError(405)
        self.switch_person()


class MovedJournal(BaseHandler):
    """A journal's address from before journals moved under j/ (`LOGIN/…`): sent on to `j/LOGIN/…`, its query
    kept; a form's POST keeps its method and body (308)."""

    def moved(self, login, rest=None):
        query = f"?{self.request.query}" if self.request.query else ""
        parts = [p for p in (rest or "").split("/") if p]
        url = self.conf.journal_url(login, *parts) if parts else self.conf.journal_url(login)
        self.redirect(url + query, status=301 if self.request.method in ("GET", "HEAD") else 308)

    get = head = post = moved

    def check_xsrf_cookie(self):
        """The page it is sent on to checks the form."""


class NotFound(BaseHandler):
    def prepare(self):
        super().prepare()
        raise web.HTTPError(404)
