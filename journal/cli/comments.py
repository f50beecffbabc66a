"""`journal comments`: submit, list, moderate and export the comments on a journal's entries."""

import json
import sys

from ..comments import ModerationRefused, rules
from ..comments.model import STATUSES
from ..comments.text import EMAIL_SEEN_BY, excerpt
from . import NAMES_AN_ENTRY
from ._terminal import printable

HELP = "submit, list, moderate (approve, spam, trash, restore, edit) and export comments"
ORDER = 40
STATUS_CHOICES = (*STATUSES, "all")
MODERATE = {"approve": "approve these comments (show them under the entry)",
            "spam": "mark these comments as spam",
            "trash": "move these comments to the trash",
            "restore": "take these comments out of spam or trash, back to their earlier status"}


def add_arguments(p):
    from . import actions

    sub, here = actions(p)

    s = sub.add_parser("submit", parents=[here], help="add a comment to an entry (moderation rules apply)")
    s.add_argument("entry", metavar="ENTRY", help=f"the entry: {NAMES_AN_ENTRY}")
    s.add_argument("--name", required=True, help="the commenter's name")
    s.add_argument("--text", required=True, help="the comment ('-' reads it from standard input)")
    s.add_argument("--email", default=None, help=f"the commenter's e-mail address ({EMAIL_SEEN_BY})")
    s.add_argument("--reply-to", default=None, metavar="ID", help="the id of the approved comment this answers")

    s = sub.add_parser("list", parents=[here], help="list comments, oldest first")
    s.add_argument("entry", metavar="ENTRY", nargs="?", help="only this entry's comments")
    s.add_argument("--status", choices=STATUS_CHOICES, default="all", help="only comments in this status")
    s.add_argument("--json", action="store_true", help="print JSON (full bodies) instead of a table")

    for action, text in MODERATE.items():
        s = sub.add_parser(action, parents=[here], help=text)
        s.add_argument("ids", metavar="ID", nargs="+", help="comment ids (see 'journal comments list')")

    s = sub.add_parser("edit", parents=[here], help="replace a comment's text (the earlier text stays in the log)")
    s.add_argument("id", metavar="ID", help="the comment's id (see 'journal comments list')")
    s.add_argument("--text", required=True, help="the new text ('-' reads it from standard input)")

    s = sub.add_parser("export", parents=[here], help="write comments to a CSV file for a spreadsheet")
    s.add_argument("--csv", required=True, metavar="FILE", help="the CSV file to write")
    s.add_argument("--status", choices=STATUS_CHOICES, default="all", help="only comments in this status")


def run(args):
    import warnings

    from ..comments import LogDamaged
    from . import open_journal

    journal = open_journal(args)
    store = journal.comments
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LogDamaged)     # printed below, once each, as one line
            return ACTIONS[args.action](journal, store, args)
    finally:
        for problem in store.problems:
            print(f"journal: warning: {problem}", file=sys.stderr)


def _submit(journal, store, args):
    entry = journal.entry(args.entry)
    text = sys.stdin.read() if args.text == "-" else args.text
    comment = store.submit(entry.id, name=args.name, body=text, email=args.email, reply_to=args.reply_to)
    print(f"{comment.id}  {comment.status}  ({printable(comment.reason)})")
    return 0


def _rows(store, args, entry_id=None):
    """The comments this reader may see: a peer gets approved ones only, and the store leaves out what a peer
    may not read of them (journal.comments.privacy)."""
    status = None if args.status == "all" else args.status
    if store.can_moderate:
        return store.frame(status=status, entry_id=entry_id)
    if status not in (None, "approved"):
        raise ModerationRefused(f"Only the journal's author or a tutor can see {status} comments; "
                                f"{rules.acting(store.role, person=store.for_person)}.")
    return store.frame(status="approved", entry_id=entry_id)


def _entry_id(journal, store, text):
    """The id of the entry named by `text` (id or file name), like `submit` takes it; an id that
    only the store knows (its entry was deleted) still lists that entry's comments."""
    from ..errors import JournalError

    try:
        return journal.entry(text).id
    except JournalError:
        if text in store.counts():
            return text
        raise


def _list(journal, store, args):
    frame = _rows(store, args, None if args.entry is None else _entry_id(journal, store, args.entry))
    if args.json:
        print(json.dumps(frame.to_dict("records"), indent=2, ensure_ascii=False))
        return 0
    if frame.empty:
        print("No comments.")
        return 0
    for row in frame.itertuples(index=False):
        reply = f" reply to {row.parent_id}" if row.parent_id else ""
        print(f"{row.id}  {row.status:8}  {row.submitted_at[:16].replace('T', ' ')}  {row.entry_id}{reply}")
        print(f"    {printable(row.author_name)} ({row.author_role}): {printable(excerpt(row.body))}")
    return 0


def _moderate(journal, store, args):
    store.require_moderator()
    for cid in args.ids:                      # check every id first, so a typo changes nothing
        store.get(cid)
    act = getattr(store, args.action)
    for cid in args.ids:
        print(f"{cid}  {act(cid).status}")
    return 0


def _edit(journal, store, args):
    store.require_moderator()                 # before waiting on standard input
    before = store.get(args.id).body
    text = sys.stdin.read() if args.text == "-" else args.text
    comment = store.edit(args.id, text)
    print(f"{comment.id}  {comment.status}  {'edited' if comment.body != before else 'unchanged'}")
    return 0


def _export(journal, store, args):
    from ..spreadsheet import write_csv

    frame = _rows(store, args)
    n = write_csv(args.csv, list(frame.columns), frame.itertuples(index=False))
    print(f"{n} comments written to {args.csv}")
    return 0


ACTIONS = {"submit": _submit, "list": _list, **dict.fromkeys(MODERATE, _moderate), "edit": _edit,
           "export": _export}
