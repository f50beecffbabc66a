"""`journal feedback`: tutors' private feedback, held until released; the rubric, the bank, the gradebook."""

import argparse

from ..comments.text import excerpt
from . import NAMES_AN_ENTRY
from ._terminal import printable

HELP = "tutors' private feedback: add, list, release, recall, export a gradebook, edit the comment bank"
ORDER = 45


def add_arguments(p):
    from . import actions

    sub, here = actions(p)
    many = argparse.ArgumentParser(add_help=False, parents=[here])
    many.add_argument("--class", dest="class_dirs", nargs="+", metavar="DIR",
                      help="every journal in these folders (a tutor's class) instead of one journal")
    choose = argparse.ArgumentParser(add_help=False, parents=[many])
    choose.add_argument("ids", metavar="ID", nargs="*", help="feedback ids (see 'journal feedback list')")
    choose.add_argument("--student", metavar="LOGIN", help="only this student's feedback")
    choose.add_argument("--tag", help="only feedback on entries with this tag")
    choose.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="only entries dated on or after")
    choose.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="only entries dated on or before")
    choose.add_argument("--all", action="store_true", help="every piece in scope (needed when nothing else narrows)")

    s = sub.add_parser("add", parents=[here], help="write feedback on an entry, or on the whole journal")
    s.add_argument("entry", metavar="ENTRY", nargs="?", help=f"the entry: {NAMES_AN_ENTRY} (none: the whole journal)")
    s.add_argument("--text", required=True, help="the feedback ('-' reads it from standard input)")
    s.add_argument("--level", action="append", default=[], metavar="CRITERION=LEVEL",
                   help="a rubric level (repeat for each criterion in [feedback] criteria)")
    s.add_argument("--snapshot", metavar="LABEL", help="the deadline snapshot read (default: the latest one)")
    s.add_argument("--release", action="store_true", help="release it at once instead of holding it")

    s = sub.add_parser("list", parents=[many], help="list feedback with its state (held, released, changed since)")
    s.add_argument("--status", choices=("held", "released", "recalled", "all"), default="all")

    sub.add_parser("release", parents=[choose], help="release held feedback, all at once")
    sub.add_parser("recall", parents=[choose], help="take released feedback back out of the students' sight")

    s = sub.add_parser("export", parents=[many], help="write a gradebook CSV: login, e-mail, levels, total, text")
    s.add_argument("--csv", required=True, metavar="FILE", help="the CSV file to write")

    s = sub.add_parser("bank", parents=[here], help="show or edit the comment bank (reusable sentences)")
    s.add_argument("--add", metavar="TEXT", action="append", default=[], help="add a sentence")
    s.add_argument("--remove", metavar="N", type=int, action="append", default=[], help="remove sentence N")


def run(args):
    return ACTIONS[args.action](args)


def _journals(args):
    from ..course.classfolder import find_journals
    from ..folder import Journal
    from . import open_journal

    if getattr(args, "class_dirs", None):
        return [Journal.open(p) for p in find_journals(args.class_dirs)]
    return [open_journal(args)]


def _add(args):
    import sys

    from ..feedback import snapshot as snapshots
    from ..errors import JournalError
    from . import open_journal

    journal = open_journal(args)
    entry = journal.entry(args.entry) if args.entry else None
    rubric = {}
    for item in args.level:
        name, sep, level = item.partition("=")
        if not sep:
            raise JournalError(f"--level takes CRITERION=LEVEL, not {item!r}")
        rubric[name.strip()] = level.strip()
    snap = snapshots.load(journal, args.snapshot) if args.snapshot else snapshots.latest(journal)
    sha = ""
    if entry is not None:
        sha = snap.hash_of(entry.id) if snap and snap.hash_of(entry.id) else snapshots.content_hash(entry)
    text = sys.stdin.read() if args.text == "-" else args.text
    fb = journal.feedback.add(entry.id if entry else "", text, rubric=rubric, snapshot=snap.label if snap else "",
                              sha256=sha, release=args.release)
    print(f"{fb.id}  {fb.status}  {printable(entry.title if entry else 'whole journal')}")
    return 0


