"""The student's side of the course without a server: what is refused before anything is sent."""

import pytest

from journal import Journal
from journal.course.client import CourseClient, CourseError, check_url, quote
from journal.errors import SettingsError


def test_sharing_needs_a_joined_course_and_names_the_file(journal, run_cli):
    journal.new_entry("Week one", status="published")
    done = run_cli("share", "--all", "--dir", journal.path)
    assert done.returncode == 1
    assert "journal.toml: this journal has joined no course" in done.stderr and "journal course join" in done.stderr
    both = run_cli("share", "week-one", "--all", "--dir", journal.path)
    assert both.returncode == 1 and "or use --all (not both)" in both.stderr


def test_a_draft_is_refused_before_anything_is_sent(journal, run_cli):
    journal.new_entry("Not yet")
    journal.settings.course.url, journal.settings.course.login = "http://127.0.0.1:9/", "ada"
    journal.settings.save(journal.path / "journal.toml")
    done = run_cli("share", "not-yet", "--dir", journal.path, env={"JUPYTERHUB_API_TOKEN": "t"})
    assert done.returncode == 1 and "is a draft" in done.stderr and "cannot reach" not in done.stderr


def test_a_course_this_person_never_joined_gets_no_token(journal, run_cli):
    """A journal.toml from elsewhere naming a course: nothing is sent there, and the message says why."""
    journal.new_entry("Week one", status="published")
    journal.settings.course.url, journal.settings.course.login = "http://127.0.0.1:9/services/journal/", "ada"
    journal.settings.save(journal.path / "journal.toml")
    for args in (("share", "--all"), ("unshare", "week-one"), ("comments", "list"), ("course", "open", "bo/x")):
        done = run_cli(*args, "--dir", journal.path, env={"JUPYTERHUB_API_TOKEN": "t"})
        assert done.returncode == 1, args
        assert "which you have not joined, so your hub token is not sent there" in done.stderr, args
        assert "journal.toml" in done.stderr and "cannot reach" not in done.stderr, args


def test_an_unreachable_course_is_one_line_naming_it(journal, run_cli):
    from journal.course.trust import trust

    journal.new_entry("Week one", status="published")
    journal.settings.course.url, journal.settings.course.login = "http://127.0.0.1:9/services/journal/", "ada"
    journal.settings.save(journal.path / "journal.toml")
    trust(journal.settings.course.url)
    done = run_cli("share", "--all", "--dir", journal.path, env={"JUPYTERHUB_API_TOKEN": "t"})
    assert done.returncode == 1 and "cannot reach the course at http://127.0.0.1:9/services/journal/" in done.stderr
    assert "Traceback" not in done.stderr


def test_no_token_says_where_one_comes_from(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    monkeypatch.delenv("JOURNAL_COURSE_TOKEN", raising=False)
    with pytest.raises(CourseError, match="JUPYTERHUB_API_TOKEN"):
        CourseClient("https://hub.example.edu/services/journal/")


@pytest.mark.parametrize("url", ["hub.example.edu/services/journal", "ftp://hub/x", "http://", "https://h/x?a=1",
                                 "javascript:alert(1)"])
def test_a_bad_course_url_is_refused(url):
    with pytest.raises(CourseError, match="course URL"):
        check_url(url)


def test_a_course_url_gets_one_trailing_slash_and_path_parts_stay_in_place():
    assert check_url(" https://hub.example.edu/services/journal ") == "https://hub.example.edu/services/journal/"
    assert quote("../x") == "..%2Fx" and quote("a b/c?d#e") == "a%20b%2Fc%3Fd%23e"


def test_course_url_in_journal_toml_is_checked(journal):
    path = journal.path / "journal.toml"
    text = path.read_text()
    assert '[course]\nurl = ""' in text
    path.write_text(text.replace('[course]\nurl = ""', '[course]\nurl = "hub.example.edu"'))
    with pytest.raises(SettingsError, match="'course.url' must start with http"):
        Journal.open(journal.path)


def test_an_unjoined_journal_keeps_its_own_log(journal):
    from journal.comments import CommentStore

    assert isinstance(journal.comments, CommentStore)


def test_a_course_out_of_reach_is_store_unavailable_as_panels_expect():
    from journal.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="cannot reach the course at http://127.0.0.1:9/"):
        CourseClient("http://127.0.0.1:9/", "token").whoami()
