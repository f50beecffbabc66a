"""Reviewing on the course server, on both backends: the "To review" page, posting a review (moderation
skipped or not), and anonymity: an anonymous review shows no name to its author in the page, the API or the
HTML export, while tutors read who wrote it."""

import re

import pytest

from course_server import STORES, entry_notebook, start_course
from journal import Journal
from journal.course.server.identity import course_secret, issue_token

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    return start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                        lambda: request.getfixturevalue("pg_new_database")(), people=("ada", "bob", "cal", "tina", "eve"))


def open_round(course, run_cli, name, *extra):
    run_cli("course", "review", "open", name, "--tag", name, "--reviewers", "2", "--due", "2026-10-20", *extra,
            "--dir", course["folder"], check=True)
    run_cli("course", "review", "allocate", name, "--dir", course["folder"], check=True)


def form_of(client, round_name, login, entry_id, data, from_page="review"):
    return client.form(f"review/{round_name}/{login}/{entry_id}", data, from_page=from_page)


def test_an_anonymous_review_shows_no_name_to_its_author_anywhere(course, run_cli, tmp_path):
    journal = Journal.create(tmp_path / "j", title="Ada's journal", author="Ada Student", username="ada")
    entry = journal.new_entry("Week three", status="published", tags=["anon"])
    env = {"JOURNAL_COURSE_TOKEN": issue_token(course_secret(course["folder"]), "ada")}
    run_cli("course", "join", course["base"], "--dir", journal.path, env=env, check=True)
    run_cli("share", "--all", "--dir", journal.path, env=env, check=True)
    for login in ("bob", "cal"):
        assert course[login].api("PUT", f"entries/{login}/anon-{login}", entry_notebook(
            f"anon-{login}", "Week three", tags=["anon"])).status_code == 200
    open_round(course, run_cli, "anon", "--anonymous", "--skip-moderation")

    bob = course["bob"]
    todo = bob.page("review")
    assert todo.status_code == 200 and "due <time datetime=\"2026-10-20\">20 October 2026</time>" in todo.text and "to do" in todo.text
    assert f"j/ada/{entry.id}" in todo.text
    posted = form_of(bob, "anon", "ada", entry.id, {"body": "A careful reading of week three."})
    assert posted.status_code == 303
    assert "done" in bob.page("review").text

    ada = course["ada"]
    page = ada.page(f"j/ada/{entry.id}").text
    assert "A careful reading" in page
    assert "Peer review (anon)" in page and "Reviewer " in page
    thread = ada.api("GET", f"comments/ada/thread/{entry.id}").json()
    everything = ada.api("GET", "comments/ada", params={"status": "all"}).json()   # every field of every comment
    for answer in (page, str(thread), str(everything), course["cal"].page(f"j/ada/{entry.id}").text):
        assert "bob" not in answer.lower(), answer[:2000]
    review = [c for c in everything if "careful reading" in c["body"]][0]
    assert review["author_name"].startswith("Reviewer ") and review["author_email"] == ""
    assert review["status"] == "approved"                      # the round skips moderation

    run_cli("export", entry.id, "--to", "html", "--dir", journal.path, env=env, check=True)
    html = next((journal.path / "exports").glob("*.html")).read_text(encoding="utf-8")
    assert "careful reading" in html and "bob" not in html.lower()

    # Tutors read who wrote it, and everyone's progress.
    tutor = course["tina"].page("review").text
    assert "(bob)" in tutor and "Progress (tutors only)" in tutor
    # Both tables say what they hold and which header heads what; a review names its entry and author, and its date.
    assert tutor.count("<caption>") == 2 and "<th>" not in tutor and '<th scope="row">' in tutor
    given = tutor[tutor.index('class="review-given"'):]
    assert f'j/ada/{entry.id}"><bdi>Week three</bdi></a> by <bdi>' in given and f"ada/{entry.id}<" not in given
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{1,2} [A-Z][a-z]+ \d{4}</time>', given), given
    assert "Progress" not in todo.text
    # The tutor's journal filter on /moderate names each journal's keeper, with the login beside.
    moderation = course["tina"].page("moderate", params={"status": "approved"}).text
    assert "<bdi>Ada Student</bdi> (ada)</a>" in moderation and ">ada</a>" not in moderation


