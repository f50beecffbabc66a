"""What a report calls each student where a person reads it: their name, told apart only where it must be.

A name that one student has is shown alone. Where two students share a name, each gets their login
beside it; where they share the login too (copies of one journal), their folder instead. Machines
(the CSV, the table's folder column) keep the folder key.
"""

from __future__ import annotations

from collections import Counter


def labels(students) -> list[str]:
    """One label per row of `students` (dicts or a DataFrame's records with student, login and name)."""
    rows = [(str(s["student"]), str(s["login"] or ""), (str(s["name"] or "").strip() or str(s["login"] or "")
                                                        or str(s["student"]))) for s in students]
    names = Counter(name.casefold() for _, _, name in rows)
    pairs = Counter((name.casefold(), login) for _, login, name in rows)
    out = []
    for student, login, name in rows:
        if names[name.casefold()] == 1:
            out.append(name)
        elif login and login != name and pairs[(name.casefold(), login)] == 1:
            out.append(f"{name} ({login})")
        else:
            out.append(f"{name} ({student})")
    return out
