"""Allocating a review round (issue 21): 300 students in 20 groups, 300 entries x 3 reviewers, under 1 s.

Each grouping (any, within a group, across groups) from nothing, and a later run that adds 30 entries
shared since to the 270 already allocated (nothing allocated moves).
"""

from common import median, timed, table

STUDENTS, GROUPS, REVIEWERS, TARGET = 300, 20, 3, 1.0


def main():
    from journal.course.reviews.allocation import allocate
    from journal.course.reviews.model import Round

    people = [f"student{i:03d}" for i in range(STUDENTS)]
    groups = {p: frozenset({f"tg-{i % GROUPS:02d}"}) for i, p in enumerate(people)}
    entries = [(p, "week-3") for p in people]
    rows, worst = [], 0.0
    for grouping in ("any", "within", "across"):
        round = Round(name="week-3", reviewers=REVIEWERS, due="2026-10-20", tag="week-3", groups=grouping)
        full = median(timed(lambda: allocate(round, entries, people, groups.__getitem__), repeat=5))
        first = allocate(round, entries[:270], people, groups.__getitem__).added
        later = median(timed(lambda: allocate(round, entries, people, groups.__getitem__, existing=first), repeat=5))
        worst = max(worst, full, later)
        rows.append((grouping, f"{1000 * full:.0f}", f"{1000 * later:.0f}"))
    table(("grouping", f"{len(entries)} entries x {REVIEWERS}, median ms", "30 more after 270, median ms"), rows)
    print(f"slowest median {worst:.3f} s (target < {TARGET:g} s)")
    return 0 if worst < TARGET else 1
