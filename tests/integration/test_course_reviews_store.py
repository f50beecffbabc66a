"""The review record (ReviewStoreProtocol) on both backends, reached as `store.reviews`; the folder's
append-only file; and `journal course migrate` carrying rounds, allocations and reviews both ways."""

import json

import pytest

from journal.course.backends import open_side
from journal.course.folder_side import start_folder
from journal.course.postgres import open_course
from journal.course.reviews.model import Allocation, Review, ReviewError, ReviewStoreProtocol, Round
from journal.course.settings import CourseSettings
from journal.course.store import FolderCourseStore
from journal.course.transfer import migrate, review_digest
from journal.errors import JournalError


def _folder(tmp_path, name="course", db=""):
    folder = tmp_path / name
    folder.mkdir()
    CourseSettings(title="Reflective practice", tutors=["tina"], db=db).save(folder / "course.toml")
    return folder


@pytest.fixture(params=["folder", "postgres"])
def course(request, tmp_path):
    if request.param == "folder":
        return FolderCourseStore(_folder(tmp_path))
    return open_course(_folder(tmp_path, db=request.getfixturevalue("pg_url")))


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
