"""The review record (ReviewStoreProtocol) on both backends, reached as `store.reviews`; the folder's
append-only file; and `journal course migrate` carrying rounds, allocations and reviews both ways."""

import json

import pytest

from course_server import course_folder as _folder, course_store

from journal.course.backends import open_side
from journal.course.folder_side import start_folder
from journal.course.postgres import open_course
from journal.course.reviews.model import Allocation, Review, ReviewError, ReviewStoreProtocol, Round
from journal.course.settings import CourseSettings
from journal.course.store import FolderCourseStore
from journal.course.transfer import migrate, review_digest
from journal.errors import JournalError


@pytest.fixture(params=["folder", "postgres"])
def course(request, tmp_path):
    return course_store(request, tmp_path)


WEEK3 = Round(name="week-3", reviewers=2, due="2026-10-20", tag="week-3", groups="within", anonymous=True)


def test_rounds_allocations_and_reviews_are_kept_in_order(course):
    reviews = course.reviews
    assert isinstance(reviews, ReviewStoreProtocol) and reviews.rounds() == []
    opened = reviews.open_round(WEEK3)
    assert opened.opened_at and opened.is_open and reviews.round("week-3") == opened
    with pytest.raises(ReviewError, match="a review round 'week-3' exists already"):
        reviews.open_round(WEEK3)
    with pytest.raises(ReviewError, match=r"no review round 'week-9' \(rounds: week-3\)"):
        reviews.round("week-9")
    first = [Allocation("week-3", "bob", "ada", "e1"), Allocation("week-3", "cal", "ada", "e1")]
    assert [a.key for a in reviews.allocate(first)] == [("bob", "ada", "e1"), ("cal", "ada", "e1")]
    # The same again adds nothing: what is allocated stays as it was.
    assert reviews.allocate([*first, Allocation("week-3", "ada", "bob", "e2")])[0].key == ("ada", "bob", "e2")
    assert [a.key for a in reviews.allocations("week-3")] == [("bob", "ada", "e1"), ("cal", "ada", "e1"),
                                                             ("ada", "bob", "e2")]
    done = reviews.add_review(Review("week-3", "bob", "ada", "e1", "c-1", {"clarity": "strong"}))
    assert done.submitted_at and reviews.reviews() == [done]
    with pytest.raises(ReviewError, match="by this reviewer already"):
        reviews.add_review(Review("week-3", "bob", "ada", "e1", "c-2"))
    with pytest.raises(ReviewError, match="dan was not asked to review ada/e1"):
        reviews.add_review(Review("week-3", "dan", "ada", "e1", "c-3"))
    closed = reviews.close_round("week-3")
    assert closed.closed_at and not reviews.round("week-3").is_open
    with pytest.raises(ReviewError, match="closed already"):
        reviews.close_round("week-3")
    with pytest.raises(ReviewError, match="is closed"):
        reviews.allocate([Allocation("week-3", "dan", "ada", "e1")])
    with pytest.raises(ReviewError, match="is closed"):
        reviews.add_review(Review("week-3", "cal", "ada", "e1", "c-4"))


def test_a_damaged_line_is_named_by_file_and_line_and_nothing_is_lost(tmp_path):
    store = FolderCourseStore(_folder(tmp_path))
    store.reviews.open_round(WEEK3)
    store.reviews.allocate([Allocation("week-3", "bob", "ada", "e1")])
    path = tmp_path / "course" / "reviews.jsonl"
    lines = path.read_bytes().splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["round", "allocation"]
    path.write_bytes(lines[0] + b"\n" + b'{"kind": "allocation", "round": "week-3", "revi\n' + lines[1] + b"\n")
    before = path.read_bytes()
    fresh = FolderCourseStore(tmp_path / "course")
    with pytest.raises(ReviewError, match=r"reviews\.jsonl, line 2: a damaged review record"):
        fresh.reviews.rounds()
    with pytest.raises(ReviewError, match="line 2"):
        fresh.reviews.allocate([Allocation("week-3", "cal", "ada", "e1")])
    assert path.read_bytes() == before                  # nothing cut, nothing appended
    path.write_bytes(lines[0] + b"\n" + lines[1] + b"\n" + b'{"kind": "review"')   # mended; a write cut short
    with pytest.raises(ReviewError, match="line 3: .*unfinished"):
        fresh.reviews.rounds()


def _opened_course(folder):
    store = FolderCourseStore(folder)
    store.reviews.open_round(WEEK3)
    store.reviews.allocate([Allocation("week-3", "bob", "ada", "e1"), Allocation("week-3", "ada", "bob", "e2")])
    store.reviews.add_review(Review("week-3", "bob", "ada", "e1", "c-1", {"clarity": "sound"}))
    store.reviews.close_round("week-3")
    return store


