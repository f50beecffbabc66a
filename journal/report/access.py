"""Who may read a participation report or build digests: both use pending comments and feedback, so never a peer."""

from __future__ import annotations

from ..course.classfolder import find_journals, login_of
from ..course.groups import read_roster
from ..errors import JournalError
from ..folder import Journal
from ..roles import current_role


def readable_journals(dirs) -> list[Journal]:
    """The journals in `dirs` (each a journal or a folder of them), refused where this process is a peer."""
    journals = []
    for path in find_journals(dirs):
        journal = Journal.open(path)
        if current_role(journal.settings) == "peer":
            raise JournalError(f"{path}: only the journal's author or a tutor may report on it or send its "
                               f"digests (they hold pending comments and feedback)")
        journals.append(journal)
    if not journals:
        raise JournalError(f"no journals in {', '.join(map(str, dirs))}")
    return journals


def of_group(journals: list[Journal], group: str, roster) -> list[Journal]:
    """The journals of one tutor group's students, as the roster (`login,name,group`) lists them."""
    listed = read_roster(roster).groups
    known = sorted(set().union(*listed.values())) if listed else []
    if group not in known:
        raise JournalError(f"{roster}: no tutor group {group!r} (the roster's groups: {', '.join(known) or 'none'})")
    return [j for j in journals if group in listed.get(login_of(j), ())]
