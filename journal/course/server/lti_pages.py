"""The course's LTI addresses: the tool's public key set (JWKS) for the LMS, and the tutor page's buttons that
sync the roster from the LMS and push the marks to its gradebook (the same as `journal course roster sync`
and `journal course grades push`).
"""

from __future__ import annotations

import json

from tornado import web

from ...errors import JournalError
from .guard import BaseHandler, Refusal, refusal
from .tutors import Tutor


class KeySet(BaseHandler):
    """The tool's public keys, for anyone (the LMS fetches them unauthenticated); never the private one."""

    def get(self):
        lti = self.conf.lti
        if lti is None or not lti.enabled:
            raise web.HTTPError(404, "no [lti] in course.toml")
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(lti.key_set()))


class LtiAction(Tutor):
    def prepare(self):
        super().prepare()
        if self._finished:
            return
        if self.conf.lti is None or not self.conf.lti.enabled:
            raise web.HTTPError(404, "no [lti] in course.toml")


class RosterSync(LtiAction):
    async def post(self):
        lti = self.conf.lti
        try:
            found, skipped = await self.conf.in_worker(lti.sync_roster, pool=self.conf.exports)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, "change"))
        self.conf.access.roster.reread()
        note = f" Left out: {'; '.join(skipped)}." if skipped else ""
        self.flash(f"The roster now has the LMS's {len(found)} member{'s' if len(found) != 1 else ''}.{note}", True)
        self.redirect(self.conf.url("tutor"), status=303)


class GradesPush(LtiAction):
    async def post(self):
        tutor = self.require_person().login
        try:
            pushed = await self.conf.in_worker(lambda: self.conf.lti.push_grades(self.conf.store, tutor),
                                               pool=self.conf.exports)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, "change"))
        names = self.names()
        failed = "".join(f" {names.get(login, login)} ({label}): {why}." for label, login, why in pushed.failed)
        # The tutor reads what went, as the CLI prints its table: each item, then each student by name and score.
        by_item = {}
        for label, _login, name, score in pushed.sent:
            by_item.setdefault(label, []).append(f"{name} {score:g}")
        sent = "".join(f" {label}: {', '.join(rows)}." for label, rows in by_item.items())
        self.flash(f"Sent {len(pushed.sent)} score{'s' if len(pushed.sent) != 1 else ''} to the gradebook; "
                   f"{pushed.unchanged} unchanged.{sent}" + (f" Failed:{failed}" if failed else ""), not pushed.failed)
        self.redirect(self.conf.url("tutor"), status=303)
