"""`journal course migrate --to postgresql://… | DIR`: move a course between its folder and PostgreSQL."""

HELP = "move a course into a PostgreSQL database (--to postgresql://…) or back into a folder (--to DIR)"
ORDER = 61


def add_arguments(p):
    p.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")
    p.add_argument("--db", metavar="URL", help="move from this database rather than from where course.toml says")
    p.add_argument("--to", required=True, metavar="TARGET",
                   help="a PostgreSQL URL (postgresql://user@host:port/name) or a folder for the course")


def run(args):
    from pathlib import Path

    from journal.course.postgres.database import is_database_url
    from journal.course.settings import FILENAME, CourseSettings
    from journal.course.backends import open_side
    from journal.course.folder_side import FolderSide, start_folder
    from journal.course.transfer import migrate
    from journal.errors import JournalError

    settings = CourseSettings.load(Path(args.dir) / FILENAME)
    source = open_side(args.db or settings.db or args.dir)
    if not is_database_url(args.to):
        target = Path(args.to)
        if isinstance(source, FolderSide) and target.resolve() == Path(args.dir).resolve():
            raise JournalError(f"{args.to}: the course is already kept in this folder")
        start_folder(target, settings)
    destination = open_side(args.to)
    if str(destination) == str(source):
        raise JournalError(f"{args.to}: the course is already kept there")
    done = migrate(source, destination)
    print(f"Moved {len(done['copied'])} journal(s) from {source} to {destination}; "
          f"{len(done['skipped'])} were there already. Counts and checksums match.")
    if is_database_url(args.to):
        print(f'To serve the course from the database, set db = "{args.to}" in {Path(args.dir) / FILENAME} '
              f"(or pass --db to journal course serve).")
    else:
        print(f"To serve it from the folder: journal course serve --dir {args.to}")
    return 0
