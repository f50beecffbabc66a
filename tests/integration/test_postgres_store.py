"""The PostgreSQL course store on a real server: start-up errors, the rules across processes, a restart under load."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.comments.errors import CommentRefused
from journal.comments.protocol import Actor
from journal.course.postgres import DatabaseError, PgCourseStore, database, open_course
from journal.course.settings import CourseSettings
from journal.settings import CommentSettings

POSTER = Path(__file__).with_name("pg_poster.py")
PEER = Actor("bea", "peer")


def course(url, folder, **comments) -> PgCourseStore:
    """A course folder whose course.toml keeps it in the database at `url`, with these moderation defaults."""
    settings = CourseSettings(title="Reflective practice", db=url, comments=CommentSettings(**comments))
    folder.mkdir(exist_ok=True)
    settings.save(folder / "course.toml")
    return open_course(folder)


# -- start-up: one line naming what is wrong ----------------------------------------------------
def test_a_database_without_tables_names_the_command_that_makes_them(pg_cluster):
    url = pg_cluster.create_database("empty")
    with pytest.raises(DatabaseError, match=r"has no course tables yet: run `journal course migrate-db"):
        PgCourseStore(url)


def test_a_missing_database_and_a_closed_port_are_one_line_each(pg_cluster):
    with pytest.raises(DatabaseError, match=r'cannot connect to .*: .*database "nowhere" does not exist'):
        PgCourseStore(pg_cluster.url("nowhere"))
    closed = pg_cluster.url("postgres").replace(f":{pg_cluster.port}/", ":1/")
    with pytest.raises(DatabaseError, match=r"cannot connect to .*is PostgreSQL running there") as info:
        PgCourseStore(closed)
    assert "\n" not in str(info.value)


def test_a_user_without_privileges_is_told_which_table(pg_cluster, pg_url):
    pg_cluster.sql("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader') THEN "
                   "CREATE ROLE reader LOGIN; END IF; END$$")
    pg_cluster.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader", dbname=pg_url.rsplit("/", 1)[1])
    with pytest.raises(DatabaseError, match=r"the user 'reader' may not INSERT on the table 'journals'"):
        PgCourseStore(pg_url.replace("postgres@", "reader@"))


def test_migrate_db_is_idempotent_and_reports_revisions(pg_url):
    head = database.head_revision()
    assert database.upgrade(pg_url) == (head, head)
    assert head == database.SCHEMA_REVISION            # the start-up check's copy of the newest revision


# -- the rules across processes -----------------------------------------------------------------
def _start_posters(url, specs, tmp_path, start_in=1.0):
    """One poster process per spec, each ready to post; they all start `start_in` s after the last is ready."""
    procs = []
    start_file = tmp_path / "start-at"
    for i, spec in enumerate(specs):
        path = tmp_path / f"spec{i}.json"
        path.write_text(json.dumps(spec))
        procs.append(subprocess.Popen([sys.executable, str(POSTER), str(tmp_path / "course"), "ada", str(start_file), str(path)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        assert json.loads(proc.stdout.readline()) == {"ready": True}, proc.stderr.read()
    start_at = time.time() + start_in
    start_file.with_suffix(".new").write_text(str(start_at))
    start_file.with_suffix(".new").replace(start_file)     # whole, or not there yet
    return procs, start_at


def _results(procs, timeout=120):
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]
    return results


def _posters(url, specs, tmp_path):
    """Run one poster process per spec at once; every result line of every process."""
    return _results(_start_posters(url, specs, tmp_path)[0])


def test_a_duplicate_sent_by_eight_processes_at_once_is_accepted_once(pg_url, tmp_path):
    store = course(pg_url, tmp_path / "course", flood_seconds=0).comments("ada", PEER)
    post = {"entry": "e1", "name": "Bea", "email": "bea@example.org", "body": "Same words, sent eight times."}
    results = _posters(pg_url, [[post]] * 8, tmp_path)
    assert sum("ok" in r for r in results) == 1
    assert all("Duplicate comment" in r["refused"] for r in results if "ok" not in r)
    assert len(store) == 1


def test_flood_control_holds_across_processes(pg_url, tmp_path):
    store = course(pg_url, tmp_path / "course", flood_seconds=30).comments("ada", PEER)
    specs = [[{"entry": f"e{i}", "name": "Bea", "body": f"Thought number {i}."}] for i in range(8)]
    results = _posters(pg_url, specs, tmp_path)
    assert sum("ok" in r for r in results) == 1
    assert all("commenting too quickly" in r["refused"] for r in results if "ok" not in r)
    assert len(store) == 1


def test_first_time_rule_sees_an_approval_made_by_another_process(pg_url, tmp_path):
    store = course(pg_url, tmp_path / "course", moderation="first-time", flood_seconds=0).comments("ada", PEER)
    first = store.submit("e1", name="Bea", email="bea@example.org", body="My first comment.")
    assert first.status == "pending"
    other = open_course(tmp_path / "course").comments("ada", Actor("ada", "author"))
    database.dispose(pg_url)            # the next call opens new connections, as another process would
    other.approve(first.id)
    assert store.submit("e2", name="Bea", email="bea@example.org", body="Known now.").status == "approved"
    assert store.submit("e2", name="Cy", body="A newcomer.").status == "pending"


# -- a restart under load -----------------------------------------------------------------------
def test_a_restart_under_load_loses_nothing_acknowledged(pg_cluster, pg_url, tmp_path):
    store = course(pg_url, tmp_path / "course", flood_seconds=0, moderation="none").comments("ada", PEER)
    specs = [[{"entry": f"e{p}", "name": f"Poster {p}", "body": f"Post {p}.{i}", "pause": 0.01}
              for i in range(150)] for p in range(8)]
    procs, start_at = _start_posters(pg_url, specs, tmp_path)
    time.sleep(max(0, start_at - time.time()) + 0.5)
    pg_cluster.restart()
    results = _results(procs, timeout=300)
    acknowledged = [r["ok"] for r in results if "ok" in r]
    unavailable = [r for r in results if "unavailable" in r]
    assert len(results) == 8 * 150 and not [r for r in results if "refused" in r]
    assert unavailable, "the restart should have cut some posts off"
    assert all("try again" in r["unavailable"] for r in unavailable)
    stored = store.frame()
    assert set(acknowledged) <= set(stored["id"])
    assert stored["id"].is_unique and stored["body"].is_unique
    # a post refused with "try again" was stored whole or not at all: never its event without its state
    moderator = store.as_actor(Actor("tina", "tutor"))        # a comment's audit trail is for moderators
    for cid in stored["id"]:
        assert [e["kind"] for e in moderator.history(cid)] == ["submit"]
