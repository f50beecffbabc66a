"""The course without a server: course.toml, narrowing the moderation rules, the folder store, roles, tokens."""

import pytest

from journal.comments.protocol import Actor
from journal.course.access import Access, check_login
from journal.course.errors import EntryNotFound
from journal.course.groups import RosterFile
from journal.course.protocol import CourseStoreProtocol
from journal.course.server.flood import LRU, FloodGate
from journal.course.server.guard import redacted
from journal.course.server.identity import issue_token, login_for_token
from journal.course.settings import CourseSettings, create, narrowed
from journal.course.store import FolderCourseStore
from journal.errors import EntryError, SettingsError
from journal.settings import CommentSettings


def notebook(entry_id="week-one", title="Week one", status="published", body="Text", date="2026-10-05"):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"journal": {
        "id": entry_id, "title": title, "date": date, "tags": ["t"], "status": status, "references": ""}},
        "cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": body}]}


@pytest.fixture
def store(tmp_path):
    create(tmp_path / "course", title="Course", tutors=["tina"])
    return FolderCourseStore(tmp_path / "course")


def test_course_toml_is_checked_and_names_the_key(tmp_path):
    path = tmp_path / "course.toml"
    for text, message in [('title = ""', "'title' must not be empty"), ('title = "T"\ntutors = [1]', "tutors"),
                          ('title = "T"\nreaders = "x"', "unknown key 'readers'"),
                          ('title = "T"\n[comments]\nmoderation = "some"', "comments.moderation"),
                          ('title = "T"\n[comments]\nspam_threshold = nan', "finite")]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(SettingsError, match=message):
            CourseSettings.load(path)
    with pytest.raises(SettingsError, match="journal course init"):
        CourseSettings.load(tmp_path / "none.toml")


def test_a_journal_narrows_the_course_rules_never_widens_them():
    course = CommentSettings(moderation="first-time", max_links=2, moderation_keys=["essay mill"],
                             flood_seconds=15, thread_depth=5, spam_threshold=1.0)
    loose = CommentSettings(moderation="none", max_links=0, flood_seconds=0, thread_depth=9, spam_threshold=0)
    assert narrowed(course, loose) == course
    strict = CommentSettings(moderation="all", max_links=1, moderation_keys=["placement"], flood_seconds=60,
                             thread_depth=2, spam_threshold=0.5)
    both = narrowed(course, strict)
    assert (both.moderation, both.max_links, both.flood_seconds, both.thread_depth, both.spam_threshold) == (
        "all", 1, 60, 2, 0.5)
    assert both.moderation_keys == ["essay mill", "placement"]


def test_the_folder_store_meets_the_protocol_and_keeps_versions(store):
    assert isinstance(store, CourseStoreProtocol)
    assert store.share("ada", notebook(body="one")).version == 1
    assert store.share("ada", notebook(body="one")).version == 1          # the same bytes: no new version
    assert store.share("ada", notebook(body="two", date="2026-10-06")).version == 2
    assert [v.version for v in store.versions("ada", "week-one")] == [1, 2]
    assert "".join(store.entry("ada", "week-one", version=1).notebook["cells"][0]["source"]) == "one"
    files = sorted(p.name for p in (store.root / "ada" / "entries").iterdir())
    assert files == ["2026-10-06-week-one.ipynb"]                         # the old file name went with its date
    assert store.journals() == ["ada"]
    from journal import Journal

    assert [e.id for e in Journal.open(store.root / "ada").entries()] == ["week-one"]   # export --class reads it


def test_drafts_and_broken_notebooks_are_refused(store):
    with pytest.raises(EntryError, match="draft"):
        store.share("ada", notebook(status="draft"))
    with pytest.raises(EntryError, match="not a valid notebook"):
        store.share("ada", {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                            "cells": [{"cell_type": "x", "id": "a", "metadata": {}, "source": ""}]})
    with pytest.raises(EntryError, match="entry id"):
        store.share("ada", notebook(entry_id="../../x"))
    with pytest.raises(EntryNotFound):
        store.share("../ada", notebook())
    assert store.journals() == []


