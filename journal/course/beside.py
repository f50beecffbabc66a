"""A joined journal's own earlier comments, shown beside the course's: one CommentStoreProtocol over both.

A journal that had comments in its comments.csv when it joined a course, and did not carry them there
(`journal course join --comments carry`), keeps them in view this way: `journal list`, the panels and the
exports read both. New comments go to the course; a comment of the file is moderated in the file, by the
journal's author as before.
"""

from __future__ import annotations

from ..comments.model import STATUSES


class BesideStore:
    """`course` (the course's store of this journal) and `own` (the journal's comments.csv), read as one."""

    def __init__(self, course, own):
        self.course, self.own = course, own
        self.settings = course.settings

    def __repr__(self) -> str:
        return f"<BesideStore {self.course!r} and {self.own!r}>"

    @property
    def problems(self) -> list[str]:
        return [*self.own.problems, *self.course.problems]

    # -- who acts: the course says (its comments are the live ones) ----------------------------------
    @property
    def actor(self):
        return self.course.actor

    @property
    def role(self) -> str:
        return self.course.role

    @property
    def for_person(self) -> bool:
        return self.course.for_person

    @property
    def can_moderate(self) -> bool:
        return self.course.can_moderate

    def require_moderator(self) -> str:
        return self.course.require_moderator()

    def as_actor(self, actor) -> "BesideStore":
        return BesideStore(self.course.as_actor(actor), self.own)

    def refresh(self) -> None:
        self.course.refresh()
        self.own.refresh()

    def stamp(self):
        return None                     # the course cannot tell cheaply, so neither can both

    def feedback(self, criteria):
        return self.course.feedback(criteria)

    # -- writing: new comments to the course, a comment where it is ------------------------------
    def submit(self, entry_id, **kwargs):
        return self.course.submit(entry_id, **kwargs)

    def _holder(self, cid):
        return self.own if self.own.get(cid, missing_ok=True) is not None else self.course

    def approve(self, cid):
        return self._holder(cid).approve(cid)

    def spam(self, cid):
        return self._holder(cid).spam(cid)

    def trash(self, cid):
        return self._holder(cid).trash(cid)

    def restore(self, cid):
        return self._holder(cid).restore(cid)

    def edit(self, cid, body):
        return self._holder(cid).edit(cid, body)

    # -- reading: both ---------------------------------------------------------------------------------
    def get(self, cid, missing_ok=False):
        found = self.own.get(cid, missing_ok=True)
        return found if found is not None else self.course.get(cid, missing_ok=missing_ok)

    def history(self, cid) -> list[dict]:
        return self._holder(cid).history(cid)

    def __len__(self) -> int:
        return len(self.own) + len(self.course)

    def frame(self, status=None, entry_id=None):
        return _joined(self.own.frame(status, entry_id), self.course.frame(status, entry_id))

    def thread(self, entry_id):
        """The file's thread, then the course's: the file's comments are the older ones."""
        import pandas as pd

        own, course = self.own.thread(entry_id), self.course.thread(entry_id)
        return pd.concat([own, course], ignore_index=True) if len(own) else course

    def counts(self, entry_id=None) -> dict:
        own, course = self.own.counts(entry_id), self.course.counts(entry_id)
        if entry_id is not None:
            return _added(own, course)
        return {entry: _added(own.get(entry, {}), course.get(entry, {})) for entry in {*own, *course}}


def _added(a: dict, b: dict) -> dict:
    return {status: a.get(status, 0) + b.get(status, 0) for status in STATUSES}


def _joined(own, course):
    import pandas as pd

    if not len(own):
        return course
    return pd.concat([own, course], ignore_index=True).sort_values("id", kind="stable", ignore_index=True)
