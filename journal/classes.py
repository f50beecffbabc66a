"""A tutor's class without a server: a folder whose sub-folders are students' journals."""

from __future__ import annotations

from pathlib import Path

from .settings import FILENAME


def find_journals(dirs, *, skip=()) -> list[Path]:
    """Each DIR that is a journal, else each visible sub-folder of it (a tutor's folder of students' journals)."""
    skip = {Path(s).resolve() for s in skip}
    found = []
    for folder in map(Path, dirs):
        if (folder / FILENAME).is_file() or not folder.is_dir():
            found.append(folder)
            continue
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if sub.resolve() not in skip:
                found.append(sub)
    return found


def login_of(journal) -> str:
    """The student a journal belongs to: its author's login, else its folder's name."""
    return journal.settings.username or journal.path.name