def test_unshare_withdraws_from_the_listing_but_keeps_the_entry(store):
    store.share("ada", notebook())
    store.unshare("ada", "week-one")
    assert store.entries() == []
    assert [e.withdrawn for e in store.entries(include_withdrawn=True)] == [True]
    assert store.entry("ada", "week-one").withdrawn
    with pytest.raises(EntryNotFound):
        store.unshare("ada", "never-shared")


def test_comments_are_signed_by_the_acting_person(store):
    store.share("ada", notebook())
    peer = store.comments("ada", Actor("bob", "peer"))
    comment = peer.submit("week-one", name="bob", body="Hello")
    assert comment.status == "pending"
    approved = store.comments("ada", Actor("tina", "tutor")).approve(comment.id)
    assert (approved.status, approved.status_by, approved.reason) == ("approved", "tina", "approved by the tutor")


def test_journal_settings_from_the_student_narrow_the_course(store):
    store.configure("ada", {"title": "Ada's journal", "style": "apa", "comments": {"flood_seconds": 99}})
    settings = store.journal_settings("ada")
    assert (settings.title, settings.style, settings.comments.flood_seconds) == ("Ada's journal", "apa", 99)
    with pytest.raises(SettingsError):
        store.configure("ada", {"style": "mla"})


def test_roles_come_from_the_login_groups_and_course_toml(tmp_path):
    settings = CourseSettings(title="C", tutors=["tina"], tutors_group="staff", readers_group="nursing")
    (tmp_path / "roster.csv").write_text("login,name\nada,Ada Lovelace\n", encoding="utf-8")
    access = Access(settings, RosterFile(tmp_path / "roster.csv"))
    ada = access.person("ada", ["nursing"])
    assert ada.name == "Ada Lovelace"
    assert access.role_on(ada, "ada") == "author" and access.role_on(ada, "bob") == "peer"
    assert access.role_on(access.person("tina"), "ada") == "tutor"
    assert access.role_on(access.person("sam", ["staff"]), "ada") == "tutor"
    assert not access.may_read(access.person("eve", ["history"]))
    assert access.may_read(access.person("tina"))


@pytest.mark.parametrize("login", ["..", "../x", ".secret", "a/b", "", "x" * 80, "a b"])
def test_logins_that_could_leave_the_course_are_refused(login):
    with pytest.raises(EntryNotFound):
        check_login(login)


def test_standalone_tokens_are_signed():
    token = issue_token("s3cret", "ada")
    assert login_for_token("s3cret", token) == "ada"
    assert login_for_token("other", token) is None
    assert login_for_token("s3cret", "tina:" + token.split(":")[1]) is None
    assert login_for_token("s3cret", "") is None


@pytest.mark.parametrize("url, logged", [
    ("/ada/?token=ada:abc&tab=x", "/ada/?token=[secret]&tab=x"),
    ("/api/c?_xsrf=2|x|y&%5Fxsrf=z&token", "/api/c?_xsrf=[secret]&%5Fxsrf=[secret]&token"),
    ("/oauth_callback?code=c&state=s", "/oauth_callback?code=[secret]&state=[secret]"),
    ("/ada/?tokens=1&q=token%3Dx", "/ada/?tokens=1&q=token%3Dx"),
    ("/ada/week-one", "/ada/week-one"),
])
def test_credentials_in_a_url_are_never_logged(url, logged):
    assert redacted(url) == logged


def test_flood_gate_and_caches_stay_bounded():
    now = [100.0]
    gate = FloodGate(max_keys=3, clock=lambda: now[0])
    gate.record(["a:1", "c:x"])
    from journal.comments.errors import CommentRefused

    with pytest.raises(CommentRefused, match="too quickly"):
        gate.check(["c:y", "a:1"], 15)
    now[0] += 16
    gate.check(["a:1"], 15)
    for i in range(10):
        gate.record([f"k{i}"])
    gate.check(["k0"], 15)                  # forgotten: only the newest three keys are kept
    with pytest.raises(CommentRefused):
        gate.check(["k9"], 15)
    cache = LRU(2)
    for i in range(5):
        cache.put(i, i)
    assert list(cache) == [3, 4]


