"""The course's LTI addresses: the tool's public key set (JWKS) for the LMS, and the tutor page's buttons that
sync the roster from the LMS and push the marks to its gradebook (the same as `journal course roster sync`
and `journal course grades push`).
"""

from __future__ import annotations

import json

from tornado import web

from ...errors import JournalError, StoreUnavailable
from .guard import BaseHandler, Refusal, refusal
from .tutors import Tutor


#: How many students a message after a push names (it travels in a cookie, which browsers cap at 4 KB).
FLASHED = 8


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

    async def doing(self, work, said):
        """Run `work` in the export worker and tell the tutor `said(result)` (text, ok) on the tutor page. What
        stops it for a reason the tutor can act on (no roster yet, the LMS's answer, another push under way)
        is said there too; a store that fails is the generic refusal, which names nothing of its insides."""
        try:
            message, ok = said(await self.conf.in_worker(work, pool=self.conf.exports))
        except (StoreUnavailable, Refusal) as exc:
            return self.refused(refusal(exc, "change"))
        except JournalError as exc:
            message, ok = str(exc), False
        self.flash(message, ok)
        self.redirect(self.conf.url("tutor"), status=303)


class RosterSync(LtiAction):
    async def post(self):
        def said(result):
            self.conf.access.roster.reread()
            found, skipped = result
            note = f" Left out: {'; '.join(skipped)}." if skipped else ""
            return f"The roster now has the LMS's {len(found)} member{'s' if len(found) != 1 else ''}.{note}", True
        await self.doing(self.conf.lti.sync_roster, said)


class GradesPush(LtiAction):
    async def post(self):
        tutor = self.require_person().login

        def said(pushed):
            names = self.names()
            # The tutor reads what went, as the CLI prints its table: each item, then each student by name and
            # score. A message travels in a cookie, so a class's worth is cut short: the table below has all.
            by_item = {}
            for label, _login, name, score in pushed.sent:
                by_item.setdefault(label, []).append(f"{name} {score:g}")
            sent = "".join(f" {label}: {few(rows)}." for label, rows in by_item.items())
            failed = few([f"{names.get(login, login)} ({label}): {why}" for label, login, why in pushed.failed])
            return (f"Sent {len(pushed.sent)} score{'s' if len(pushed.sent) != 1 else ''} to the gradebook; "
                    f"{pushed.unchanged} unchanged.{sent}" + (f" Failed: {failed}." if failed else ""),
                    not pushed.failed)
        await self.doing(lambda: self.conf.lti.push_grades(self.conf.store, tutor), said)


def few(items: list[str], shown: int = FLASHED) -> str:
    """The first `shown` of `items`, then how many more."""
    more = len(items) - shown
    return ", ".join(items[:shown]) + (f" and {more} more (the gradebook table below has every score)" if more > 0
                                       else "")
