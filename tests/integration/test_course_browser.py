"""The course's pages in Chromium, for each role (peer, author, tutor) and state (an empty course, a refused
comment, reply mode): axe finds no WCAG 2.0/2.1/2.2 A or AA violation, every repeated control names what it
acts on, and the author's and the tutor's journeys work from the keyboard alone."""

import re

import pytest

from course_server import entry_notebook, post, start_course

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_check import assert_clean  # noqa: E402  (tests/ is on sys.path: conftest)
from browser_settings import new_tab  # noqa: E402
from keyboard import tab_to  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
expect = playwright_api.expect
LOAD = 60_000
HELD_FEEDBACK = "Good use of Schön; say more about what you would change next time."


@pytest.fixture(scope="module")
def course(tmp_path_factory, server_process):
    """Ada shares an entry; Bob's comment waits, Cal's is approved; Tina (tutor) holds a piece of feedback."""
    course = start_course("folder", tmp_path_factory.mktemp("course-browser") / "course", server_process)
    ada, bob, cal, tina = (course[login] for login in ("ada", "bob", "cal", "tina"))
    assert ada.api("PUT", "entries/ada/week-one", entry_notebook("week-one", "Week one")).status_code == 200
    pending = post(bob, "ada", "week-one", "Bob's thought, waiting for Ada.")
    approved = post(cal, "ada", "week-one", "Cal's thought, approved.")
    assert (pending.status_code, approved.status_code) == (201, 201)
    assert ada.api("POST", f"comments/ada/{approved.json()['id']}/approve").status_code == 200
    held = tina.api("POST", "feedback/ada", {"entry_id": "week-one", "body": HELD_FEEDBACK})
    assert held.status_code == 201
    return {**course, "pending": pending.json()["id"], "approved": approved.json()["id"], "held": held.json()["id"]}


def signed_in(browser, course, login):
    """A tab signed in as `login` (the token in the first address), on the course's index."""
    page = new_tab(browser, course["base"], timeout=LOAD)
    page.goto(f"{course['base']}?token={course['as'](login).token}")
    expect(page.locator(".course-who")).to_contain_text(login)
    return page


def clean(page, address, where):
    page.goto(address)
    assert_clean(page, where=where)


def test_an_empty_course_passes_axe_for_a_peer_a_student_and_a_tutor(browser, tmp_path_factory, server_process):
    empty = start_course("folder", tmp_path_factory.mktemp("course-empty") / "course", server_process)
    base = empty["base"]
    for login, path in (("bob", ""), ("ada", "moderate"), ("tina", "tutor"), ("tina", "tutor/feedback")):
        page = signed_in(browser, empty, login)
        page.goto(base + path)
        assert page.locator(".course-empty, tbody").count() >= 1
        assert_clean(page, where=f"the empty course's /{path} as {login}")
        page.context.close()


def test_every_page_a_peer_opens_passes_axe_in_each_state(browser, course):
    base, page = course["base"], signed_in(browser, course, "bob")
    assert_clean(page, where="the index")
    clean(page, base + "j/ada/", "a student's page")
    clean(page, base + "j/ada/week-one", "an entry page")
    clean(page, base + f"j/ada/week-one?reply={course['approved']}", "an entry page in reply mode")
    expect(page.locator(".replying")).to_contain_text("Replying to")
    clean(page, base + "moderate", "the moderation page of someone who moderates nothing")
    clean(page, base + "review", "the To review page")
    clean(page, base + "j/ada/no-such-entry", "a missing page")
    page.goto(base + "j/ada/week-one")
    page.get_by_placeholder("Leave a thought").fill("x" * 66_000)
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comment-message.refused")).to_be_visible()
    assert_clean(page, where="an entry page after a refused comment")
    assert not page.errors
    page.context.close()


def test_every_page_the_author_and_a_tutor_open_passes_axe(browser, course):
    base, author = course["base"], signed_in(browser, course, "ada")
    for status in ("pending", "approved", "spam", "trash"):
        clean(author, f"{base}moderate?status={status}", f"the author's {status} comments")
    clean(author, base + "j/ada/week-one", "the author's own entry")
    author.context.close()
    tutor = signed_in(browser, course, "tina")
    for path in ("tutor", "tutor/feedback", "moderate", "moderate?login=ada", "j/ada/week-one", "j/ada/"):
        clean(tutor, base + path, f"/{path} as a tutor")
    tutor.goto(base + "tutor/report")
    expect(tutor.locator("h1")).to_be_visible()
    assert_clean(tutor, where="the participation report")
    for table in tutor.locator("table").all():
        assert table.locator("caption").count() == 1
        assert table.locator("th:not([scope])").count() == 0
    tutor.context.close()


