"""Which backend keeps a course: its folder (the default) or PostgreSQL when course.toml sets `db`.

The one place that chooses between them, for serving a course (`open_store`) and for moving it (`open_side`).
"""

from __future__ import annotations

from pathlib import Path

from .folder_side import FolderSide
from .postgres import is_database_url, open_course
from .postgres.transfer import PgSide
from .settings import FILENAME, CourseSettings
from .store import FolderCourseStore


def open_side(where):
    """A migration end (transfer.Side): the database a PostgreSQL URL names, else a course folder."""
    if is_database_url(str(where)):
        return PgSide(str(where))
    return FolderSide(where)


def open_store(folder, db: str | None = None):
    """The course store of the course in `folder` (CourseStoreProtocol): in PostgreSQL when `db` or
    course.toml's `db` names a database, else the folder itself."""
    settings = CourseSettings.load(Path(folder) / FILENAME)
    if db or settings.db:
        return open_course(folder, db)
    return FolderCourseStore(folder)
