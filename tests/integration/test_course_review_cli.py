"""`journal course review open|allocate|close|list` on both backends; bad input gives one line naming it."""

import pytest

from journal.course.backends import open_store
from journal.course.settings import CourseSettings
from course_server import entry_notebook


@pytest.fixture(params=["folder", "postgres"])
def course(request, tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    db = request.getfixturevalue("pg_url") if request.param == "postgres" else ""
    CourseSettings(title="Reflective practice", tutors=["tina"], db=db).save(folder / "course.toml")
    store = open_store(folder)
    for login in ("ada", "bob", "cal", "dan"):
        store.share(login, entry_notebook("week-3", f"Week three, {login}", tags=["week-3"]))
    store.share("ada", entry_notebook("week-4", "Week four", tags=["week-4"]))
    return folder


def test_open_allocate_list_close(course, run_cli):
    opened = run_cli("course", "review", "open", "wk3", "--tag", "week-3", "--reviewers", "2", "--anonymous",
                     "--due", "2026-10-20", "--dir", course, check=True)
    assert "Opened the review round wk3: 4 entries so far" in opened.stdout
    allocated = run_cli("course", "review", "allocate", "wk3", "--dir", course, check=True)
    assert "Allocated 8 reviews in the round wk3 (8 in all)." in allocated.stdout
    allocations = open_store(course).reviews.allocations("wk3")
    assert all(a.reviewer != a.login for a in allocations) and len({a.key for a in allocations}) == 8
    again = run_cli("course", "review", "allocate", "wk3", "--dir", course, check=True)
    assert "Allocated 0 reviews in the round wk3 (8 in all)." in again.stdout
    listed = run_cli("course", "review", "list", "--dir", course, check=True)
    assert "wk3  open  tag week-3  2 reviewers (any)  due 2026-10-20  anonymous  0 of 8 reviews done" in listed.stdout
    run_cli("course", "review", "close", "wk3", "--dir", course, check=True)
    assert "wk3  closed" in run_cli("course", "review", "list", "--dir", course, check=True).stdout


def test_too_few_reviewers_are_said_per_entry(course, run_cli):
    run_cli("course", "review", "open", "wk4", "--from", "2026-10-01", "--to", "2026-10-31", "--reviewers", "5",
            "--due", "2026-10-20", "--dir", course, check=True)
    out = run_cli("course", "review", "allocate", "wk4", "--dir", course, check=True).stdout
    assert "short: ada/week-3: 3 of 5 reviewers" in out and "short: ada/week-4: 3 of 5 reviewers" in out


@pytest.mark.parametrize("args, words", [
    (("open", "r", "--tag", "week-9", "--reviewers", "2", "--due", "2026-10-20"),
     "no shared entry has the tag 'week-9' (tags in use: week-3, week-4)"),
    (("open", "r", "--tag", "week-3", "--reviewers", "2", "--due", "soon"), "round r, due: 'soon' is not a date"),
    (("open", "r", "--from", "2026-10-01", "--reviewers", "2", "--due", "2026-10-20"), "give both dates"),
    (("allocate", "nope"), "no review round 'nope' (rounds: none is open)"),
    (("close", "nope"), "no review round 'nope'"),
])
def test_bad_input_is_one_line_naming_it(course, run_cli, args, words):
    proc = run_cli("course", "review", *args, "--dir", course)
    assert proc.returncode == 1, proc
    assert proc.stderr == f"journal: error: {words}\n" or (words in proc.stderr and proc.stderr.count("\n") == 1), \
        proc.stderr
