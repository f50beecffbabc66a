"""A journal that joined a course keeps its comments there: `journal list` and the exports show the course's
comments, not an empty local log (they once looked for comments.csv beside the journal and found none)."""

import json

import pytest

from course_server import post, start_course
from journal import Journal
from journal.course.server.identity import course_secret, issue_token

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def course(tmp_path_factory, server_process):
    return start_course("folder", tmp_path_factory.mktemp("course") / "course", server_process)


def test_list_and_export_of_a_joined_journal_show_the_courses_comments(course, tmp_path, run_cli):
    journal = Journal.create(tmp_path / "j", title="Ada's journal", author="Ada Student", username="ada")
    entry = journal.new_entry("Week one", status="published")
    env = {"JOURNAL_COURSE_TOKEN": issue_token(course_secret(course["folder"]), "ada")}
    run_cli("course", "join", course["base"], "--dir", journal.path, env=env, check=True)
    run_cli("share", "--all", "--dir", journal.path, env=env, check=True)
    assert post(course["cal"], "ada", entry.id, "Cal's thought on week one.").status_code == 201
    kept = post(course["as"]("cleo"), "ada", entry.id, "Cleo's thought, approved.").json()["id"]
    assert course["ada"].api("POST", f"comments/ada/{kept}/approve").ok
    assert not (journal.path / "comments.csv").exists()

    listed = json.loads(run_cli("list", "--json", "--dir", journal.path, env=env, check=True).stdout)
    assert [(r["id"], r["approved"], r["pending"]) for r in listed] == [(entry.id, 1, 1)]
    run_cli("export", entry.id, "--to", "html", "--dir", journal.path, env=env, check=True)
    html = next((journal.path / "exports").glob("*.html")).read_text(encoding="utf-8")
    assert "Cleo's thought, approved." in html.replace("&#x27;", "'") and "Cal's thought" not in html
