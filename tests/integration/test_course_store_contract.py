"""The course store contract (`CourseStoreProtocol`) on both backends: the course folder and PostgreSQL."""

import json

import nbformat
import pytest
import sqlalchemy

from journal.comments.errors import CommentRefused
from journal.comments.protocol import Actor, CommentStoreProtocol
from journal.course.errors import EntryNotFound
from journal.course.postgres import open_course
from journal.course.protocol import CourseStoreProtocol
from journal.course.settings import CourseSettings
from journal.course.store import FolderCourseStore
from journal.errors import JournalError
from journal.settings import CommentSettings


def notebook(entry_id="first-week", *, title="First week", text="What I learnt.", status="published",
             date="2026-10-01", tags=("placement",)):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text)]
    nb.metadata["journal"] = {"id": entry_id, "title": title, "date": date, "status": status, "tags": list(tags)}
    return nbformat.from_dict(nb)


def text_of(nb) -> str:
    source = nb["cells"][0]["source"]
    return "".join(source) if isinstance(source, list) else source      # a file on disk may split lines


def _course_folder(tmp_path, db=""):
    folder = tmp_path / "course"
    folder.mkdir()
    CourseSettings(title="Reflective practice", tutors=["tina"], db=db,
                   comments=CommentSettings(moderation="first-time", flood_seconds=0)).save(folder / "course.toml")
    return folder


@pytest.fixture(params=["folder", "postgres"])
def course(request, tmp_path):
    if request.param == "folder":
        return FolderCourseStore(_course_folder(tmp_path))
    return open_course(_course_folder(tmp_path, db=request.getfixturevalue("pg_url")))


def test_meets_the_protocol(course):
    assert isinstance(course, CourseStoreProtocol)
    assert course.settings.title == "Reflective practice"
    assert course.journals() == [] and course.entries() == []


def test_sharing_adds_versions_and_the_same_notebook_twice_adds_none(course):
    first = notebook()
    one = course.share("ada", first)
    assert (one.login, one.entry_id, one.title, one.date, one.tags, one.version) == (
        "ada", "first-week", "First week", "2026-10-01", ("placement",), 1)
    assert len(one.sha256) == 64 and one.shared_at and not one.withdrawn
    assert course.share("ada", first).version == 1
    two = course.share("ada", notebook(text="What I learnt, revised.", title="First week, revised"))
    assert two.version == 2 and two.sha256 != one.sha256
    newest = course.entry("ada", "first-week")
    assert (newest.version, newest.title) == (2, "First week, revised")
    assert text_of(newest.notebook) == "What I learnt, revised."
    old = course.entry("ada", "first-week", version=1)
    assert text_of(old.notebook) == "What I learnt." and old.title == "First week"
    assert [v.version for v in course.versions("ada", "first-week")] == [1, 2]
    assert course.journals() == ["ada"]


GIBBS_PROMPT = "*What happened? Set the scene: where you were, who was there, what you did and what others did.*"


def scaffolded(feelings: str):
    """An entry from the Gibbs template: Description still holds only its prompt, Feelings its prompt and `feelings`."""
    nb = notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"## Description\n\n{GIBBS_PROMPT}", id="description"),
                nbformat.v4.new_markdown_cell("## Feelings\n\n*What were you thinking and feeling at the time, and "
                                              f"afterwards?*\n\n{feelings}", id="feelings")]
    return nb


def forget_excerpts(course) -> None:
    """Make the course look as one shared before excerpts were kept: none in shared.json or in the rows."""
    if isinstance(course, FolderCourseStore):
        path = course.root / "ada" / "shared.json"
        path.write_text(json.dumps({eid: {k: v for k, v in info.items() if k != "excerpt"}
                                    for eid, info in json.loads(path.read_text()).items()}))
        return
    with course.engine.begin() as conn:
        conn.execute(sqlalchemy.text("UPDATE entries SET excerpt = DEFAULT"))


def test_each_version_keeps_the_excerpt_of_the_students_own_words(course):
    one = course.share("ada", scaffolded("I felt *nervous* before the ward round [@schon1983]."))
    assert one.excerpt == "I felt nervous before the ward round."          # no prompt, heading, markup or key
    assert [e.excerpt for e in course.entries()] == [one.excerpt] == [course.entry("ada", "first-week").excerpt]
    two = course.share("ada", scaffolded("Calmer the second time."))
    assert two.excerpt == course.entries()[0].excerpt == "Calmer the second time."
    assert [v.excerpt for v in course.versions("ada", "first-week")] == [one.excerpt, two.excerpt]
    forget_excerpts(course)
    assert course.entries()[0].excerpt == ""                # kept by none: read as none
    assert course.share("ada", scaffolded("Calmer the second time.")).version == 2   # the same notebook again
    assert course.entries()[0].excerpt == "Calmer the second time."
    assert course.share("ada", scaffolded("")).excerpt == ""     # prompts only: nothing of the student's


