"""The participation report's numbers, counted by hand on a small class."""

import datetime as dt

import pytest

from journal import Journal
from journal.report import build_report


def _entry(journal, title, date, text):
    entry = journal.new_entry(title, date=date, status="published")
    entry.notebook["cells"][1]["source"] = text
    entry.save()
    return entry


@pytest.fixture
def cls(tmp_path, monkeypatch):
    ada = Journal.create(tmp_path / "c" / "ada", title="Ada's", author="Ada Lovelace", username="ada")
    bo = Journal.create(tmp_path / "c" / "bo", title="Bo's", author="Bo Chen", username="bo")
    cy = Journal.create(tmp_path / "c" / "cy", title="Cy's", author="Cy Dunn", username="cy")
    _entry(ada, "One", "2026-10-05", "Five words are in here [@schon1983] and @kolb1984 too.")
    _entry(ada, "Two", "2026-10-14", "Three more words.")
    _entry(bo, "First", "2026-10-06", "Just four words here.")
    ada.new_entry("A draft", date="2026-10-20")          # drafts count nowhere
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    on_ada = ada.comments.submit("one", name="Bo Chen", body="Nice work.")       # Bo gives, Ada receives
    ada.comments.submit("two", name="bo", body="And again.")                      # by login, still Bo
    ada.comments.submit("two", name="Stranger", body="Hello.")                    # counts as received only
    bo.comments.submit("first", name="Ada Lovelace", body="Spam me", email="x@example.org")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    ada.comments.approve(on_ada.id)
    ada.comments.submit("one", name="Ada Lovelace", body="Thanks!", reply_to=on_ada.id)   # Ada's reply
    bo.comments.spam(bo.comments.frame()["id"][0])                                       # spam counts nowhere
    return [ada, bo, cy]


def test_counts_per_student(cls):
    report = build_report(cls, as_of=dt.date(2026, 10, 21), quiet_days=10)
    s = report.students.set_index("login")
    published = [e for e in cls[0].entries() if e.published]
    assert s.loc["ada", ["entries", "words", "citations"]].tolist() == [2, sum(e.words for e in published), 2]
    assert [e.words for e in published] == [1 + 8, 1 + 3]    # each heading is one word
    assert s.loc["ada", ["given", "received", "replies", "pending"]].tolist() == [0, 3, 1, 2]
    assert s.loc["bo", ["entries", "given", "received", "replies", "pending"]].tolist() == [1, 2, 0, 0, 0]
    assert s.loc["cy", ["entries", "words", "given", "received"]].tolist() == [0, 0, 0, 0]
    assert s.loc["bo", "median_wait_hours"] >= 0            # Bo's first comment waited for approval
    assert s.loc["ada", "last_active"] == dt.date(2026, 10, 14)
    assert s.loc["ada", "days_quiet"] == 7 and s.loc["bo", "days_quiet"] == 15
    assert report.not_posted == ["bo", "cy"]                 # cy never posted at all
    assert report.never_commented == ["ada", "cy"]           # Ada only answered on her own journal
    assert set(s["feedback"]) == {"none"}


def test_weeks_run_from_first_activity_to_as_of(cls):
    report = build_report(cls, as_of=dt.date(2026, 10, 21))
    today = dt.date.today()                                    # the comments were written today
    this_week = today - dt.timedelta(days=today.weekday())
    assert report.weeks[:3] == ["2026-10-05", "2026-10-12", "2026-10-19"] and report.weeks[-1] == str(this_week)
    assert len(report.weeks) == (this_week - dt.date(2026, 10, 5)).days // 7 + 1
    weekly = report.weekly.set_index(["login", "week"])
    assert len(weekly) == 3 * len(report.weeks)                # every student, every week
    assert weekly.loc[("ada", str(this_week)), ["received", "pending"]].tolist() == [3, 2]
    assert weekly.loc[("ada", "2026-10-05"), "entries"] == 1
    assert weekly.loc[("ada", "2026-10-12"), ["entries", "words"]].tolist() == [1, 3 + 1]
    assert weekly.loc[("cy", "2026-10-12"), "entries"] == 0


def test_demo_class_has_quiet_students_and_silent_ones(tmp_path):
    from journal.demo.classroom import build_class

    journals = build_class(tmp_path / "c", students=8, entries=4)
    report = build_report(journals, as_of=dt.date(2026, 10, 26), quiet_days=7)
    logins = report.students["login"].tolist()
    assert len(set(logins)) == 8
    assert logins[0] in report.not_posted and logins[3] in report.not_posted      # every third stops posting
    assert logins[3] in report.never_commented and logins[7] in report.never_commented
    assert report.students["received"].sum() > 0


def test_comments_on_entries_that_no_longer_exist_count_nowhere(cls):
    ada, bo, _ = cls
    ada.entry("two").path.unlink()                # Bo's and a stranger's comments, both pending, were on it
    report = build_report(cls, as_of=dt.date(2026, 10, 21), quiet_days=10)
    s = report.students.set_index("student")
    assert s.loc["ada", ["entries", "received", "replies", "pending"]].tolist() == [1, 1, 1, 0]
    assert s.loc["bo", "given"] == 1
    assert report.orphaned[["student", "entry_id", "comments", "pending"]].values.tolist() == [["ada", "two", 2, 2]]
    for gone in (ada.entry("one").path, *[e.path for e in bo.entries()]):
        gone.unlink()                             # a student with no entries receives nothing
    s = build_report(cls, as_of=dt.date(2026, 10, 21)).students.set_index("student")
    assert s.loc["ada", ["entries", "received", "pending"]].tolist() == [0, 0, 0]
    assert s.loc["bo", "given"] == 0


def test_students_are_their_folders_whatever_login_they_claim(cls, tmp_path):
    from conftest import copy_tree

    twin = Journal.open(copy_tree(cls[0].path, tmp_path / "other" / "ada"))    # same login, same folder name
    report = build_report([*cls, twin, cls[0]], as_of=dt.date(2026, 10, 21))    # and ada's named twice
    assert report.students["student"].tolist() == ["c/ada", "bo", "cy", "other/ada"]
    assert report.students["login"].tolist() == ["ada", "bo", "cy", "ada"]
    assert report.warnings == ["two journals claim the login ada: c/ada, other/ada"]
    s = report.students.set_index("student")
    assert s.loc["c/ada", "received"] == s.loc["other/ada", "received"] == 3
    assert s.loc["bo", "given"] == 4              # Bo's two comments, on each copy: his name is his alone
