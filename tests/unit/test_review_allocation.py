"""The allocation of a review round: no self-review, no entry twice, groups respected, loads balanced,
deterministic, incremental; shortfalls said rather than made up."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.course.reviews.allocation import allocate, allowed
from journal.course.reviews.model import Allocation, ReviewError, Round


def a_round(reviewers=3, groups="any", name="week-3"):
    return Round(name=name, reviewers=reviewers, due="2026-10-20", tag="week-3", groups=groups)


def students(n, groups):
    people = [f"s{i:03d}" for i in range(n)]
    of = {p: frozenset({f"g{i % groups}"}) for i, p in enumerate(people)}
    return people, of


def check_rules(plan, round, entries, people, of, existing=()):
    per_entry = {}
    for a in [*existing, *plan.added]:
        per_entry.setdefault((a.login, a.entry_id), []).append(a.reviewer)
        assert a.reviewer != a.login, "a self-review"
        assert allowed(round, of[a.login], of[a.reviewer]), f"{a} breaks the round's groups"
    for key, got in per_entry.items():
        assert len(got) == len(set(got)), f"{key} has a reviewer twice"
        assert len(got) <= round.reviewers
    for key in entries:
        assert len(per_entry.get(key, ())) == round.reviewers or key in plan.short
    return per_entry


@pytest.mark.parametrize("grouping", ["any", "within", "across"])
def test_a_class_of_300_in_20_groups_gets_three_reviewers_each_balanced(grouping):
    people, of = students(300, 20)
    entries = [(p, "week-3") for p in people]
    round = a_round(groups=grouping)
    plan = allocate(round, entries, people, of.__getitem__)
    assert plan.short == {}
    check_rules(plan, round, entries, people, of)
    loads = Counter(a.reviewer for a in plan.added)
    assert set(loads.values()) == {3}, Counter(loads.values())


def test_the_same_inputs_give_the_same_allocation_and_another_name_another():
    people, of = students(40, 4)
    entries = [(p, "e") for p in people]
    first = allocate(a_round(), entries, people, of.__getitem__).added
    assert allocate(a_round(), list(reversed(entries)), list(reversed(people)), of.__getitem__).added == first
    assert allocate(a_round(name="week-4"), entries, people, of.__getitem__).added != first


def test_a_later_run_moves_nothing_and_allocates_what_was_shared_since():
    people, of = students(30, 3)
    round = a_round()
    early = [(p, "e") for p in people[:20]]
    first = allocate(round, early, people, of.__getitem__).added
    later = allocate(round, [(p, "e") for p in people], people, of.__getitem__, existing=first)
    assert {(a.login, a.entry_id) for a in later.added} == {(p, "e") for p in people[20:]}
    check_rules(later, round, [(p, "e") for p in people], people, of, existing=first)
    again = allocate(round, [(p, "e") for p in people], people, of.__getitem__, existing=first + later.added)
    assert again.added == [] and again.short == {}


def test_too_few_reviewers_says_how_many_it_could_give_and_never_self_reviews():
    people = ["ann", "bob", "cat"]
    of = {p: frozenset({"g"}) for p in people}
    plan = allocate(a_round(reviewers=3), [(p, "e") for p in people], people, of.__getitem__)
    assert plan.short == {(p, "e"): 2 for p in people}
    assert all(a.reviewer != a.login for a in plan.added)
    across = allocate(a_round(groups="across"), [("ann", "e")], people, of.__getitem__)
    assert across.added == [] and across.short == {("ann", "e"): 0}


def test_a_round_is_checked_and_names_what_is_wrong():
    with pytest.raises(ReviewError, match="reviewers must be 1 or more"):
        Round(name="r", reviewers=0, due="2026-10-20", tag="t").check()
    with pytest.raises(ReviewError, match="either a tag or the dates"):
        Round(name="r", reviewers=2, due="2026-10-20").check()
    with pytest.raises(ReviewError, match="'next week' is not a date"):
        Round(name="r", reviewers=2, due="next week", tag="t").check()
    with pytest.raises(ReviewError, match="not a round name"):
        Round(name="../r", reviewers=2, due="2026-10-20", tag="t").check()


@settings(max_examples=150, deadline=None)
@given(n=st.integers(2, 40), groups=st.integers(1, 6), reviewers=st.integers(1, 4),
       grouping=st.sampled_from(["any", "within", "across"]), shared=st.data())
def test_any_class_the_rules_hold_and_loads_spread_at_most_one_when_unconstrained(n, groups, reviewers, grouping,
                                                                                   shared):
    people, of = students(n, groups)
    authors = shared.draw(st.lists(st.sampled_from(people), unique=True, min_size=1))
    entries = [(p, "e") for p in authors]
    round = a_round(reviewers=reviewers, groups=grouping)
    cut = shared.draw(st.integers(0, len(entries)))
    first = allocate(round, entries[:cut], people, of.__getitem__)
    plan = allocate(round, entries, people, of.__getitem__, existing=first.added)
    check_rules(plan, round, entries, people, of, existing=first.added)
    # Nothing allocated moves: the first run's allocations are all still there, none added twice.
    assert not set(a.key for a in first.added) & set(a.key for a in plan.added)
    # Shortfalls are real: an entry short of reviewers had no other candidate left.
    every = [*first.added, *plan.added]
    for (login, eid), got in plan.short.items():
        on = {a.reviewer for a in every if (a.login, a.entry_id) == (login, eid)}
        assert len(on) == got
        assert all(r in on or r == login or not allowed(round, of[login], of[r]) for r in people)
    if grouping == "any" and cut == 0 and not plan.short:
        loads = Counter({p: 0 for p in people}) + Counter(a.reviewer for a in plan.added)
        loads = [loads[p] for p in people]
        assert max(loads) - min(loads) <= 1, loads


def test_an_allocation_is_plain_data():
    assert Allocation("r", "bob", "ann", "e").key == ("bob", "ann", "e")


@pytest.mark.parametrize("grouping", ["any", "across"])
def test_an_entry_shared_with_its_group_alone_goes_only_to_readers_in_that_group(grouping):
    """A reviewer must be able to read what they review: a `group` entry in an any-group round draws only on
    its author's group, and in an across-group round on nobody (a shortfall, never a reviewer who cannot read it)."""
    people, of = students(12, 3)
    entries = [(p, "wk") for p in people]
    group_only = entries[:4]
    plan = allocate(a_round(reviewers=2, groups=grouping), entries, people, of.get, group_only=group_only)
    check_rules(plan, a_round(reviewers=2, groups=grouping), entries, people, of)
    for a in plan.added:
        if (a.login, a.entry_id) in group_only:
            assert of[a.login] & of[a.reviewer], f"{a}: the reviewer cannot read a group-only entry"
    if grouping == "across":
        assert all(plan.short.get(key) == 0 for key in group_only)
    else:
        assert not plan.short
