"""Reviewing on the course server, on both backends: the "To review" page, posting a review (moderation
skipped or not), and anonymity: an anonymous review shows no name to its author in the page, the API or the
HTML export, while tutors read who wrote it."""

import html
import re

import pytest
from pypdf import PdfReader

from course_server import STORES, entry_notebook, start_course
from journal import Journal
from journal.course.server.identity import course_secret, issue_token

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    return start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                        lambda: request.getfixturevalue("pg_new_database")(), people=("ada", "bob", "cal", "tina", "eve"),
                        review={"criteria": [{"name": "clarity", "levels": ["unclear", "clear", "vivid"]}]})


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
    run_cli("export", entry.id, "--to", "pdf", "--dir", journal.path, env=env, check=True)
    pdf = next((journal.path / "exports").glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "careful reading" in text and "Reviewer " in text and "bob" not in text.lower()

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


def test_a_tutor_opens_allocates_and_closes_a_round_on_the_tutor_page(course):
    """The tutor page's form does what `journal course review open` and `allocate` do; a refusal comes back on
    the page in one line naming what was wrong; a peer cannot post the form; the round closes there too."""
    from journal.course.backends import open_store

    for login in ("ada", "bob", "cal"):
        assert course[login].api("PUT", f"entries/{login}/web-{login}", entry_notebook(
            f"web-{login}", f"On the web, {login}", tags=["web"])).status_code == 200
    tina = course["tina"]
    form = {"name": "web", "which": "tag", "tag": "web", "reviewers": "2", "groups": "any", "due": "2026-10-20",
            "anonymous": "1"}
    assert 'Open the round and allocate its reviewers' in tina.page("tutor").text

    # A peer is no tutor: the form is refused and nothing is opened.
    assert course["bob"].form("tutor/rounds", form, from_page="j/ada/web-ada").status_code == 403
    assert "web" not in {r.name for r in open_store(course["folder"]).reviews.rounds()}

    # Bad input: one line naming it, shown on the tutor page; nothing kept.
    bad = tina.form("tutor/rounds", {**form, "tag": "no-such-tag"}, from_page="tutor")
    assert bad.status_code == 303 and bad.headers["Location"].endswith("/tutor")
    page = html.unescape(tina.page("tutor").text)
    assert "no shared entry has the tag 'no-such-tag' (tags in use: " in page and "refused" in page
    assert tina.form("tutor/rounds", {**form, "reviewers": "two"}, from_page="tutor").status_code == 303
    assert "the number of reviewers must be a whole number, not 'two'" in html.unescape(tina.page("tutor").text)
    assert "web" not in {r.name for r in open_store(course["folder"]).reviews.rounds()}

    assert tina.form("tutor/rounds", form, from_page="tutor").status_code == 303
    page = tina.page("tutor").text
    store = open_store(course["folder"])
    allocations = store.reviews.allocations("web")
    assert f"Opened the review round web. Allocated {len(allocations)} reviews in the round web" in page
    assert store.reviews.round("web").anonymous and len(allocations) >= 6      # 3 entries x 2 reviewers
    assert all(a.reviewer != a.login for a in allocations)
    row = page.split('<bdi>web</bdi></th>', 1)[1].split("</tr>", 1)[0]
    assert "tag web" in row and "20 October 2026" in row and f"0 of {len(allocations)}" in row and "anonymous" in row

    # Allocating again adds nothing (nothing moved); a second round of that name is refused.
    assert tina.form("tutor/rounds/web/allocate", {}, from_page="tutor").status_code == 303
    assert f"Allocated 0 reviews in the round web ({len(allocations)} in all)." in tina.page("tutor").text
    assert tina.form("tutor/rounds", form, from_page="tutor").status_code == 303
    assert "a review round 'web' exists already" in html.unescape(tina.page("tutor").text)

    assert course["bob"].form("tutor/rounds/web/close", {}, from_page="j/ada/web-ada").status_code == 403
    assert tina.form("tutor/rounds/web/close", {}, from_page="tutor").status_code == 303
    assert "Closed the review round web" in tina.page("tutor").text
    assert not open_store(course["folder"]).reviews.round("web").is_open


def test_a_review_gives_levels_of_the_courses_criteria_and_an_unknown_level_is_refused_naming_it(course, run_cli):
    from journal.course.backends import open_store

    for login in ("ada", "bob", "cal"):
        assert course[login].api("PUT", f"entries/{login}/rb-{login}", entry_notebook(
            f"rb-{login}", f"Rubric, {login}", tags=["rb"])).status_code == 200
    open_round(course, run_cli, "rb")
    asked = next(a for a in open_store(course["folder"]).reviews.allocations("rb") if a.reviewer == "bob")
    bob = course["bob"]
    assert 'name="level-clarity"' in bob.page("review").text
    bad = form_of(bob, "rb", asked.login, asked.entry_id, {"body": "Hmm.", "level-clarity": "superb"})
    assert bad.status_code == 303
    assert "'superb' is not a level of clarity (levels: unclear, clear, vivid)" in html.unescape(bob.page("review").text)
    assert not open_store(course["folder"]).reviews.reviews("rb")              # nothing kept of the refusal
    good = form_of(bob, "rb", asked.login, asked.entry_id, {"body": "Vivid writing.", "level-clarity": "vivid"})
    assert good.status_code == 303
    (review,) = open_store(course["folder"]).reviews.reviews("rb")
    assert review.levels == {"clarity": "vivid"}
    rows = course[asked.login].api("GET", f"comments/{asked.login}", params={"status": "all"}).json()
    assert any(c["body"] == "Peer review (rb)\n\nclarity: vivid\n\nVivid writing." for c in rows)