def _list(args):
    from ..course.classfolder import login_of

    shown = 0
    for journal in _journals(args):
        entries = {e.id: e for e in journal.entries()}
        store = journal.feedback
        for fb in store.list(status=None if args.status == "all" else args.status):
            entry = entries.get(fb.entry_id)
            state = store.state(entry) if entry is not None and fb.status != "recalled" else fb.status
            flag = "  CHANGED SINCE FEEDBACK" if state == "changed since" else ""
            levels = ", ".join(f"{k}: {v}" for k, v in fb.rubric.items())
            print(f"{fb.id}  {fb.status:8}  {login_of(journal)}  {fb.entry_id or '(whole journal)'}"
                  f"{'  [' + printable(fb.snapshot) + ']' if fb.snapshot else ''}{flag}")
            print(f"    {printable(excerpt(fb.body))}" + (f"  ({printable(levels)})" if levels else ""))
            shown += 1
    if not shown:
        print("No feedback.")
    return 0


def _chosen(args, status):
    import datetime as dt

    from ..errors import JournalError
    from ..feedback.classwide import pieces

    dates = {}
    for name in ("date_from", "date_to"):
        value = getattr(args, name)
        try:
            dates[name] = dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise JournalError(f"--{name[5:]} must be YYYY-MM-DD, not {value!r}") from None
    if not (args.ids or args.student or args.tag or dates["date_from"] or dates["date_to"] or args.all):
        raise JournalError("name feedback ids, or choose --student, --tag, --from/--to, or --all")
    found = pieces(_journals(args), student=args.student, tag=args.tag, status=status, ids=args.ids, **dates)
    missing = set(args.ids) - {p.feedback.id for p in found}
    if missing:
        raise JournalError(f"no {status} feedback {', '.join(sorted(missing))} here (see 'journal feedback list')")
    return found


def _release(args):
    return _set(args, "held", "release")


def _recall(args):
    return _set(args, "released", "recall")


def _set(args, status, action):
    chosen = _chosen(args, status)
    by_journal = {}
    for piece in chosen:
        by_journal.setdefault(piece.journal.path, (piece.journal, []))[1].append(piece.feedback.id)
    for journal, ids in by_journal.values():
        for fb in getattr(journal.feedback, action)(ids):
            print(f"{fb.id}  {fb.status}  {journal.path.name}")
    print(f"{len(chosen)} pieces of feedback {'released' if action == 'release' else 'recalled'}")
    return 0


def _export(args):
    from ..feedback.classwide import gradebook
    from ..spreadsheet import write_csv

    journals = _journals(args)
    for journal in journals:
        journal.feedback.require_tutor()
    header, rows = gradebook(journals)
    n = write_csv(args.csv, header, rows, safe_columns=[h for h in header if h != "total"])
    print(f"{n} students written to {args.csv}")
    return 0


def _bank(args):
    from ..course.classfolder import feedback_settings
    from ..feedback.bank import save_bank
    from . import open_journal

    journal = open_journal(args)
    bank = list(feedback_settings(journal).bank)
    if args.add or args.remove:
        for n in sorted(set(args.remove), reverse=True):
            if not 1 <= n <= len(bank):
                from ..errors import JournalError

                raise JournalError(f"--remove {n}: the bank has {len(bank)} sentences")
            del bank[n - 1]
        path = save_bank(journal, bank + args.add)
        print(f"saved to {path}")
        bank = list(feedback_settings(type(journal).open(journal.path)).bank)
    for n, sentence in enumerate(bank, start=1):
        print(f"{n:3}  {printable(sentence)}")
    return 0


ACTIONS = {"add": _add, "list": _list, "release": _release, "recall": _recall, "export": _export, "bank": _bank}
