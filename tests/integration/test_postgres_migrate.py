"""`journal course migrate` and `migrate-db` on a real PostgreSQL: a round trip keeps everything, reruns are safe."""

import json

import nbformat
import pytest

from journal.comments.protocol import Actor
from journal.course.postgres import open_course
from journal.course.postgres.database import SCHEMA_REVISION
from journal.course.settings import CourseSettings
from journal.course.store import FolderCourseStore
from journal.course.backends import open_side
from journal.course.folder_side import FolderSide
from journal.course.transfer import migrate
from journal.errors import JournalError
from journal.feedback.settings import FeedbackSettings
from journal.settings import CommentSettings

TUTOR = Actor("tina", "tutor")
RUBRIC = FeedbackSettings(criteria=[{"name": "analysis", "levels": ["weak", "sound", "strong"]}])


def notebook(entry_id, text, date="2026-10-01", title=None):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text)]
    nb.metadata["journal"] = {"id": entry_id, "title": title or entry_id.title(), "date": date,
                              "status": "published", "tags": ["placement"]}
    return nbformat.from_dict(nb)


@pytest.fixture
def folder_course(tmp_path):
    """A folder course with versions, a withdrawn entry, a picture and every kind of comment event."""
    root = tmp_path / "course"
    root.mkdir()
    CourseSettings(title="Reflective practice", tutors=["tina"],
                   comments=CommentSettings(flood_seconds=0)).save(root / "course.toml")
    course = FolderCourseStore(root)
    for login in ("ada", "bo", "cy"):
        course.configure(login, {"title": f"{login}'s placement", "style": "apa", "comments": {"flood_seconds": 0}})
        course.share(login, notebook("week-1", f"{login} writes about week one, with \"quotes\", commas\nand lines."))
        course.share(login, notebook("week-2", "A first draft.", date="2026-10-08"))
        course.share(login, notebook("week-2", "The second version.", date="2026-10-08", title="Week 2, again"))
        peer = course.comments(login, Actor("zed", "peer"))
        tutor = course.comments(login, TUTOR)
        first = peer.submit("week-1", name="Zed", email="zed@example.org", body="Thank you, this helped me.")
        spam = peer.submit("week-2", name="Zed", body="Buy now http://a.example http://b.example http://c.example")
        tutor.approve(first.id)
        reply = tutor.submit("week-1", name="Tina", body="A tutor's reply, with\r\na CR LF.", reply_to=first.id)
        tutor.spam(spam.id)
        tutor.trash(reply.id)
        tutor.restore(reply.id)
        tutor.edit(first.id, "Thank you, this helped me a lot.")
        feedback = tutor.feedback(RUBRIC)   # every feedback event: written, revised, released, recalled, held
        told = feedback.add("week-1", f"Good work, {login}.", rubric={"analysis": "sound"}, release=True)
        feedback.revise(told.id, body=f"Good work, {login}; now say what you will change.")
        feedback.recall([feedback.add("", "On the whole journal.").id])
        feedback.add("week-2", "Held, <b>for tutors</b> only.")
    course.unshare("cy", "week-2")
    (root / "ada" / "entries" / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    return root


def _snapshot(course):
    """Everything a course shows through its contract, to compare two backends."""
    out = {}
    for login in course.journals():
        store = course.comments(login, TUTOR)
        out[login] = {
            "settings": course.journal_settings(login).to_dict(),
            "entries": [(e.entry_id, e.version, e.title, e.date, e.tags, e.shared_at, e.sha256, e.withdrawn)
                        for e in course.entries(login, include_withdrawn=True)],
            "versions": [[(v.version, json.dumps(v.notebook, sort_keys=True)) for v in course.versions(login, e)]
                         for e in ("week-1", "week-2")],
            "comments": store.frame().values.tolist(),
            "history": {cid: store.history(cid) for cid in store.frame()["id"]},
            "thread": store.thread("week-1").values.tolist(),
            "feedback": [(f, store.feedback(RUBRIC).history(f.id)) for f in store.feedback(RUBRIC).list()],
        }
    return out


def test_round_trip_folder_database_folder_keeps_everything(folder_course, pg_url, tmp_path, run_cli):
    before = _snapshot(FolderCourseStore(folder_course))
    done = run_cli("course", "migrate", "--dir", folder_course, "--to", pg_url, check=True)
    assert "Moved 3 journal(s)" in done.stdout and "Counts and checksums match" in done.stdout
    db = open_course(folder_course, pg_url)
    assert _snapshot(db) == before
    assert [len(_snapshot(db)[login]["feedback"]) for login in ("ada", "bo", "cy")] == [3, 3, 3]
    assert db.picture("ada", "figure.png").startswith(b"\x89PNG")
    again = run_cli("course", "migrate", "--dir", folder_course, "--to", pg_url, check=True)
    assert "Moved 0 journal(s)" in again.stdout and "3 were there already" in again.stdout

    back = tmp_path / "back"
    run_cli("course", "migrate", "--dir", folder_course, "--db", pg_url, "--to", back, check=True)
    assert _snapshot(FolderCourseStore(back)) == before
    for login in ("ada", "bo", "cy"):
        for name in ("comments.csv", "shared.json", "journal.toml"):
            assert (back / login / name).read_bytes() == (folder_course / login / name).read_bytes(), name
    assert (back / "ada" / "entries" / "figure.png").read_bytes() == \
        (folder_course / "ada" / "entries" / "figure.png").read_bytes()
    assert not (tmp_path / "back" / "course.toml").read_text().count("postgresql")
    rerun = run_cli("course", "migrate", "--dir", folder_course, "--db", pg_url, "--to", back, check=True)
    assert "Moved 0 journal(s)" in rerun.stdout


class _Interrupted(Exception):
    pass


def test_an_interrupted_migration_is_run_again_and_a_changed_copy_is_never_overwritten(folder_course, pg_url):
    source, destination = FolderSide(folder_course), open_side(pg_url)
    real_write, written = destination.write, []

    def failing_write(copy):
        if written:
            raise _Interrupted()          # the process dies while writing the second journal
        real_write(copy)
        written.append(copy.login)

    destination.write = failing_write
    with pytest.raises(_Interrupted):
        migrate(source, destination, say=lambda _: None)
    assert open_course(folder_course, pg_url).journals() == ["ada"]
    destination.write = real_write
    done = migrate(source, destination, say=lambda _: None)
    assert (done["skipped"], done["copied"]) == (["ada"], ["bo", "cy"])
    assert _snapshot(open_course(folder_course, pg_url)) == _snapshot(FolderCourseStore(folder_course))

    db = open_course(folder_course, pg_url)
    since = db.comments("bo", TUTOR).submit("week-1", name="Tina", body="Written in the database since.")
    with pytest.raises(JournalError, match=r"^bo: .* already holds a different copy of this journal"):
        migrate(source, destination, say=lambda _: None)
    assert db.comments("bo", TUTOR).get(since.id) == since and len(db.comments("bo", TUTOR)) == 4  # left as it was


def test_an_interrupted_move_back_leaves_no_half_journal(folder_course, pg_url, tmp_path):
    migrate(FolderSide(folder_course), open_side(pg_url), say=lambda _: None)
    back = tmp_path / "back"
    back.mkdir()
    CourseSettings(title="Reflective practice").save(back / "course.toml")
    (back / ".migrating-ada").mkdir()                # what a killed run leaves behind
    (back / ".migrating-ada" / "shared.json").write_text("{")
    migrate(open_side(pg_url), FolderSide(back), say=lambda _: None)
    assert sorted(p.name for p in back.iterdir()) == ["ada", "bo", "course.toml", "cy"]


def test_cli_errors_are_one_line(folder_course, pg_cluster, run_cli):
    closed = pg_cluster.url("x").replace(f":{pg_cluster.port}/", ":1/")
    for args in (("course", "migrate-db", "--db", closed), ("course", "migrate-db", "--dir", folder_course),
                 ("course", "migrate", "--dir", folder_course, "--to", pg_cluster.url("missing")),
                 ("course", "serve", "--dir", folder_course, "--db", closed, "--port", "0")):
        proc = run_cli(*args)
        assert proc.returncode == 1, proc
        assert proc.stderr.startswith("journal: error: ") and proc.stderr.count("\n") == 1, proc.stderr
        assert "Traceback" not in proc.stderr


def test_migrate_db_creates_then_reports_up_to_date(pg_cluster, run_cli):
    url = pg_cluster.create_database("fresh_for_cli")
    first = run_cli("course", "migrate-db", "--db", url, check=True)
    assert f"schema upgraded from nothing to revision {SCHEMA_REVISION}" in first.stdout
    second = run_cli("course", "migrate-db", "--db", url, check=True)
    assert f"the schema is up to date (revision {SCHEMA_REVISION})" in second.stdout
