"""journal.toml: defaults, validation and clear errors."""

import pytest

from journal.errors import SettingsError
from journal.settings import Settings


def write(tmp_path, text):
    path = tmp_path / "journal.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_file_gets_defaults(tmp_path):
    s = Settings.load(write(tmp_path, 'title = "T"\nauthor = "A"\n'))
    assert s.style == "harvard"
    assert s.comments.moderation == "all"
    assert s.comments.max_links == 2
    assert s.comments.flood_seconds == 15
    assert s.comments.thread_depth == 5
    assert s.export.paper == "a4"


def test_round_trip(tmp_path):
    s = Settings(title="T", author="A", username="a", tutors=["t1"])
    s.comments.moderation_keys = ["viagra"]
    s.save(tmp_path / "journal.toml")
    assert Settings.load(tmp_path / "journal.toml") == s


@pytest.mark.parametrize("text, message", [
    ('title = "T"\nauthor = "A"\ncolour = "red"\n', "unknown key 'colour'"),
    ('title = "T"\nauthor = "A"\n[comments]\nmax_link = 3\n', "unknown key 'comments.max_link'"),
    ('title = "T"\nauthor = "A"\n[comments]\nflood_seconds = "15"\n',
     "'comments.flood_seconds' must be a whole number, not a string"),
    ('title = "T"\nauthor = "A"\ntutors = "bob"\n', "'tutors' must be a list of logins (strings), not a string"),
    ('title = "T"\nauthor = "A"\ntutors = [1]\n',
     "'tutors' must be a list of logins (strings); item 1 is a whole number (1)"),
    ('title = "T"\nauthor = "A"\ntutors = ["ada", true]\n',
     "'tutors' must be a list of logins (strings); item 2 is true/false (True)"),
    ('title = "T"\nauthor = "A"\n[comments]\nmoderation_keys = ["ok", 3]\n',
     "'comments.moderation_keys' must be a list of strings; item 2 is a whole number (3)"),
    ('title = "T"\nauthor = "A"\n[comments]\nspam_threshold = nan\n',
     "'comments.spam_threshold' must be a finite number, not nan"),
    ('title = "T"\nauthor = "A"\n[comments]\nspam_threshold = -nan\n',
     "'comments.spam_threshold' must be a finite number, not nan"),
    ('title = "T"\nauthor = "A"\n[comments]\nspam_threshold = inf\n',
     "'comments.spam_threshold' must be a finite number, not inf"),
    ('title = "T"\nauthor = "A"\n[comments]\nspam_threshold = -inf\n',
     "'comments.spam_threshold' must be a finite number, not -inf"),
    ('title = "T"\nauthor = "A"\n[comments]\nmax_links = true\n', "'comments.max_links' must be a whole number"),
    ('title = "T"\nauthor = "A"\n[comments]\nmoderation = "sometimes"\n',
     "'comments.moderation' must be one of all, first-time, none, not 'sometimes'"),
    ('title = "T"\nauthor = "A"\nstyle = "mla"\n', "'style' must be one of harvard, apa"),
    ('title = "T"\nauthor = "A"\ncomments = 3\n', "'comments' must be a table"),
    ('author = "A"\n', "missing required key 'title'"),
    ('title = "T"\nauthor = \n', "not valid TOML"),
])
def test_bad_settings_name_file_and_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as err:
        Settings.load(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(SettingsError, match="journal.toml: file not found"):
        Settings.load(tmp_path / "journal.toml")


def test_from_dict_refuses_a_non_finite_threshold_too():
    for bad in (float("nan"), float("inf")):
        with pytest.raises(SettingsError, match="'comments.spam_threshold' must be a finite number"):
            Settings.from_dict({"title": "T", "author": "A", "comments": {"spam_threshold": bad}})


def test_table_checks_read_real_types_not_annotation_strings():
    """A table's field may be typed `str | None` or `list[int]`: the check follows the type, whatever its spelling."""
    from dataclasses import dataclass, field

    from journal.settings import check_table

    @dataclass
    class Table:
        label: str | None = None
        sizes: list[int] = field(default_factory=list)
        ratio: float = 1.0

    assert check_table(Table, {"label": "x", "sizes": [1, 2], "ratio": 2}, "t.toml") == {
        "label": "x", "sizes": [1, 2], "ratio": 2.0}
    with pytest.raises(SettingsError, match="'label' must be a string or nothing, not a whole number"):
        check_table(Table, {"label": 3}, "t.toml")
    with pytest.raises(SettingsError, match=r"'sizes' must be a list of whole numbers; item 2 is a string \('2'\)"):
        check_table(Table, {"sizes": [1, "2"]}, "t.toml")
