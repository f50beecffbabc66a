"""Tutor groups and visibility levels as the course decides them: no server, no hub."""

from __future__ import annotations

import os

import pytest

from journal.course.access import Access
from journal.course.errors import BadRequest, NotAllowed
from journal.course.groups import Groups, RosterFile, read_roster
from journal.course.protocol import SharedEntry
from journal.course.settings import CourseSettings
from journal.course.visibility import chosen
from journal.errors import JournalError, SettingsError

ROSTER = "login,name,group\nada,Ada Student,A\nbob,Bob Peer,A\ncal,Cal Other,B\nmo,Mo Both,A; B\ntina,Tina Tutor,\n"


class FakeHub:
    """The hub's answer about its groups, as HubGroups gives it (its prefix already left off)."""

    def __init__(self, members):
        self.answer = members

    def members(self):
        return self.answer


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def settings(**kw):
    return CourseSettings.from_dict({"title": "C", "tutors": ["tina"], **kw})


def test_the_roster_gives_names_and_groups_several_separated_by_semicolons(roster):
    got = read_roster(roster)
    assert got.names["ada"] == "Ada Student"
    assert got.groups["mo"] == {"A", "B"} and got.groups["ada"] == {"A"} and "tina" not in got.groups


def test_a_roster_without_login_and_name_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("user,group\nada,A\n", encoding="utf-8")
    with pytest.raises(JournalError, match="people.csv: a roster needs the columns login and name"):
        read_roster(path)


def test_a_student_moved_to_another_group_is_in_it_at_once(roster):
    groups = Groups(settings(), RosterFile(roster, seconds=0))
    assert groups.of("ada") == {"A"}
    roster.write_text(ROSTER.replace("ada,Ada Student,A", "ada,Ada Student,B"), encoding="utf-8")
    os.utime(roster, ns=(1, 1))               # a new stamp even within the file system's time resolution
    assert groups.of("ada") == {"B"}
    assert groups.members()["A"] == {"bob", "mo"}


def test_tutors_are_attached_by_course_toml_and_hub_groups_count_by_their_prefix(roster):
    s = settings(groups_prefix="tg-", groups={"A": {"tutors": ["tina"]}})
    groups = Groups(s, RosterFile(roster), FakeHub({"C": frozenset({"dan"})}))
    assert groups.of("tina") == {"A"}
    assert groups.of("dan") == {"C"} and groups.members()["C"] == {"dan"}
    # What the hub's OAuth vouched for counts too, prefix left off; other hub groups do not.
    assert groups.of("eve", vouched=["tg-D", "tutors", "tg-"]) == {"D"}


def test_group_settings_are_checked_naming_the_key():
    with pytest.raises(SettingsError, match="'groups.A.tutor'"):
        settings(groups={"A": {"tutor": ["tina"]}})
    with pytest.raises(SettingsError, match="'default_visibility' must be one of tutors, group, course"):
        settings(default_visibility="class")
    with pytest.raises(SettingsError, match="wider than 'max_visibility'"):
        settings(default_visibility="course", max_visibility="group")


def test_settings_keep_their_groups_when_saved(tmp_path):
    s = settings(groups_prefix="tg-", default_visibility="group", groups={"A": {"tutors": ["tina"]}})
    s.save(tmp_path / "course.toml")
    again = CourseSettings.load(tmp_path / "course.toml")
    assert again.groups["A"].tutors == ["tina"] and again.default_visibility == "group"


@pytest.mark.parametrize("level, readers", [
    ("tutors", {"ada", "tina"}),
    ("group", {"ada", "bob", "mo", "tina"}),
    ("course", {"ada", "bob", "cal", "mo", "dan", "tina"}),
])
def test_who_reads_an_entry_at_each_level(roster, level, readers):
    access = Access(settings(), RosterFile(roster))
    shared = SharedEntry("ada", "week-1", "Week 1", "2026-10-05", visibility=level)
    got = {login for login in ("ada", "bob", "cal", "mo", "dan", "tina")
           if access.may_read_entry(access.person(login), access.role_on(access.person(login), "ada"), shared)}
    assert got == readers


def test_a_share_asks_for_a_known_level_no_wider_than_the_course_allows():
    s = settings(max_visibility="group")
    assert chosen(None, s) is None and chosen("tutors", s) == "tutors"
    with pytest.raises(BadRequest, match="Unknown visibility 'everyone'"):
        chosen("everyone", s)
    with pytest.raises(NotAllowed, match="at most 'group'.*not 'course'"):
        chosen("course", s)


def test_a_course_that_narrows_its_maximum_narrows_what_was_shared_wider_at_once(roster):
    """An entry shared course-wide before `max_visibility` became `group` is read as a group entry from then on."""
    access = Access(settings(max_visibility="group"), RosterFile(roster))
    shared = SharedEntry("ada", "week-1", "Week 1", "2026-10-05", visibility="course")
    got = {login for login in ("ada", "bob", "cal", "mo", "dan", "tina")
           if access.may_read_entry(access.person(login), access.role_on(access.person(login), "ada"), shared)}
    assert got == {"ada", "bob", "mo", "tina"}
