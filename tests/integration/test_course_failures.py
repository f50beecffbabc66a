"""When the course's storage refuses a write, nothing served changes and the visitor is told what failed.

Only the folder store is here: its files can be made immutable (`chattr +i`, which holds for root too).
PostgreSQL's writes are transactions, rolled back whole (tests/integration/test_postgres_servers.py restarts it).
Also here: a signed-in person who is not among the course's readers is refused with a page that says so.
"""

import html

import pytest

from course_server import entry_notebook, post, start_course
from immutable_files import immutable

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def course(tmp_path_factory, server_process):
    course = start_course("folder", tmp_path_factory.mktemp("course") / "course", server_process)
    assert course["ada"].api("PUT", "entries/ada/kept", entry_notebook("kept", "Kept")).ok
    return course


def leftovers(folder):
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or "ghost" in p.name)


def test_a_share_or_withdrawal_that_cannot_be_written_changes_nothing_served(course):
    ada, bob, folder = course["ada"], course["bob"], course["folder"] / "ada"
    before = (folder / "shared.json").read_bytes()
    with immutable(folder / "shared.json"):
        r = ada.api("PUT", "entries/ada/ghost", entry_notebook("ghost", "Ghost"))
        assert r.status_code == 503 and r.json()["kind"] == "unavailable"
        assert r.json()["error"].startswith("The entry could not be shared: ") and "comment" not in r.json()["error"]
        assert str(folder) not in r.text
        assert bob.api("GET", "entries/ada/ghost").status_code == 404
        assert bob.page("j/ada/ghost").status_code == 404
        again = ada.api("PUT", "entries/ada/kept", entry_notebook("kept", "Kept", body="A second version."))
        assert again.status_code == 503
        assert "A second version" not in str(bob.api("GET", "entries/ada/kept").json())
        r = ada.api("DELETE", "entries/ada/kept")
        assert r.status_code == 503 and r.json()["error"].startswith("The entry could not be withdrawn: ")
        assert bob.api("GET", "entries/ada/kept").status_code == 200
    assert (folder / "shared.json").read_bytes() == before
    assert leftovers(folder) == [] and sorted(p.name for p in (folder / "versions" / "kept").iterdir()) == ["1.ipynb"]
    assert ada.api("PUT", "entries/ada/ghost", entry_notebook("ghost", "Ghost")).json()["version"] == 1


def test_moderation_that_cannot_be_written_says_what_failed(course):
    ada, folder = course["ada"], course["folder"] / "ada"
    cid = post(course["cal"], "ada", "kept", "A thought to approve.").json()["id"]
    with immutable(folder / "comments.csv"):
        r = ada.api("POST", f"comments/ada/{cid}/approve")
        assert r.status_code == 503
        assert r.json()["error"].startswith("The comment could not be changed: ")
        assert "Your comment" not in r.json()["error"] and "text is still here" not in r.json()["error"]
        r = course["tina"].api("POST", "feedback/ada", {"entry_id": "kept", "body": "Well argued."})
        assert r.status_code == 503 and r.json()["error"].startswith("The feedback could not be saved: ")
    assert ada.api("GET", f"comments/ada/{cid}").json()["status"] == "pending"


def test_a_peers_moderation_is_refused_in_a_servers_words(course):
    cid = post(course["as"]("dan"), "ada", "kept", "Dan's thought.").json()["id"]
    r = course["bob"].api("POST", f"comments/ada/{cid}/approve")
    assert r.status_code == 403 and "you are a peer on this journal" in r.json()["error"]
    assert "process" not in r.json()["error"]


@pytest.fixture(scope="module")
def readers_only(tmp_path_factory, server_process):
    return start_course("folder", tmp_path_factory.mktemp("readers") / "course", server_process,
                        readers_group="nursing-2026")


def test_someone_outside_the_readers_is_refused_with_a_page_not_a_server_error(readers_only):
    bob, tina = readers_only["bob"], readers_only["tina"]
    for path in ("", "j/ada/", "j/ada/kept", "moderate"):
        r = bob.page(path)
        assert r.status_code == 403, path
        assert "not among this course's readers" in html.unescape(r.text), path
    r = bob.api("GET", "whoami")
    assert r.status_code == 403 and "not among this course's readers" in r.json()["error"]
    assert tina.api("GET", "whoami").status_code == 200             # tutors always read
    log = readers_only["proc"].log_path.read_text()
    assert "Traceback" not in log and " 500 " not in log


def test_a_login_the_course_cannot_hold_is_refused_at_join_naming_it(course, journal, run_cli):
    """JupyterHub takes logins of any length and alphabet; the course says so at join, not 'no such entry' later."""
    from journal.course.server.identity import course_secret, issue_token

    login = "a" * 70
    token = issue_token(course_secret(course["folder"]), login)
    done = run_cli("course", "join", course["base"], "--dir", journal.path, env={"JOURNAL_COURSE_TOKEN": token})
    assert done.returncode == 1
    assert f"The login '{login}' cannot keep a journal on this course" in done.stderr
    assert "No such entry" not in done.stderr and "Traceback" not in done.stderr
    assert journal.path.joinpath("journal.toml").read_text().count(course["base"]) == 0
    fine = run_cli("course", "join", course["base"], "--dir", journal.path,
                   env={"JOURNAL_COURSE_TOKEN": issue_token(course_secret(course["folder"]), "tutor")})
    assert fine.returncode == 0, fine.stderr
    assert journal.path.joinpath("journal.toml").read_text().count(course["base"]) == 1