def test_migrate_carries_the_review_record_both_ways_under_its_checksums(tmp_path, pg_url):
    store = _opened_course(_folder(tmp_path))
    want = review_digest(store.reviews.record())
    done = migrate(open_side(tmp_path / "course"), open_side(pg_url), say=lambda _: None)
    assert done["reviews"] == "copied"
    database = open_course(_folder(tmp_path, "db-settings", db=pg_url))
    assert review_digest(database.reviews.record()) == want
    assert database.reviews.round("week-3").closed_at == store.reviews.round("week-3").closed_at
    # Again: the same record is there, nothing is written twice.
    assert migrate(open_side(tmp_path / "course"), open_side(pg_url), say=lambda _: None)["reviews"] == "skipped"
    back = tmp_path / "back"
    start_folder(back, store.settings)
    assert migrate(open_side(pg_url), open_side(back), say=lambda _: None)["reviews"] == "copied"
    assert review_digest(FolderCourseStore(back).reviews.record()) == want
    # A destination with a different record is left as it is.
    other = FolderCourseStore(_folder(tmp_path, "other"))
    other.reviews.open_round(Round(name="week-4", reviewers=1, due="2026-10-27", tag="week-4"))
    with pytest.raises(JournalError, match="already holds different review rounds"):
        migrate(open_side(pg_url), open_side(tmp_path / "other"), say=lambda _: None)
    assert [r.name for r in other.reviews.rounds()] == ["week-4"]


def test_an_entry_withdrawn_or_narrowed_after_allocation_asks_nothing_and_loads_nobody(course):
    """Its reviewer owes nothing (a review given before still counts), and the next allocation run gives the
    new entries to those it freed, not by the loads of what no one can review any more."""
    from course_server import entry_notebook
    from journal.course.reviews import rounds
    from journal.course.reviews.completion import Completion, of_course

    people = ["ada", "bob", "cal", "dan", "eve"]
    for login in people[:4]:
        course.share(login, entry_notebook("r", f"Round entry, {login}", tags=["r"]))
    course.reviews.open_round(Round(name="r", reviewers=1, due="2026-10-20", tag="r"))
    first = rounds.run(course, "r", lambda login: frozenset(), people[:4]).added
    assert sorted(a.login for a in first) == people[:4]
    gone, narrowed, answered, _ = first
    course.reviews.add_review(Review("r", answered.reviewer, answered.login, "r", "c-1"))
    course.unshare(gone.login, "r")
    course.unshare(answered.login, "r")
    course.share(narrowed.login, entry_notebook("r", "Round entry", tags=["r"]), visibility="tutors")

    counts = of_course(course, today="2026-10-30")
    for freed in (gone.reviewer, narrowed.reviewer):
        c = counts.get(freed, Completion())
        assert (c.asked, c.given, c.late) == (0, 0, 0)
    assert (counts[answered.reviewer].given, counts[answered.reviewer].asked) == (1, 1)
    assert counts[answered.login].received == 1

    for n in (1, 2):
        course.share("eve", entry_notebook(f"r{n}", f"Eve's entry {n}", tags=["r"]))
    later = rounds.run(course, "r", lambda login: frozenset(), people).added
    assert sorted(a.reviewer for a in later) == sorted([gone.reviewer, narrowed.reviewer])


def test_the_gradebook_reviews_weight_counts_the_reviews_done(course):
    """`[grades]`'s `reviews` points are per review done, as the tutor page counts them: a reviewer with
    no journal in the course scores too, and a review owed counts nothing."""
    from course_server import entry_notebook
    from journal.course.lti.grades import scores
    from journal.course.reviews import rounds

    for login in ("ada", "bob"):
        course.share(login, entry_notebook("g", f"Graded, {login}", tags=["g"]))
    course.reviews.open_round(Round(name="g", reviewers=1, due="2099-12-31", tag="g"))
    added = rounds.run(course, "g", lambda login: frozenset(), ["ada", "bob", "zoe"]).added
    for a in added:
        if a.reviewer != "ada":
            course.reviews.add_review(Review("g", a.reviewer, a.login, a.entry_id, f"c-{a.login}"))
    item = CourseSettings.from_dict({"title": "T", "grades": {"p": {"label": "P", "maximum": 10, "shared": 1,
                                                                   "reviews": 3}}}).grades["p"]
    got = scores(course, {"p": item}, ["ada", "bob", "zoe"], "tina")["p"]
    done = {a.reviewer: 3.0 for a in added if a.reviewer != "ada"}
    assert got == {"ada": 1.0, "bob": 1.0 + done.get("bob", 0), "zoe": done.get("zoe", 0.0)}
    assert sum(got.values()) == 2 + 3 * (len(added) - sum(a.reviewer == "ada" for a in added))


def test_the_gradebook_counts_a_comment_given_under_the_name_the_roster_gives_its_writer(course):
    """A signed-in peer's comment carries the name the course knows them by (their LMS name); it counts as
    given by their journal only when the scores read the journals under the roster's names too."""
    from course_server import entry_notebook
    from journal.comments.protocol import Actor
    from journal.course.lti.grades import scores

    for login in ("ada", "bob"):
        course.share(login, entry_notebook("w1", f"Week one, {login}"))
    course.comments("ada", Actor("bob", "peer")).submit("w1", name="Bob Byte", body="Made me rethink mine.")
    item = CourseSettings.from_dict({"title": "T", "grades": {"p": {"label": "P", "maximum": 10, "shared": 2,
                                                                   "comments": 1}}}).grades["p"]
    names = {"ada": "Ada Lovelace", "bob": "Bob Byte"}
    assert scores(course, {"p": item}, ["ada", "bob"], "tina", names)["p"] == {"ada": 2.0, "bob": 3.0}
