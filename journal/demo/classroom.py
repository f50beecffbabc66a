"""A demo class: a tutor's folder of students' journals with posts, citations and peers' comments.

The same deterministic class serves the tutor's demo, the tests and the benchmarks. Some students
post every week, some stop, some never comment on a peer: what a participation report is for.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from references.bibliography import extract

from ..comments.seed import seed as seed_comments
from ..entry import write_notebook
from ..folder import Journal
from ..templates import from_template
from . import _read

FIRST = ("Amara", "Ben", "Chloe", "Dev", "Elif", "Finn", "Grace", "Hamza", "Iris", "Jonah", "Kemi", "Luca",
         "Maya", "Niall", "Orla", "Priya", "Quinn", "Rosa", "Sami", "Tess")
LAST = ("Adeyemi", "Brooks", "Costa", "Das", "Evans", "Fraser", "Gallagher", "Hughes", "Ibrahim", "Jones")
KEYS = ("schon1983", "gibbs1988", "kolb1984", "senge1990", "glasby2014")
SENTENCES = (
    "On the ward this week I noticed how much of the work happens in the corridor conversations.",
    "I tried to hold back my first judgement and ask what the patient wanted from the visit.",
    "The handover felt rushed, and I am still thinking about what was lost in it.",
    "Looking back, my feelings got in the way of listening properly.",
    "My mentor asked me why I chose that approach, and I did not have a good answer yet.",
    "Next time I will write down the three questions I want to ask before I go in.",
    "Reading about reflection-in-action helped me name what I was doing without noticing it.",
    "The family had a very different picture of a good discharge from the team's.",
    "I am learning that asking for help early is part of the job, not a failure at it.",
    "We argued about the care plan, and the argument was more useful than agreement would have been.",
)
COMMENTS = ("This rings true for my placement too.", "How did your mentor respond?",
            "I like the plan for next time: will you tell us how it goes?", "Thanks for writing this so honestly.",
            "Have you read the chapter on shared vision? It fits this well.")


def student_names(n: int) -> list[tuple[str, str]]:
    """(login, full name) of `n` students, the same every time."""
    out = []
    for i in range(n):
        # Each first name meets each surname once in the first 200, so logins stay distinct.
        first, last = FIRST[i % len(FIRST)], LAST[(i + i // len(FIRST)) % len(LAST)]
        suffix = "" if i < len(FIRST) * len(LAST) else str(i)
        out.append((f"{first[0]}{last}{suffix}".lower(), f"{first} {last}"))
    return out


def build_class(path, *, students: int = 6, entries: int = 4, start: dt.date = dt.date(2026, 9, 28),
                seed: int = 1, tutor: str = "tutor") -> list[Journal]:
    """Write a class of `students` journals into `path` (one folder per login); returns the journals."""
    rng = random.Random(seed)
    path = Path(path)
    library = _read("references.bib")
    people = student_names(students)
    journals = []
    for n, (login, name) in enumerate(people):
        journal = Journal.create(path / login, title=f"{name}'s placement journal", author=name, username=login)
        journal.settings.tutors = [tutor]
        journal.settings.save(journal.path / "journal.toml")
        journal.library_path.write_text(library, encoding="utf-8")
        # Every third student stops posting after half the weeks: the report should show them.
        posts = entries if n % 3 else max(1, entries // 2)
        for week in range(posts):
            _write_entry(journal, rng, week, start + dt.timedelta(weeks=week, days=rng.randrange(5)))
        journals.append(journal)
    for n, journal in enumerate(journals):
        rows = []
        for i, entry in enumerate(journal.entries()):
            for m in rng.sample(range(students), k=min(students, 2)):
                login, name = people[m]
                if m == n or m % 4 == 3:        # every fourth student never comments on a peer
                    continue
                ref = f"c{i}-{m}"
                rows.append({"ref": ref, "reply_to": "", "entry": entry.id, "name": name,
                             "email": f"{login}@example.ac.uk", "role": "peer", "body": rng.choice(COMMENTS),
                             "status": "approved" if rng.random() < 0.8 else "pending",
                             "hours_after": str(rng.randrange(6, 60))})
                if rows[-1]["status"] == "approved" and rng.random() < 0.5:
                    rows.append({"ref": ref + "r", "reply_to": ref, "entry": entry.id, "name": journal.author,
                                 "email": "", "role": "author", "body": "Thank you, that helps.",
                                 "status": "approved", "hours_after": str(int(rows[-1]["hours_after"]) + 3)})
        seed_comments(journal, rows, source=f"demo class ({journal.path.name})")
    return journals


def _write_entry(journal, rng, week: int, date: dt.date) -> None:
    title = f"Week {week + 1}: {rng.choice(('handover', 'a difficult visit', 'team meetings', 'discharge', 'feedback'))}"
    entry_id = f"week-{week + 1}"
    keys = rng.sample(KEYS, k=rng.randrange(0, 3))
    meta = {"id": entry_id, "title": title, "author": journal.author, "date": date.isoformat(),
            "tags": [f"week {week + 1}"], "status": "published", "references": ""}
    nb = from_template("blank", title=title, meta=meta)
    prose = " ".join(rng.sample(SENTENCES, k=rng.randrange(3, 8)))
    cites = " ".join(f"[@{k}]" for k in keys)
    nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": f"{prose} {cites}".strip(),
                           "id": f"prose-{week + 1}"})
    if keys:
        meta["references"] = extract(journal.library_path.read_text(encoding="utf-8"), keys)
    write_notebook(nb, journal.entries_dir / f"{date.isoformat()}-{entry_id}.ipynb")