def test_course_toml_holds_the_tutors_digests_rubric_and_bank(tmp_path):
    from journal.course.settings import CourseSettings
    from journal.errors import SettingsError

    path = tmp_path / "course.toml"
    path.write_text('title = "C"\n[notify]\nsmtp_host = "mail"\n[notify.people.tina]\nemail = "t@example.org"\n'
                    '[feedback]\ncriteria = [{ name = "analysis", levels = ["weak", "strong"] }]\nbank = ["Nice."]\n',
                    encoding="utf-8")
    settings = CourseSettings.load(path)
    assert settings.notify.person("tina") == ("t@example.org", "weekly")
    assert settings.feedback.levels("analysis") == ["weak", "strong"] and settings.feedback.bank == ["Nice."]
    settings.save(path)
    assert CourseSettings.load(path) == settings
    path.write_text('title = "C"\n[feedback]\nbank = 3\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="'feedback.bank' must be"):
        CourseSettings.load(path)


def test_the_page_cache_is_bounded_by_bytes_not_by_count():
    import sys

    page = "x" * 1000
    cache = LRU(512, max_bytes=3 * sys.getsizeof(page))
    for i in range(10):
        cache.put(i, page)
    assert list(cache) == [7, 8, 9] and cache.bytes == 3 * sys.getsizeof(page)
    cache.get(7)
    cache.put("new", page)                              # the least recently used page goes
    assert list(cache) == [9, 7, "new"]
    huge = "y" * 10_000
    assert cache.put("huge", huge) is huge and "huge" not in cache and list(cache) == [9, 7, "new"]


def test_course_toml_sets_the_limits_of_a_share_and_checks_them(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text('title = "T"\n[limits]\nmax_cells = 300\nrender_seconds = 5\n', encoding="utf-8")
    limits = CourseSettings.load(path).limits
    assert (limits.max_cells, limits.render_seconds, limits.max_notebook_mb) == (300, 5.0, 32)
    for text, message in [("max_cells = 0", "'limits.max_cells' must be more than 0"),
                          ("render_seconds = -1", "'limits.render_seconds' must be more than 0"),
                          ('max_output_mb = "8"', "'limits.max_output_mb' must be"),
                          ("cells = 10", "unknown key 'limits.cells'")]:
        path.write_text(f'title = "T"\n[limits]\n{text}\n', encoding="utf-8")
        with pytest.raises(SettingsError, match=message):
            CourseSettings.load(path)


def test_the_default_limits_leave_every_real_notebook_far_below_them(corpus):
    """At least ten times over: cells per entry, bytes in one output, bytes in all."""
    import json

    from journal.course.settings import LimitSettings

    limits = LimitSettings()
    paths = sorted(corpus.glob("*.ipynb"))
    assert paths
    for path in paths:
        raw = path.read_bytes()
        cells = json.loads(raw)["cells"]
        outputs = [len(json.dumps(o).encode()) for c in cells for o in c.get("outputs", [])]
        assert 10 * len(cells) <= limits.max_cells, path.name
        assert 10 * max(outputs, default=0) <= limits.output_bytes, path.name
        assert 10 * len(raw) <= limits.notebook_bytes, path.name


@pytest.mark.parametrize("change, problem", [
    (lambda nb: nb.pop("cells"), "the notebook has no 'cells'"),
    (lambda nb: nb.update(nbformat=3), "nbformat 3"),
    (lambda nb: nb["metadata"]["journal"].update(title="A\x00B"), "the title contains a character that cannot"),
    (lambda nb: nb["cells"][0].update(source="\ud800"), "cell 1 contains characters that cannot be stored"),
    (lambda nb: nb["cells"].extend([nb["cells"][0]] * 5_000), "has 5,001 cells; this course takes at most 5,000"),
])
def test_a_share_the_limits_or_the_stores_cannot_take_is_refused_before_anything_is_written(store, change,
                                                                                            problem):
    nb = notebook()
    change(nb)
    with pytest.raises(EntryError, match=problem):
        store.share("ada", nb)
    assert not (store.root / "ada").exists()
