"""The course's LMS record (LmsRecordProtocol) on both backends, reached as `store.lti`: synced members and
pushed scores kept and replaced whole; `journal course migrate` carrying it both ways."""

import pytest

from course_server import course_folder as _folder, course_store

from journal.course.backends import open_side
from journal.course.lti.record import LmsRecordProtocol
from journal.course.postgres import open_course
from journal.course.store import FolderCourseStore
from journal.course.transfer import migrate
from journal.errors import JournalError

MEMBERS = {"ada@uni.test": {"name": "Ada Lovelace", "role": "student", "user_id": "u-ada", "groups": ["lab-1"]},
           "tina@uni.test": {"name": "Tina Khan", "role": "tutor", "user_id": "u-tina", "groups": []}}
PUSHED = {"participation": {"ada@uni.test": {"score": 2, "maximum": 10, "at": "2026-10-02T09:00:00+00:00"}}}
ENDPOINTS = {"memberships_url": "https://lms.test/members", "lineitems_url": "https://lms.test/lineitems"}


@pytest.fixture(params=["folder", "postgres"])
def course(request, tmp_path):
    return course_store(request, tmp_path)


def _fill(record):
    record.write("members", MEMBERS)
    record.write("pushed", PUSHED)
    record.write("endpoints", ENDPOINTS)


def test_the_lms_record_is_kept_by_the_course_backend_and_replaced_whole(course):
    record = course.lti
    assert isinstance(record, LmsRecordProtocol)
    assert record.read("members") == {} and record.read("pushed") == {}
    _fill(record)
    assert record.read("members") == MEMBERS and record.read("pushed") == PUSHED
    left = {"tina@uni.test": MEMBERS["tina@uni.test"]}          # Ada left the LMS course
    record.write("members", left)
    assert record.read("members") == left
    with pytest.raises(JournalError, match="no part 'marks'"):
        record.read("marks")


def test_a_database_course_keeps_nothing_of_its_lms_in_the_folder(tmp_path, pg_url):
    store = open_course(_folder(tmp_path, db=pg_url))
    _fill(store.lti)
    assert not (tmp_path / "course" / ".lti").exists()
    assert open_course(tmp_path / "course").lti.read("pushed") == PUSHED       # another server reads the same


def test_migrate_carries_the_lms_record_both_ways(tmp_path, pg_url):
    _fill(FolderCourseStore(_folder(tmp_path)).lti)
    done = migrate(open_side(tmp_path / "course"), open_side(pg_url), say=lambda _: None)
    assert done["lti"] == "copied"
    side = open_side(pg_url)
    assert side.lti.read("members") == MEMBERS and side.lti.read("pushed") == PUSHED
    assert side.lti.read("endpoints") == ENDPOINTS
    assert migrate(open_side(tmp_path / "course"), open_side(pg_url), say=lambda _: None)["lti"] == "skipped"
    back = _folder(tmp_path, "back")
    assert migrate(open_side(pg_url), open_side(back), say=lambda _: None)["lti"] == "copied"
    assert FolderCourseStore(back).lti.read("pushed") == PUSHED
    other = _folder(tmp_path, "other")
    FolderCourseStore(other).lti.write("members", {"bob@uni.test": MEMBERS["ada@uni.test"]})
    with pytest.raises(JournalError, match="already holds a different LMS record"):
        migrate(open_side(pg_url), open_side(other), say=lambda _: None)
    assert FolderCourseStore(other).lti.read("pushed") == {}         # left as it was


def test_one_push_to_the_gradebook_at_a_time(course):
    """While one push holds the course's lock (another server, the CLI), a second is refused at once, saying
    so; once it is done the next one may push."""
    record = course.lti
    with record.pushing():
        # A second holder of its own: another lock file handle, or another database session.
        with pytest.raises(JournalError, match="another push to the gradebook is under way"):
            with record.pushing():
                pass
    with record.pushing():
        pass
