"""Moving a course between backends (`journal course migrate`): journal by journal, checked, rerunnable.

Each journal is read whole from the source (its own settings, every shared version, its pictures,
every event of its comment log in order), written whole to the destination (one transaction in
PostgreSQL; a temporary folder renamed into place in a course folder), then read back and compared
by counts and checksums. A journal already at the destination with the same checksums is skipped,
so a migration that was interrupted is simply run again; one that differs is never overwritten.

Each end is a `Side`: journal/course/folder_side.py and journal/course/postgres/transfer.py;
`backends.open_side` chooses one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Protocol

from ..errors import JournalError
from .protocol import SharedEntry
from .lti.record import PARTS as LMS_PARTS
from .lti.record import LmsRecordProtocol
from .reviews.model import ReviewStoreProtocol
from .reviews.record import Record
from .store import notebook_sha256


@dataclass
class JournalCopy:
    """Everything a course holds of one journal, backend-neutral."""

    login: str
    settings: dict | None = None                        # the journal's own settings (None: none sent)
    versions: list[SharedEntry] = field(default_factory=list)   # every version, with its notebook
    pictures: dict[str, bytes] = field(default_factory=dict)
    events: list[tuple] = field(default_factory=list)   # (kind, *FIELDS) in log order
    comments: list[tuple] = field(default_factory=list)  # the fold of the events: each comment as it is now
    feedback: list[tuple] = field(default_factory=list)  # the fold of the feedback events: each piece as it is now

    def digest(self) -> dict:
        """Counts and checksums of what both backends keep (earlier versions: their notebooks only)."""
        newest = {}
        for v in self.versions:
            if v.version > newest.get(v.entry_id, 0):
                newest[v.entry_id] = v.version
        versions = sorted(
            [v.entry_id, v.version, notebook_sha256(v.notebook)] +
            ([v.title, v.date, list(v.tags), v.shared_at, v.sha256, v.withdrawn, v.visibility, v.excerpt]
             if v.version == newest[v.entry_id] else []) for v in self.versions)
        pictures = sorted((name, hashlib.sha256(data).hexdigest()) for name, data in self.pictures.items())
        return {"versions": len(self.versions), "entries": len(newest), "events": len(self.events),
                "comments": len(self.comments), "feedback": len(self.feedback), "pictures": len(pictures),
                "checksum": {part: _sha(value) for part, value in (
                    ("settings", self.settings), ("versions", versions), ("pictures", pictures),
                    ("events", [list(e) for e in self.events]), ("comments", sorted(map(list, self.comments))),
                    ("feedback", sorted(map(list, self.feedback))))}}


def _sha(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8",
                                                                                      "surrogatepass")).hexdigest()


def review_digest(record: Record) -> dict:
    """Counts and checksums of a course's review record: its rounds, allocations and reviews, in order."""
    parts = {"rounds": list(record.rounds.values()), "allocations": record.allocations, "reviews": record.reviews}
    return {**{name: len(items) for name, items in parts.items()},
            "checksum": {name: _sha([asdict(i) for i in items]) for name, items in parts.items()}}


class Side(Protocol):
    """One end of a migration: a course folder or a course database."""

    reviews: ReviewStoreProtocol        # the course's review rounds, carried whole after the journals
    lti: LmsRecordProtocol              # what the course keeps of its LMS, carried whole last

    def logins(self) -> list[str]:
        """Every journal it holds that has shared anything."""

    def has(self, login: str) -> bool:
        """Whether it holds anything of this journal."""

    def read(self, login: str) -> JournalCopy:
        """The journal, whole."""

    def write(self, copy: JournalCopy) -> None:
        """Keep the journal, whole, where it held nothing of it."""


def migrate(source: Side, destination: Side, *, say=print) -> dict:
    """Copy every journal of `source` to `destination` (both from `backends.open_side`); {"copied", "skipped"}
    logins."""
    done = {"copied": [], "skipped": []}
    for login in source.logins():
        copy = source.read(login)
        want = copy.digest()
        if destination.has(login):
            there = destination.read(login).digest()
            if there != want:
                raise JournalError(f"{login}: {destination} already holds a different copy of this journal "
                                   f"({_describe(there)}; the source has {_describe(want)}); it was left as it is")
            done["skipped"].append(login)
            continue
        destination.write(copy)
        got = destination.read(login).digest()
        if got != want:
            raise JournalError(f"{login}: the copy in {destination} does not match the source after writing "
                               f"({_describe(got)} against {_describe(want)})")
        done["copied"].append(login)
        say(f"{login}: {_describe(want)}")
    done["reviews"] = carry_reviews(source, destination, say=say)
    done["lti"] = carry_lms_record(source, destination, say=say)
    return done


def carry_reviews(source: Side, destination: Side, *, say=print) -> str:
    """Copy the review record where the destination holds none ("copied"), or find the same there ("skipped",
    or "none" when there is nothing); a different one there is never overwritten."""
    record = source.reviews.record()
    want, there = review_digest(record), review_digest(destination.reviews.record())
    if there == want:
        return "none" if not record.rounds else "skipped"
    if there["rounds"] or there["allocations"] or there["reviews"]:
        raise JournalError(f"{destination} already holds different review rounds ({_rounds(there)}; the source "
                           f"has {_rounds(want)}); they were left as they are")
    destination.reviews.load(list(record.rounds.values()), record.allocations, record.reviews)
    got = review_digest(destination.reviews.record())
    if got != want:
        raise JournalError(f"the review rounds in {destination} do not match the source after writing "
                           f"({_rounds(got)} against {_rounds(want)})")
    say(f"review rounds: {_rounds(want)}")
    return "copied"


def carry_lms_record(source: Side, destination: Side, *, say=print) -> str:
    """Copy the LMS record (synced members, pushed scores, service addresses) part by part where the
    destination holds none, as carry_reviews does: "copied", "skipped" (the same there) or "none"."""
    want = {part: source.lti.read(part) for part in LMS_PARTS}
    there = {part: destination.lti.read(part) for part in LMS_PARTS}
    if there == want:
        return "none" if not any(want.values()) else "skipped"
    if any(there.values()):
        raise JournalError(f"{destination} already holds a different LMS record ({_lms(there)}; the source has "
                           f"{_lms(want)}); it was left as it is")
    for part, value in want.items():
        if value:
            destination.lti.write(part, value)
    got = {part: destination.lti.read(part) for part in LMS_PARTS}
    if got != want:
        raise JournalError(f"the LMS record in {destination} does not match the source after writing "
                           f"({_lms(got)} against {_lms(want)})")
    say(f"LMS record: {_lms(want)}")
    return "copied"


def _lms(parts: dict) -> str:
    scores = sum(len(by_login) for by_login in parts["pushed"].values())
    return f"{len(parts['members'])} members, {scores} pushed scores"


def _rounds(digest: dict) -> str:
    return f"{digest['rounds']} rounds, {digest['allocations']} allocations, {digest['reviews']} reviews"


def _describe(digest: dict) -> str:
    return (f"{digest['entries']} entries in {digest['versions']} versions, {digest['comments']} comments in "
            f"{digest['events']} events, {digest['pictures']} pictures")
