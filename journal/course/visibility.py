"""Who may read a shared entry: its visibility, one of three levels from narrowest to widest.

    tutors   the author and the course's tutors only (a placement reflection, say)
    group    the author's tutor group or groups, and tutors
    course   every reader of the course

A course sets the level a share gets when none is asked for (`default_visibility`) and the widest any
share may have (`max_visibility`); entries shared before levels existed were course-wide, so a record
without one reads as `course`.
"""

from __future__ import annotations

from ..errors import SettingsError
from .errors import BadRequest, NotAllowed

LEVELS = ("tutors", "group", "course")
WIDEST = LEVELS[-1]
# Who that is, in a sentence ("shared with ...").
AUDIENCE = {"tutors": "your tutors only", "group": "your tutor group", "course": "the whole course"}
# In a listing, beside an entry that not everyone on the course reads.
MARK = {"tutors": "tutors only", "group": "tutor group", "course": ""}


def described(level: str, groups=(), *, reader: str) -> str:
    """What an entry's page says of who reads it, to its `reader`: "author", "group" (sharing a tutor group
    with the author) or "other" (a tutor outside the author's groups, say, who is told which groups)."""
    if level == "tutors":
        return "Shared with your tutors only" if reader == "author" else "Shared with the tutors only"
    if level == "group":
        if reader != "other" or not groups:
            return "Shared with your tutor group"
        return f"Shared with the tutor group {', '.join(sorted(groups))}"
    return "Shared with the whole course"


def wider(level: str, than: str) -> bool:
    return LEVELS.index(level) > LEVELS.index(than)


def capped(level: str, settings) -> str:
    """`level`, narrowed to the course's `max_visibility`: a course that narrowed it narrows what was shared
    before, for every reader at once."""
    return settings.max_visibility if wider(level, settings.max_visibility) else level


def check_level(value, source: str, key: str) -> str:
    """A level named in a settings file, else a SettingsError naming the file and key."""
    if value not in LEVELS:
        raise SettingsError(f"{source}: '{key}' must be one of {', '.join(LEVELS)}, not {value!r}")
    return value


def chosen(asked, settings) -> str | None:
    """The level a share asked for, checked against the course (None: none asked, keep or default).

    An unknown level is a bad request naming it; one wider than `max_visibility` is refused, saying so.
    """
    if asked in (None, ""):
        return None
    if asked not in LEVELS:
        raise BadRequest(f"Unknown visibility {asked!r}: an entry is shared with one of {', '.join(LEVELS)}.")
    if wider(asked, settings.max_visibility):
        raise NotAllowed(f"This course lets entries be shared with at most '{settings.max_visibility}' "
                         f"(max_visibility in course.toml), not '{asked}'.")
    return asked
