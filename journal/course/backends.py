"""Which backend keeps a course: its folder (the default) or PostgreSQL when course.toml sets `db`."""

from __future__ import annotations

from pathlib import Path

from .settings import FILENAME, CourseSettings


def open_store(folder, db: str | None = None):
    """The course store of the course in `folder` (CourseStoreProtocol): in PostgreSQL when `db` or
    course.toml's `db` names a database, else the folder itself."""
    settings = CourseSettings.load(Path(folder) / FILENAME)
    if db or settings.db:
        from .postgres import open_course

        return open_course(folder, db)
    from .store import FolderCourseStore

    return FolderCourseStore(folder)