def test_a_named_review_is_moderated_and_refusals_name_the_round(course, run_cli):
    for login in ("ada", "bob", "cal"):
        assert course[login].api("PUT", f"entries/{login}/lv-{login}", entry_notebook(
            f"lv-{login}", "Levels", tags=["lv"])).status_code == 200
    open_round(course, run_cli, "lv")
    bob = course["bob"]
    # Someone not asked is refused in one line naming the round; so is a second review of the same entry.
    eve = form_of(course["eve"], "lv", "ada", "lv-ada", {"body": "Not mine to review."},
                  from_page="j/ada/lv-ada")
    assert eve.status_code == 303
    assert "You were not asked to review this entry in the round lv." in course["eve"].page("review").text
    posted = form_of(bob, "lv", "ada", "lv-ada", {"body": "A named review."})
    assert posted.status_code == 303
    rows = course["ada"].api("GET", "comments/ada", params={"status": "all"}).json()
    mine = [c for c in rows if c["body"].endswith("A named review.")][0]
    assert mine["author_name"] == "bob" and mine["status"] == "pending"   # not anonymous; moderated as usual
    again = form_of(bob, "lv", "ada", "lv-ada", {"body": "Twice."})
    assert again.status_code == 303 and "by this reviewer already" in bob.page("review").text


def test_the_tutor_page_and_the_report_count_reviews_and_a_withdrawn_entry_asks_nothing(course, run_cli):
    """Each person's reviews given (of those asked), received and late on the tutor page and in the
    participation report, counted alike; an entry withdrawn after allocation is off its reviewers' lists."""
    from journal.course.backends import open_store

    authors = ("dora", "fred", "gus")
    for login in authors:
        assert course["as"](login).api("PUT", f"entries/{login}/tp-{login}", entry_notebook(
            f"tp-{login}", f"Tutor page, {login}", tags=["tp"])).status_code == 200
    run_cli("course", "review", "open", "tp", "--tag", "tp", "--reviewers", "2", "--due", "2099-12-31",
            "--dir", course["folder"], check=True)
    run_cli("course", "review", "allocate", "tp", "--dir", course["folder"], check=True)
    allocations = open_store(course["folder"]).reviews.allocations("tp")
    # A reviewer new to this course's rounds (the earlier tests' rounds count on the tutor page too).
    done = next(a for a in allocations if a.reviewer in authors)
    reviewer = course["as"](done.reviewer)
    assert form_of(reviewer, "tp", done.login, done.entry_id, {"body": "A reading."}).status_code == 303
    withdrawn = next(login for login in authors if login != done.login)
    assert course["as"](withdrawn).api("DELETE", f"entries/{withdrawn}/tp-{withdrawn}").status_code in (200, 204)
    freed = next(a.reviewer for a in allocations if a.login == withdrawn)

    todo = course["as"](freed).page("review").text
    assert "nothing to review (it is not counted)" in todo and f"Tutor page, {withdrawn}" not in todo
    assert f"review/tp/{withdrawn}/tp-{withdrawn}" not in todo
    asked = {login: sum(a.reviewer == login and a.login != withdrawn for a in allocations)
             for login in {a.reviewer for a in allocations}}
    tutor = course["tina"].page("tutor", params={"group": "all"}).text
    row = tutor.split(f"({done.reviewer})</th>", 1)[1].split("</tr>", 1)[0]
    assert f"<td>1 of {asked[done.reviewer]}</td>" in row           # the one given; the withdrawn one not asked
    author = tutor.split(f"({done.login})</th>", 1)[1].split("</tr>", 1)[0]
    assert f" of {asked.get(done.login, 0)}</td><td>1</td><td>0</td>" in author     # received the review
    report = course["tina"].page("tutor/report").text
    assert "Peer reviews" in report
    assert f'<td class="text">{done.reviewer}</td><td>1</td><td>{asked[done.reviewer]}</td>' in report
