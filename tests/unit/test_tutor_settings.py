"""The [notify] and [feedback] tables, in journal.toml and in a class folder's course.toml."""

import pytest

from journal.course.settings import FILENAME as COURSE_FILE, CourseSettings
from journal.errors import SettingsError
from journal.settings import Settings

BASE = 'title = "T"\nauthor = "A"\n'


def load(tmp_path, text):
    path = tmp_path / "journal.toml"
    path.write_text(BASE + text, encoding="utf-8")
    return Settings.load(path)


def test_defaults_and_round_trip(tmp_path):
    s = load(tmp_path, "")
    assert (s.notify.smtp_host, s.notify.smtp_port, s.notify.people) == ("", 25, {})
    assert s.feedback.criteria == [] and s.feedback.bank == []
    s.notify.people = {"ada": {"email": "ada@example.org", "digest": "daily"}}
    s.feedback.criteria = [{"name": "analysis", "levels": ["weak", "strong"]}]
    s.save(tmp_path / "journal.toml")
    again = Settings.load(tmp_path / "journal.toml")
    assert again == s and again.notify.person("ada") == ("ada@example.org", "daily")
    assert again.feedback.levels("analysis") == ["weak", "strong"]


@pytest.mark.parametrize("text, message", [
    ('[notify]\nsmtp_security = "tls"\n', "'notify.smtp_security' must be one of none, starttls, ssl"),
    ('[notify]\nsmtp_port = 0\n', "'notify.smtp_port' must be a port number"),
    ('[notify]\npassword = "x"\n', "unknown key 'notify.password'"),
    ('[notify.people.ada]\nemail = "not an address"\n', "'notify.people.ada.email' must be an e-mail address"),
    ('[notify.people.ada]\nemail = "a@b.org"\ndigest = "hourly"\n',
     "'notify.people.ada.digest' must be one of daily, weekly, none"),
    ('[feedback]\ncriteria = ["analysis"]\n', "'feedback.criteria' item 1 must be a table with 'name' and 'levels'"),
    ('[feedback]\ncriteria = [{ name = "a", levels = ["only one"] }]\n', "two or more different strings"),
    ('[feedback]\ncriteria = [{ name = "a", levels = ["x", "y"] }, { name = "a", levels = ["x", "y"] }]\n',
     "criterion 'a' appears twice"),
    ('[feedback]\nbank = "one sentence"\n', "'feedback.bank' must be a list"),
])
def test_bad_tables_name_file_and_key(tmp_path, text, message):
    with pytest.raises(SettingsError) as err:
        load(tmp_path, text)
    assert message in str(err.value) and "journal.toml" in str(err.value)


def test_person_with_digest_none_gets_nothing(tmp_path):
    s = load(tmp_path, '[notify.people.ada]\nemail = "a@b.org"\ndigest = "none"\n')
    assert s.notify.person("ada") is None and s.notify.person("bo") is None


def test_a_class_folders_course_file_gives_tutors_notify_and_feedback(tmp_path):
    none = CourseSettings.of_class(tmp_path)
    assert (none.tutors, none.notify.smtp_host, none.feedback.bank) == ([], "", [])
    (tmp_path / COURSE_FILE).write_text('tutors = ["tess"]\n[notify]\nsmtp_host = "mail"\n'
                                        '[feedback]\nbank = ["Nice."]\n', encoding="utf-8")
    course = CourseSettings.of_class(tmp_path)     # a class without a server needs no title
    assert (course.tutors, course.notify.smtp_host, course.feedback.bank) == (["tess"], "mail", ["Nice."])
    assert course.title == tmp_path.name
    with pytest.raises(SettingsError, match="missing required key 'title'"):
        CourseSettings.load(tmp_path / COURSE_FILE)    # a served course does
    (tmp_path / COURSE_FILE).write_text('[feedback]\nbank = 3\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="course.toml: 'feedback.bank' must be"):
        CourseSettings.of_class(tmp_path)
    (tmp_path / COURSE_FILE).write_text('tutors = ["tess", 3]\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="course.toml: 'tutors' must be a list of strings"):
        CourseSettings.of_class(tmp_path)
