"""The tutor's pages: every student at a glance, one student's portfolio PDF, the class's as one archive,
the class's feedback (release all held at once) and the participation report.

The PDFs are the export's own portfolios, made on the server in a thread of their own.
"""

from __future__ import annotations

from tornado import web

from ...comments.protocol import Actor
from ...errors import JournalError
from ..errors import BadRequest, EntryNotFound
from ..reviews.completion import Completion, of_course
from ..reviews.rounds import progress, tags_in_use
from .guard import Refusal, as_refusal, refusal
from .pages import PageHandler


class Tutor(PageHandler):
    def prepare(self):
        super().prepare()
        if self._finished:
            return
        if self.conf.single or not self.conf.access.is_tutor(self.require_person()):
            raise web.HTTPError(403, "tutor page: not a tutor")

    def group_choice(self) -> tuple[str, frozenset | None]:
        """The students asked for (`?group=`): a group's name, "mine" (the default for a tutor attached to
        groups: the groups they teach) or "all"; with the logins they cover (None: everyone)."""
        access = self.conf.access
        mine = access.groups_of(self.require_person())
        asked = self.get_query_argument("group", "mine" if mine else "all")
        members = access.groups.members()
        if asked == "all" or (asked == "mine" and not mine):
            return "all", None
        if asked == "mine":
            return asked, frozenset().union(*(members.get(g, frozenset()) for g in mine))
        if asked not in members:
            raise BadRequest(f"This course has no tutor group {asked!r}.")
        return asked, members[asked]

    def lms(self):
        """The course in its LMS (LtiCourse), or None when it is in none."""
        return self.conf.lti if self.conf.lti is not None and self.conf.lti.enabled else None

    def not_started(self, logins: frozenset | None = None) -> list[tuple[str, str]]:
        """(login, name) of the synced LMS roster's students with no journal yet (of `logins` only, when given)."""
        lti = self.lms()
        found = lti.not_started(self.conf.store.journals()) if lti else []
        return [(login, name) for login, name in found if logins is None or login in logins]

    def students(self) -> tuple[str, list[str], list[tuple[str, str]]]:
        """The group asked for, the logins of its journals (every journal for "all"), and (login, name) of its
        students the LMS roster holds who have no journal yet."""
        group, members = self.group_choice()
        logins = [login for login in self.conf.store.journals() if members is None or login in members]
        return group, logins, self.not_started(members)

    @as_refusal
    def get(self):
        rows = []
        names = self.names()
        group, logins, not_started = self.students()
        everything = self.conf.store.entries(include_withdrawn=True)
        reviews = of_course(self.conf.store)
        for login in logins:
            mine = [e for e in everything if e.login == login]
            pending = self.conf.reader(login).counts()
            rows.append((login, names.get(login, login), sum(not e.withdrawn for e in mine),
                         sum(e.withdrawn for e in mine), sum(c.get("pending", 0) for c in pending.values()),
                         reviews.get(login, Completion())))
        access = self.conf.access
        lti = self.lms()
        message, ok = self.take_flash()
        self.page("tutor.html", page_title="Tutor page", rows=rows, names=names, message=message, ok=ok, lti=lti,
                  not_started=not_started, gradebook=lti.gradebook() if lti else {}, group=group,
                  groups=access.groups.names(), my_groups=sorted(access.groups_of(self.person)),
                  rounds=progress(self.conf.store), tags=tags_in_use(self.conf.store))


class Portfolio(Tutor):
    async def get(self, login=None):
        person = self.require_person()
        try:
            if login is None:
                data = await self.conf.in_worker(self.conf.renderer.class_zip, self.conf.store, person.login,
                                                 pool=self.conf.exports)
                name, kind = "class-portfolios.zip", "application/zip"
            else:
                if login not in self.conf.store.journals():
                    raise EntryNotFound(login)
                data = await self.conf.in_worker(self.conf.renderer.portfolio_pdf, self.conf.store, login,
                                                 person.login, pool=self.conf.exports)
                name, kind = f"{login}-portfolio.pdf", "application/pdf"
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        self.set_header("Content-Type", kind)
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.finish(data)


class TutorFeedback(Tutor):
    """Every piece of feedback in the course, by student, with one form releasing all that is held."""

    def get(self):
        actor = Actor(self.require_person().login, "tutor")
        rows = [(login, fb) for login in self.conf.store.journals()
                for fb in self.conf.view(login, actor).feedback(self.criteria()).list()]
        message, ok = self.take_flash()
        self.page("tutor_feedback.html", page_title="Feedback", rows=rows, names=self.names(), message=message,
                  ok=ok, held=sum(fb.status == "held" for _, fb in rows))

    async def post(self):
        """Release every held piece, each journal's in its writer thread under its lock, as every write goes."""
        actor = Actor(self.require_person().login, "tutor")
        criteria = self.criteria()

        def release_held(comments) -> int:
            store = comments.feedback(criteria)
            held = [fb.id for fb in store.list() if fb.status == "held"]
            return len(store.release(held)) if held else 0    # one append: the pieces reach the student together

        try:
            released = 0
            for login in self.conf.store.journals():
                released += await self.conf.writing(login, actor, release_held)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, "feedback"))
        self.flash(f"Released {released} piece{'s' if released != 1 else ''} of feedback.", True)
        self.redirect(self.conf.url("tutor/feedback"))


class TutorReport(Tutor):
    """The participation report of the course, as `journal report --class` writes it."""

    async def get(self):
        person = self.require_person()
        try:
            group, logins, not_started = self.students()
            cut = "" if group == "all" else ("my groups" if group == "mine" else f"group {group}")
            html = await self.conf.in_worker(self.conf.renderer.participation_html, self.conf.store, person.login,
                                             logins, cut, self.names(), not_started, pool=self.conf.exports)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(html)
