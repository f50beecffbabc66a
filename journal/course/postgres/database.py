"""Connecting to the course database: URLs, one engine per URL, start-up checks, errors worded for people.

Every failure of the database reaches the user as one line. A connection lost in the middle of a
request (a restart, a network cut) is `StoreUnavailable`: the transaction was rolled back, so the
request can be made again. The pool pings a connection before handing it out, so a server recovers
by itself once the database is back.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from ...errors import JournalError, StoreUnavailable

# The first key of every advisory lock we take (two-key form), so ours never meet another application's.
LOCK_CLASS = 0x4A524E4C                 # "JRNL"
SCHEMES = ("postgresql", "postgres")
MIGRATIONS = Path(__file__).with_name("migrations")
TABLES = ("journals", "entries", "pictures", "comment_events", "comments", "feedback", "review_rounds",
          "review_allocations", "reviews", "lti_record")
TRY_AGAIN = "nothing was stored: try again in a moment"
# The newest migration in migrations/versions/. Kept here so that a server's start-up check needs no
# Alembic import (a quarter of a second); a test checks it against Alembic's own idea of the head.
SCHEMA_REVISION = "0006"

_engines: dict = {}
_engines_lock = threading.Lock()


class DatabaseError(JournalError):
    """The course database is misconfigured: a wrong URL, a missing database, missing permissions, an old schema."""


def is_database_url(text) -> bool:
    return isinstance(text, str) and text.split(":", 1)[0].split("+", 1)[0] in SCHEMES and "://" in text


def _sa_url(url: str):
    """The SQLAlchemy URL, with the psycopg 3 driver (plain postgresql:// would mean psycopg2)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r} (expected postgresql://user@host:port/database)") from None
    if parsed.get_backend_name() not in SCHEMES:
        raise DatabaseError(f"{describe(url)}: only PostgreSQL is supported (postgresql://…)")
    return parsed.set(drivername="postgresql+psycopg")


def describe(url) -> str:
    """The URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(str(url)).render_as_string(hide_password=True)
    except Exception:               # noqa: BLE001 (any unparsable text is shown as a placeholder)
        return "the database URL"


def engine(url: str):
    """The one engine (and connection pool) of this process for `url`."""
    from sqlalchemy import create_engine

    key = str(url)
    with _engines_lock:
        if key not in _engines:
            _engines[key] = create_engine(
                _sa_url(key), pool_pre_ping=True, pool_size=5, max_overflow=20, pool_timeout=10,
                connect_args={"connect_timeout": 5, "application_name": "journal-course"})
        return _engines[key]


def _first_line(exc) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


@contextmanager
def guard(url=""):
    """Turn database failures into JournalErrors: StoreUnavailable for the passing kind, DatabaseError otherwise."""
    from sqlalchemy import exc as sa_exc

    try:
        yield
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
        # Connection refused or lost, the server shutting down or starting up, a serialization
        # failure: the transaction did not commit, so the same request can be made again.
        raise StoreUnavailable(f"The course database is unavailable ({_first_line(exc)}); {TRY_AGAIN}.") from None
    except sa_exc.TimeoutError:
        raise StoreUnavailable(f"The course database is busy (no free connection); {TRY_AGAIN}.") from None
    except sa_exc.DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(f"The connection to the course database was lost; {TRY_AGAIN}.") from None
        if getattr(getattr(exc, "orig", None), "sqlstate", "") == "42501":     # insufficient_privilege
            raise DatabaseError(f"{describe(url)}: {_first_line(exc)}") from None
        raise


def _connect_problem(url, exc) -> DatabaseError:
    """One line naming what is wrong with a first connection."""
    line = _first_line(exc)
    hint = ""
    if "does not exist" in line and "database" in line:
        hint = " (create it, e.g. createdb, or fix the database name in the URL)"
    elif "password authentication failed" in line or "no password supplied" in line:
        hint = " (check the user name and password in the URL)"
    elif "Connection refused" in line or "timeout" in line.lower() or "could not translate host" in line:
        hint = " (is PostgreSQL running there? check the host and port)"
    return DatabaseError(f"cannot connect to {describe(url)}: {line}{hint}")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _revision(conn) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(conn) -> str | None:
    """The schema revision Alembic recorded in the database (None: no tables yet), read without Alembic."""
    from sqlalchemy import text

    if conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_checked(url: str):
    """The engine for `url` after checking, at start-up, that we can connect, the schema is current and we
    may read and write every table; otherwise DatabaseError in one line."""
    from sqlalchemy import exc as sa_exc
    from sqlalchemy import text

    eng = engine(url)
    try:
        with eng.connect() as conn:
            revision, head = _stored_revision(conn), SCHEMA_REVISION
            if revision is None:
                raise DatabaseError(f"{describe(url)} has no course tables yet: run "
                                    f"`journal course migrate-db --db {describe(url)}` first")
            if revision != head:
                raise DatabaseError(f"{describe(url)} has schema revision {revision}, this version needs {head}: "
                                    f"run `journal course migrate-db --db {describe(url)}`")
            user = conn.execute(text("SELECT current_user")).scalar()
            for table in TABLES:
                for privilege in ("SELECT", "INSERT", "UPDATE"):
                    if not conn.execute(text("SELECT has_table_privilege(:t, :p)"),
                                        {"t": table, "p": privilege}).scalar():
                        raise DatabaseError(f"{describe(url)}: the user {user!r} may not {privilege} on the table "
                                            f"{table!r} (GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "
                                            f"public TO {user})")
    except sa_exc.DBAPIError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", "") == "42501":
            raise DatabaseError(f"{describe(url)}: {_first_line(exc)}") from None
        raise _connect_problem(url, exc) from None
    return eng


def upgrade(url: str) -> tuple[str | None, str]:
    """Bring the database's schema to this version's (Alembic, in place); (revision before, after)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import exc as sa_exc
    from sqlalchemy import text

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine(url).begin() as conn:
            # Two servers started at once must not both create the tables.
            conn.execute(text("SELECT pg_advisory_xact_lock(:c, 0)"), {"c": LOCK_CLASS})
            before = _revision(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            return before, _revision(conn)
    except sa_exc.DBAPIError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", "") == "42501":
            raise DatabaseError(f"{describe(url)}: {_first_line(exc)} (the user needs CREATE on the schema "
                                "to migrate it)") from None
        raise _connect_problem(url, exc) from None


@contextmanager
def transaction(eng, url="", *, lock: int | None = None):
    """A transaction (committed on success, rolled back on any exception); with `lock`, first take the
    advisory lock of that journal, so every writer of one journal, on any server, goes one at a time."""
    from sqlalchemy import text

    with guard(url), eng.begin() as conn:
        if lock is not None:
            conn.execute(text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": LOCK_CLASS, "k": lock})
        yield conn


@contextmanager
def reading(eng, url=""):
    with guard(url), eng.connect() as conn:
        yield conn


def dispose(url: str) -> None:
    """Close this process's connections to `url` (before dropping or copying that database)."""
    with _engines_lock:
        eng = _engines.pop(str(url), None)
    if eng is not None:
        eng.dispose()
