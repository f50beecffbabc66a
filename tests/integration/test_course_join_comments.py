"""A journal that had comments in its own comments.csv when it joined a course loses none from view: they are
carried to the course (with their authors, dates and statuses) or shown beside the course's, on both backends."""

import json

import pytest

from course_server import STORES, post, start_course
from journal import Journal
from journal.comments import CommentStore
from journal.comments.protocol import Actor
from journal.course.server.identity import course_secret, issue_token
from journal.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    return start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                        lambda: request.getfixturevalue("pg_new_database")())


def journal_with_comments(path, login):
    """A journal of `login` with one published entry and, in its comments.csv, an approved comment, a pending
    one, a trashed one and the author's approved reply; returns (journal, entry, {label: Comment})."""
    journal = Journal.create(path, title="My journal", author="Ada Student", username=login)
    entry = journal.new_entry("Week one", status="published")
    peer = CommentStore(journal.comments_path, journal.settings, actor=Actor("priya", "peer"))
    author = peer.as_actor(Actor(login, "author"))
    journal.settings.comments.flood_seconds = 0
    made = {"approved": peer.submit(entry.id, name="Priya N", email="p@example.org", body="Lovely reflection."),
            "pending": peer.submit(entry.id, name="Sam", body="Held for a while."),
            "trash": peer.submit(entry.id, name="Spammy", body="Buy now.")}
    author.approve(made["approved"].id)
    author.trash(made["trash"].id)
    made["reply"] = author.submit(entry.id, name="Ada Student", body="Thank you!", reply_to=made["approved"].id)
    return journal, entry, {label: author.get(c.id) for label, c in made.items()}


def cli_env(course, login):
    return {"JOURNAL_COURSE_TOKEN": issue_token(course_secret(course["folder"]), login), "JUPYTERHUB_USER": login}


def listed(run_cli, journal, env):
    out = json.loads(run_cli("list", "--json", "--dir", journal.path, env=env, check=True).stdout)
    return [(r["approved"], r["pending"]) for r in out]


def test_carried_comments_keep_authors_dates_and_statuses_once(course, tmp_path, run_cli):
    journal, entry, made = journal_with_comments(tmp_path / "j", "ada")
    env = cli_env(course, "ada")
    before = (journal.path / "comments.csv").read_bytes()
    out = run_cli("course", "join", course["base"], "--comments", "carry", "--dir", journal.path, env=env, check=True)
    assert "Carried the 4 comments of comments.csv to the course" in out.stdout
    assert Settings.load(journal.path / "journal.toml").course.own_comments == "carried"
    assert (journal.path / "comments.csv").read_bytes() == before
    run_cli("share", "--all", "--dir", journal.path, env=env, check=True)

    held = {c["id"]: c for c in course["ada"].api("GET", "comments/ada", params={"status": "all"}).json()}
    assert {cid: (c["author_name"], c["author_role"], c["submitted_at"], c["status"], c["parent_id"], c["body"])
            for cid, c in held.items()} == {
        c.id: (c.author_name, c.author_role, c.submitted_at, c.status, c.parent_id, c.body) for c in made.values()}
    assert held[made["approved"].id]["author_email"] == "p@example.org"
    history = course["ada"].api("GET", f"comments/ada/{made['trash'].id}/history").json()
    assert [h["kind"] for h in history] == ["submit", "trash"]
    restored = course["ada"].api("POST", f"comments/ada/{made['trash'].id}/restore").json()
    assert restored["status"] == "pending"          # what it was before its move to the trash, as carried
    # A peer of the course reads the approved ones only.
    peer = {c["id"] for c in course["cal"].api("GET", "comments/ada").json()}
    assert peer == {made["approved"].id, made["reply"].id}

    again = run_cli("course", "join", course["base"], "--comments", "carry", "--dir", journal.path, env=env,
                    check=True)
    assert again.returncode == 0
    assert len(course["ada"].api("GET", "comments/ada", params={"status": "all"}).json()) == 4
    assert listed(run_cli, journal, env) == [(2, 2)]


def test_comments_kept_beside_the_courses_stay_in_list_and_exports(course, tmp_path, run_cli, monkeypatch):
    journal, entry, made = journal_with_comments(tmp_path / "j", "bob")
    env = cli_env(course, "bob")
    out = run_cli("course", "join", course["base"], "--dir", journal.path, env=env, check=True)   # no terminal
    assert "stay there and are shown beside the course's" in out.stdout
    assert Settings.load(journal.path / "journal.toml").course.own_comments == "beside"
    run_cli("share", "--all", "--dir", journal.path, env=env, check=True)
    cid = post(course["cal"], "bob", entry.id, "Cal's thought on the course.").json()["id"]
    assert course["bob"].api("POST", f"comments/bob/{cid}/approve").ok
    assert course["bob"].api("GET", "comments/bob", params={"status": "all"}).json()[0]["id"] == cid

    assert listed(run_cli, journal, env) == [(3, 1)]
    run_cli("export", entry.id, "--to", "html", "--dir", journal.path, env=env, check=True)
    html = next((journal.path / "exports").glob("*.html")).read_text(encoding="utf-8").replace("&#x27;", "'")
    assert "Lovely reflection." in html and "Thank you!" in html and "Cal's thought on the course." in html
    assert "Held for a while." not in html and "Buy now." not in html
    # The file's comments are moderated in the file, as before the journal joined.
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    store = Journal.open(journal.path).comments
    assert list(store.frame()["id"]) == sorted([*(c.id for c in made.values()), cid])
    assert store.approve(made["pending"].id).status == "approved"
    assert CommentStore(journal.comments_path, journal.settings).get(made["pending"].id).status == "approved"
    assert listed(run_cli, journal, env) == [(4, 0)]


def test_only_the_author_carries_and_bad_events_are_named(course):
    event = ["submit", "0661a1b2c3d4e5-9f8e7d", "week-one", "", "Priya", "", "peer", "Hi", "2026-10-01T09:00:00+00:00",
             "approved", "2026-10-01T09:00:00+00:00", "rules", ""]
    assert course["cal"].api("POST", "comments/tina/carry", {"events": [event]}).status_code == 403
    bad = course["tina"].api("POST", "comments/tina/carry", {"events": [event, ["approve", "x"]]})
    assert bad.status_code == 400 and "Event 2" in bad.json()["error"]
    unknown = course["tina"].api("POST", "comments/tina/carry", {"events": [event[:6] + ["tutor?"] + event[7:]]})
    assert unknown.status_code == 400 and "role 'tutor?'" in unknown.json()["error"]
    assert course["tina"].api("GET", "comments/tina", params={"status": "all"}).json() == []