def test_repeated_controls_name_what_they_act_on(browser, course):
    base, author = course["base"], signed_in(browser, course, "ada")
    author.goto(base + "moderate")
    for verb in ("Approve", "Spam", "Trash"):
        expect(author.get_by_role("button", name=f"{verb} comment by bob on Week one", exact=True)).to_have_count(1)
    author.goto(base + "j/ada/week-one")
    expect(author.get_by_role("link", name="Reply to cal", exact=True)).to_have_count(1)
    expect(author.get_by_role("link", name="Skip to comments")).to_have_attribute("href", "#comments")
    expect(author.get_by_role("region", name="Leave a comment")).to_have_count(1)
    author.context.close()
    tutor = signed_in(browser, course, "tina")
    tutor.goto(base + "tutor")
    expect(tutor.get_by_role("link", name="PDF of ada's portfolio", exact=True)).to_have_count(1)
    expect(tutor.get_by_role("link", name="1 pending comment on ada's journal", exact=True)).to_have_count(1)
    expect(tutor.get_by_role("table", name="Students and their journals")).to_have_count(1)
    tutor.goto(base + "tutor/feedback")
    expect(tutor.get_by_role("table", name="Every piece of feedback")).to_have_count(1)
    tutor.goto(base + "j/ada/week-one")
    expect(tutor.get_by_role("button", name=re.compile(r"^Release feedback “Good use of Schön; say more")))\
        .to_have_count(1)
    tutor.context.close()


def test_the_student_page_is_titled_by_the_journal_and_its_author(browser, course):
    dora = course["as"]("dora")
    assert dora.api("PUT", "journals/dora", {"title": "Dora's placement journal",
                                             "author": "Dora Lovelace"}).status_code == 200
    assert dora.api("PUT", "entries/dora/week-one", entry_notebook("week-one", "Week one")).status_code == 200
    page = signed_in(browser, course, "bob")
    page.goto(course["base"] + "j/dora/")
    assert page.title() == "Dora's placement journal by Dora Lovelace"
    assert page.locator("h1").inner_text() == "Dora's placement journal"
    page.goto(course["base"] + "j/dora/week-one")
    assert page.locator(".course-crumbs").inner_text() == "Dora Lovelace"
    page.context.close()


def test_the_author_approves_a_comment_with_the_keyboard_alone(browser, course):
    page = signed_in(browser, course, "ada")
    page.goto(course["base"] + "moderate")
    approve = page.get_by_role("button", name="Approve comment by bob on Week one", exact=True)
    tab_to(page, f"#comment-{course['pending']} button[value=approve]")
    expect(approve).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".journal-message.ok")).to_contain_text("approved")
    answer = course["tina"].api("GET", f"comments/ada/{course['pending']}")
    assert answer.json()["status"] == "approved"
    page.context.close()


def test_a_tutor_writes_and_releases_feedback_with_the_keyboard_alone(browser, course):
    page = signed_in(browser, course, "tina")
    page.goto(course["base"] + "j/ada/week-one")
    tab_to(page, "textarea[name=feedback]", limit=200)
    page.keyboard.type("Typed at the keyboard: a clear account of the ward round.")
    tab_to(page, "#feedback-form > form:not(.feedback-piece) > button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/j/ada/week-one(#feedback-form)?$"))
    release = page.get_by_role("button", name=re.compile(r"^Release feedback “Typed at the keyboard"))
    expect(release).to_have_count(1)
    tab_to(page, release, limit=200)
    page.keyboard.press("Enter")
    expect(page.locator(".journal-message.ok")).to_contain_text("Feedback released")
    pieces = course["tina"].api("GET", "feedback/ada").json()
    typed = [p for p in pieces if p["body"].startswith("Typed at the keyboard")]
    assert [p["status"] for p in typed] == ["released"]
    page.context.close()


def test_the_review_pages_and_the_tutors_rounds_pass_axe_and_name_each_review_form(browser, tmp_path_factory,
                                                                                   server_process):
    """A reviewer's To review list (a form per entry), the tutors' progress tables and the tutor page's round
    form: no violation, and each form's fields and button say which entry they review."""
    from journal.course.access import Access
    from journal.course.backends import open_store
    from journal.course.reviews import rounds
    from journal.course.reviews.model import Round

    rv = start_course("folder", tmp_path_factory.mktemp("course-review") / "course", server_process,
                      review={"criteria": [{"name": "clarity", "levels": ["unclear", "clear", "vivid"]}]})
    for login in ("ada", "bob", "cal"):
        assert rv[login].api("PUT", f"entries/{login}/wk-{login}", entry_notebook(
            f"wk-{login}", f"Week, {login}", tags=["wk"])).status_code == 200
    store = open_store(rv["folder"])
    rounds.open_round(store, Round(name="wk", reviewers=2, due="2026-10-20", tag="wk"))
    access = Access.of_folder(rv["folder"], store.settings)
    rounds.run(store, "wk", access.groups_of, rounds.students(store, access))

    page = signed_in(browser, rv, "bob")
    page.goto(rv["base"] + "review")
    assert_clean(page, where="a reviewer's To review list")
    for title in ("Week, ada", "Week, cal"):
        expect(page.get_by_role("textbox", name=f"Your review of {title}")).to_have_count(1)
        expect(page.get_by_role("button", name=f"Post the review of {title}")).to_have_count(1)
        expect(page.get_by_role("combobox", name=f"clarity of {title}")).to_have_count(1)
    page.context.close()
    tutor = signed_in(browser, rv, "tina")
    for path in ("review", "tutor"):
        tutor.goto(rv["base"] + path)
        assert_clean(tutor, where=f"/{path} as a tutor with a review round")
    expect(tutor.get_by_role("button", name="Close the round wk")).to_have_count(1)
