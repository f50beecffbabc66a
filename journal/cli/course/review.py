"""`journal course review open|allocate|close|list`: peer review rounds on a course."""

HELP = "peer review rounds: open one (which entries, how many reviewers, due when), allocate, close, list"
ORDER = 70


def add_arguments(p):
    import argparse

    here = argparse.ArgumentParser(add_help=False)
    here.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")
    sub = p.add_subparsers(dest="review_action", metavar="ACTION")
    sub.required = True
    s = sub.add_parser("open", parents=[here], help="open a round (then allocate it)")
    s.add_argument("name", metavar="NAME", help="the round's name, e.g. week-3 (it also seeds the allocation)")
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--tag", help="review the entries with this tag")
    which.add_argument("--from", dest="date_from", metavar="DATE", help="review the entries dated from DATE …")
    s.add_argument("--to", dest="date_to", metavar="DATE", help="… to DATE (YYYY-MM-DD, inclusive)")
    s.add_argument("--reviewers", type=int, required=True, metavar="N", help="reviewers for each entry")
    groups = s.add_mutually_exclusive_group()
    groups.add_argument("--within-group", dest="groups", action="store_const", const="within",
                        help="only reviewers sharing a tutor group with the author")
    groups.add_argument("--across-groups", dest="groups", action="store_const", const="across",
                        help="only reviewers sharing no tutor group with the author")
    s.add_argument("--anonymous", action="store_true",
                   help='authors and peers see "Reviewer 1", "Reviewer 2"; tutors see the names')
    s.add_argument("--skip-moderation", action="store_true", help="reviews are published at once")
    s.add_argument("--due", required=True, metavar="DATE", help="reviews after this date (YYYY-MM-DD) are late")
    for action, text in (("allocate", "give the round's entries their reviewers (again: only what is new)"),
                         ("close", "close a round: nothing more is allocated or reviewed in it")):
        s = sub.add_parser(action, parents=[here], help=text)
        s.add_argument("name", metavar="NAME", help="the round's name")
    s = sub.add_parser("list", parents=[here], help="every round, with its allocations and reviews done")


def run(args):
    from journal.course.access import Access
    from journal.course.backends import open_store
    from journal.course.reviews import rounds
    from journal.course.reviews.model import Round

    store = open_store(args.dir)
    settings = store.settings
    access = Access.of_folder(args.dir, settings)
    reviews = store.reviews
    if args.review_action == "open":
        opened = rounds.open_round(store, Round(
            name=args.name, reviewers=args.reviewers, due=args.due, tag=args.tag or "",
            date_from=args.date_from or "", date_to=args.date_to or "", groups=args.groups or "any",
            anonymous=args.anonymous, skip_moderation=args.skip_moderation))
        print(f"Opened the review round {opened.name}: {len(rounds.eligible(store, opened))} entries so far. "
              f"Allocate it with: journal course review allocate {opened.name}")
    elif args.review_action == "allocate":
        plan = rounds.run(store, args.name, access.groups_of, rounds.students(store, access))
        print("\n".join(rounds.allocated(store, args.name, plan)))
    elif args.review_action == "close":
        closed = reviews.close_round(args.name)
        print(f"Closed the review round {closed.name} ({closed.closed_at}).")
    else:
        every = rounds.progress(store)
        if not every:
            print("No review rounds.")
        for p in every:
            round = p.round
            state = "open" if round.is_open else "closed"
            print(f"{round.name}  {state}  {p.entries}  {round.reviewers} reviewers ({round.groups})  due {round.due}"
                  f"{'  anonymous' if round.anonymous else ''}  {p.given} of {p.asked} reviews done, {p.late} late")
    return 0