def test_entries_newest_first_and_withdrawn_ones_only_when_asked(course):
    course.share("ada", notebook("a", date="2026-10-01"))
    course.share("ada", notebook("b", date="2026-10-03"))
    course.share("bo", notebook("c", date="2026-10-02"))
    assert [(e.login, e.entry_id) for e in course.entries()] == [("ada", "b"), ("bo", "c"), ("ada", "a")]
    assert [e.entry_id for e in course.entries("ada")] == ["b", "a"]
    course.unshare("ada", "b")
    assert [e.entry_id for e in course.entries("ada")] == ["a"]
    assert [(e.entry_id, e.withdrawn) for e in course.entries("ada", include_withdrawn=True)] == [
        ("b", True), ("a", False)]
    assert course.entry("ada", "b").withdrawn               # tutors still read it
    again = course.share("ada", notebook("b", date="2026-10-03"))
    assert not again.withdrawn and [e.entry_id for e in course.entries("ada")] == ["b", "a"]
    assert course.journals() == ["ada", "bo"]


def test_drafts_and_unknown_entries_are_refused(course):
    with pytest.raises(JournalError, match="draft"):
        course.share("ada", notebook(status="draft"))
    with pytest.raises(JournalError):
        course.share("ada", {"cells": "not a notebook"})
    assert course.journals() == []
    for call in (lambda: course.entry("ada", "nope"), lambda: course.versions("ada", "nope"),
                 lambda: course.unshare("ada", "nope"), lambda: course.picture("ada", "nope.png")):
        with pytest.raises(EntryNotFound):
            call()
    course.share("ada", notebook())
    with pytest.raises(EntryNotFound):
        course.entry("ada", "first-week", version=7)


def test_journal_settings_narrow_the_course_and_comments_follow_them(course):
    assert course.journal_settings("ada").comments.moderation == "first-time"
    assert course.journal_settings("ada").username == "ada" and course.journal_settings("ada").tutors == ["tina"]
    settings = course.configure("ada", {"title": "Ada's placement", "comments": {"moderation": "none",
                                                                                   "flood_seconds": 60}})
    assert settings.title == "Ada's placement"
    assert (settings.comments.moderation, settings.comments.flood_seconds) == ("first-time", 60)  # never wider
    store = course.comments("ada", Actor("bo", "peer"))
    assert isinstance(store, CommentStoreProtocol) and store.actor == Actor("bo", "peer")
    c = store.submit("first-week", name="Bo", body="Thank you for sharing this.")
    assert c.status == "pending"
    with pytest.raises(CommentRefused, match="too quickly"):
        store.submit("first-week", name="Bo", body="And another thought.")
    tutor = course.comments("ada", Actor("tina", "tutor"))
    assert tutor.approve(c.id).status_by == "tina"
    assert course.comments("bo", Actor("ada", "peer")).counts() == {}        # each journal its own comments


def test_feedback_on_every_backend_tutors_all_author_released_peers_nothing(course):
    from journal.comments.errors import ModerationRefused
    from journal.comments.protocol import FeedbackStoreProtocol
    from journal.feedback.settings import FeedbackSettings
    from journal.feedback.store import FeedbackNotFound

    rubric = FeedbackSettings(criteria=[{"name": "analysis", "levels": ["weak", "sound", "strong"]}])
    course.share("ada", notebook())
    tutor, author, peer = (course.comments("ada", Actor(login, role)).feedback(rubric)
                           for login, role in (("tina", "tutor"), ("ada", "author"), ("bo", "peer")))
    assert isinstance(tutor, FeedbackStoreProtocol)
    released = tutor.add("first-week", "Released.", rubric={"analysis": "sound"}, release=True)
    held = tutor.add("", "Held, on the whole journal.")
    assert [f.id for f in tutor.list()] == [released.id, held.id]
    assert [f.id for f in author.list()] == [released.id] and peer.list() == []
    with pytest.raises(FeedbackNotFound):
        author.get(held.id)
    for someone in (author, peer):
        with pytest.raises(ModerationRefused):
            someone.add("first-week", "Forged.")
        with pytest.raises(ModerationRefused):
            someone.release([held.id])
    with pytest.raises(FeedbackNotFound):       # one bad id: nothing released
        tutor.release([held.id, "no-such-id"])
    assert tutor.get(held.id).status == "held"
    with pytest.raises(JournalError, match="superb"):
        tutor.add("first-week", "x", rubric={"analysis": "superb"})
    tutor.revise(released.id, body="Released, revised.")
    tutor.recall([released.id])
    assert author.list() == [] and tutor.get(released.id).status == "recalled"
    assert [e["kind"] for e in tutor.history(released.id)] == ["feedback", "release", "revise", "recall"]
    assert len(course.comments("ada", Actor("tina", "tutor"))) == 0      # never counted as a comment
