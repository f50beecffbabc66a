"""`journal course migrate-db`: create or upgrade the course's PostgreSQL tables in place (Alembic)."""

NAME = "migrate-db"
HELP = "create or upgrade the course database's tables in place (PostgreSQL courses)"
ORDER = 60


def add_arguments(p):
    p.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")
    p.add_argument("--db", metavar="URL", help="the database, postgresql://user@host:port/name (default: the "
                                               "db setting of the course's course.toml)")


def database_url(args) -> str:
    """--db, else course.toml's db; a JournalError naming what is missing otherwise."""
    from pathlib import Path

    from journal.course.postgres.database import DatabaseError, is_database_url
    from journal.course.settings import FILENAME, CourseSettings

    url = args.db or CourseSettings.load(Path(args.dir) / FILENAME).db
    if not url:
        raise DatabaseError(f"{Path(args.dir) / FILENAME}: no database: give --db postgresql://… or set db there")
    if not is_database_url(url):
        raise DatabaseError(f"{url!r} is not a PostgreSQL URL (postgresql://user@host:port/name)")
    return url


def run(args):
    from journal.course.postgres.database import describe, upgrade

    url = database_url(args)
    before, after = upgrade(url)
    if before == after:
        print(f"{describe(url)}: the schema is up to date (revision {after}).")
    else:
        print(f"{describe(url)}: schema upgraded from {before or 'nothing'} to revision {after}.")
    return 0
