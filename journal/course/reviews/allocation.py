"""Who reviews which entry in a round: a pure function of the round, the entries, the reviewers and their groups.

The rules, in the order they bind:
- nobody reviews their own entry, nobody gets one entry twice, and nothing already allocated moves;
- a within-group round draws only on reviewers sharing a group with the author, an across-group round
  only on reviewers sharing none; an entry shared with its author's group alone goes only to readers in
  that group, whatever the round (a reviewer must be able to read what they review);
- each entry gets the round's N reviewers where that many can be found (else as many as there are: a
  shortfall is reported, never made up with a self-review);
- the loads are balanced: each pick is a least-loaded candidate, then reviews are moved from the busiest
  to the idlest reviewer while one can take it, so max - min <= 1 wherever the constraints allow it.
Ties are broken by a hash seeded with the round's name, so the same inputs give the same allocation.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .model import Allocation, Round

Key = tuple[str, str]                   # (login, entry_id): one entry


@dataclass
class Plan:
    """What a run of the allocation adds, and the entries it could not give N reviewers (entry -> how many)."""

    added: list[Allocation] = field(default_factory=list)
    short: dict[Key, int] = field(default_factory=dict)
    group_only: frozenset = frozenset()     # the entries only their author's group may read


def _mix(seed: bytes, text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8, key=seed).digest(),
                          "big")


def allowed(round: Round, author_groups: frozenset, reviewer_groups: frozenset) -> bool:
    """Whether a reviewer in `reviewer_groups` may review an author in `author_groups` in this round."""
    if round.groups == "within":
        return bool(author_groups & reviewer_groups)
    if round.groups == "across":
        return not author_groups & reviewer_groups
    return True


def allocate(round: Round, entries: Iterable[Key], reviewers: Iterable[str],
             groups_of: Callable[[str], frozenset], existing: Iterable[Allocation] = (),
             group_only: Iterable[Key] = ()) -> Plan:
    """The allocations to add for `entries` (the round's eligible ones), drawing on `reviewers` (logins), given
    what is `existing` (this round's allocations so far, never moved); `group_only` are the entries shared with
    their author's group alone."""
    seed = hashlib.sha256(round.name.encode("utf-8")).digest()[:16]
    people = sorted(set(reviewers))
    rank = {r: _mix(seed, r) for r in people}
    groups = {login: frozenset(groups_of(login)) for login in people}
    load: dict[str, int] = dict.fromkeys(people, 0)
    taken: dict[Key, set] = defaultdict(set)
    for a in existing:
        taken[(a.login, a.entry_id)].add(a.reviewer)
        load[a.reviewer] = load.get(a.reviewer, 0) + 1
    wanted = sorted(set(entries), key=lambda k: (_mix(seed, f"{k[0]}/{k[1]}"), k))
    plan = Plan(group_only=frozenset(group_only))
    picked: dict[Key, list[str]] = {}
    candidates: dict[Key, list[str]] = {}
    for key in wanted:
        author = key[0]
        need = round.reviewers - len(taken[key])
        if need <= 0:
            continue
        mine = groups.get(author, frozenset(groups_of(author)))
        able = [r for r in people if r != author and r not in taken[key] and allowed(round, mine, groups[r])
                and (key not in plan.group_only or mine & groups[r])]
        candidates[key] = able
        offset = _mix(seed, f"{author}/{key[1]}")
        chosen = heapq.nsmallest(need, able, key=lambda r: (load[r], rank[r] ^ offset, r))
        for r in chosen:
            load[r] += 1
        picked[key] = chosen
        if len(chosen) < need:
            plan.short[key] = len(taken[key]) + len(chosen)
    _balance(picked, candidates, taken, load, people)
    for key in wanted:
        for r in picked.get(key, ()):
            plan.added.append(Allocation(round.name, r, key[0], key[1]))
    return plan


def _balance(picked: dict, candidates: dict, taken: dict, load: dict, people: list) -> None:
    """Move new allocations from the busiest reviewers to idler ones while one can take one (only new ones
    move). Each move lowers the sum of the squared loads, so this ends."""
    held = defaultdict(list)                    # reviewer -> the entries newly given them
    for key, chosen in picked.items():
        for r in chosen:
            held[r].append(key)
    while people:
        high = max(load[r] for r in people)
        if high - min(load[r] for r in people) <= 1:
            return
        moved = False
        for busy in (r for r in people if load[r] == high):
            for key in held[busy]:
                idle = next((r for r in candidates[key] if load[r] <= high - 2 and r not in picked[key]
                             and r not in taken[key]), None)
                if idle is not None:
                    picked[key][picked[key].index(busy)] = idle
                    held[busy].remove(key)
                    held[idle].append(key)
                    load[busy] -= 1
                    load[idle] += 1
                    moved = True
                    break
        if not moved:
            return
