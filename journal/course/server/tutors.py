"""The tutor's pages: every student at a glance, one student's portfolio PDF, the class's as one archive.

The PDFs are the export's own portfolios, made on the server in a thread of their own.
"""

from __future__ import annotations

from tornado import web

from ...errors import JournalError
from ..errors import EntryNotFound
from .guard import Refusal, refusal
from .pages import PageHandler


class Tutor(PageHandler):
    def prepare(self):
        super().prepare()
        if self._finished:
            return
        if self.conf.single or not self.conf.access.is_tutor(self.require_person()):
            raise web.HTTPError(403, "tutor page: not a tutor")

    def get(self):
        rows = []
        names = self.names()
        everything = self.conf.store.entries(include_withdrawn=True)
        for login in self.conf.store.journals():
            mine = [e for e in everything if e.login == login]
            pending = self.conf.reader(login).counts()
            rows.append((login, names.get(login, login), sum(not e.withdrawn for e in mine),
                         sum(e.withdrawn for e in mine), sum(c.get("pending", 0) for c in pending.values())))
        self.page("tutor.html", page_title="Tutor page", rows=rows, message="")


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


ROUTES = [
    (r"tutor", Tutor),
    (r"tutor/class\.zip", Portfolio),
    (r"tutor/([^/]+)/portfolio\.pdf", Portfolio),
]
