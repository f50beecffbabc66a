"""`journal snapshot`: freeze each entry as it is at a deadline (a copy and a content hash)."""

HELP = "freeze the entries as they are now (a deadline snapshot), or list snapshots"
ORDER = 65


def add_arguments(p):
    p.add_argument("--class", dest="class_dirs", nargs="+", metavar="DIR",
                   help="snapshot every journal in these folders (a tutor's class)")
    p.add_argument("--label", metavar="LABEL", help="the snapshot's name, e.g. week-4 (default: today's date)")
    p.add_argument("--drafts", action="store_true", help="include draft entries")
    p.add_argument("--list", action="store_true", help="list the snapshots instead of taking one")


def run(args):
    from ..feedback import snapshot
    from ..course.classfolder import find_journals
    from ..folder import Journal
    from . import open_journal

    journals = [Journal.open(p) for p in find_journals(args.class_dirs)] if args.class_dirs else [open_journal(args)]
    for journal in journals:
        if args.list:
            found = snapshot.snapshots(journal)
            for snap in found:
                print(f"{journal.path.name}  {snap.label}  {snap.taken_at}  {len(snap.entries)} entries")
            if not found:
                print(f"{journal.path.name}  no snapshots")
            continue
        snap = snapshot.take(journal, args.label, drafts=args.drafts)
        print(f"{journal.path.name}  {snap.label}  {len(snap.entries)} entries  {snap.path}")
    return 0
