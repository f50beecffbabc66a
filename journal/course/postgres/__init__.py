"""The course store in PostgreSQL (SQLAlchemy Core, psycopg 3, Alembic), for a course that outgrows one machine.

Choose it with `--db postgresql://…` or `db = "postgresql://…"` in `course.toml`; the server, the
panels, the CLI and the exports see the same store contracts as with the folder backend.
"""

from .comments import PgCommentStore
from .course import PgCourseStore, open_course
from .database import DatabaseError, is_database_url, open_checked, upgrade

__all__ = ["DatabaseError", "PgCommentStore", "PgCourseStore", "is_database_url", "open_checked", "open_course",
           "upgrade"]
