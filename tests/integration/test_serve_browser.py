"""`journal serve` in a real Chromium: reading an entry, commenting without script, replies, hostile input."""

import pytest

from journal import Journal
from journal.course.server.ports import free_port
from journal.course.single import journal_login
from journal.entry import excerpt
from journal.prompts import written_prose

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
from axe_check import assert_clean  # noqa: E402  (tests/ is on sys.path: conftest)
from browser_settings import new_tab, only  # noqa: E402
from keyboard import tab_to  # noqa: E402

LOAD = 60_000
ENTRY = "joining-up-care-means-learning-together"


@pytest.fixture(scope="module")
def served(tmp_path_factory, server_process):
    from journal.demo import build

    journal = build(tmp_path_factory.mktemp("serve-browser") / "demo")
    port = free_port()
    server_process(["serve", "--dir", journal.path, "--port", port, "--no-browser"], port)
    return journal, f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/j/{journal_login(journal)}/"


@pytest.fixture
def page(browser, served):
    """A fresh tab that can reach only the server (outside requests would hang offline)."""
    _, root, _ = served
    tab = new_tab(browser, root, timeout=LOAD)
    yield tab
    tab.context.close()


def post(page, name, body):
    page.get_by_placeholder("your name").fill(name)
    page.get_by_placeholder("Leave a thought").fill(body)
    page.get_by_role("button", name="Post comment").click()
    playwright_api.expect(page.locator(".journal-message")).to_contain_text("awaiting moderation")
    playwright_api.expect(page.get_by_placeholder("Leave a thought")).to_have_value("")


def stored(journal, body):
    frame = Journal.open(journal.path).comments.frame()
    rows = frame[frame["body"] == body].to_dict("records")
    assert len(rows) == 1, f"expected one stored comment {body!r}, found {len(rows)}"
    return rows[0]


def approve(run_cli, journal, comment_id):
    run_cli("comments", "approve", comment_id, "--dir", journal.path, check=True)


def test_index_lists_published_entries_with_approved_counts(page, served):
    journal, root, base = served
    page.goto(root)
    links = page.locator(".journal-index a")
    published = journal.entries(published_only=True)
    assert sorted(links.all_inner_texts()) == sorted(e.title for e in published)
    text = page.locator("body").inner_text()
    for draft in (e for e in journal.entries() if not e.published):
        assert draft.title not in text
    approved = journal.comments.counts()[ENTRY]["approved"]
    assert f"{approved} approved comments" in page.locator(".journal-index-entry",
                                                           has_text="Joining up care").inner_text()
    page.get_by_role("link", name="Joining up care means learning together").click()
    page.get_by_placeholder("Leave a thought").wait_for()
    assert page.url == base + ENTRY


def test_entry_page_shows_prose_citations_references_and_no_code(page, served):
    journal, _, base = served
    page.goto(base + ENTRY)
    assert page.title() == "Joining up care means learning together"
    assert page.locator("h1", has_text="Joining up care means learning together").count() == 1
    assert page.locator('a.citation[href="#ref-doh2010a"]').first.inner_text() == "(Department of Health, 2010a)"
    references = page.locator("section.references")
    assert "Senge, P.M. (1990) The Fifth Discipline" in references.locator("#ref-senge1990").inner_text()
    body = page.locator("body").inner_text()
    assert "import pandas" not in body and "comment_panel" not in body
    assert page.locator("#comments h2").inner_text().startswith("9 thoughts on")
    assert not page.errors


def test_comment_waits_for_moderation_then_appears_and_takes_a_nested_reply(page, served, run_cli):
    journal, _, base = served
    page.goto(base + ENTRY)
    body = "The root definitions idea helped me with my own placement write-up."
    post(page, "Rosa Visitor", body)
    comment = stored(journal, body)
    assert (comment["status"], comment["author_role"], comment["author_name"]) == ("pending", "peer", "Rosa Visitor")
    # Held: only its writer sees it, set apart from the approved thread and marked as awaiting moderation.
    assert body not in page.locator("#comments > ol.thread").inner_text()
    playwright_api.expect(page.locator("#comments .own-held")).to_contain_text(body)
    approve(run_cli, journal, comment["id"])
    page.goto(base + ENTRY)
    parent = page.locator(f"#comment-{comment['id']}")
    playwright_api.expect(parent).to_contain_text(body)
    parent.get_by_role("link", name="Reply").click()
    playwright_api.expect(page.locator(".replying")).to_contain_text("Replying to Rosa Visitor")
    reply_body = "Same here: drawing the three purposes changed the conversation."
    page.wait_for_timeout(16_000)     # the flood rule spaces out comments from one browser
    post(page, "Ola Peer", reply_body)
    reply = stored(journal, reply_body)
    assert reply["parent_id"] == comment["id"] and reply["status"] == "pending"
    approve(run_cli, journal, reply["id"])
    page.goto(base + ENTRY)
    child = page.locator(f"#comment-{reply['id']}")
    assert child.bounding_box()["x"] > page.locator(f"#comment-{comment['id']}").bounding_box()["x"] + 10


def test_hostile_comment_runs_no_script_and_shows_as_typed(browser, served, run_cli):
    journal, root, base = served
    context = browser.new_context()
    context.route("**/*", only(root))
    page = context.new_page()
    page.goto(base + ENTRY)
    hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> & <b>bold</b>'
    name = '<svg onload="window.__xss=3">Mallory'
    page.wait_for_timeout(16_000)     # same address as the test before: the flood rule holds per address too
    post(page, name, hostile)
    approve(run_cli, journal, stored(journal, hostile)["id"])
    page.goto(base + ENTRY)
    card = page.locator(f"#comment-{stored(journal, hostile)['id']}")
    assert card.locator(".comment-body").inner_text() == hostile
    assert name in card.inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"], .comment script, .comment svg, .comment b').count() == 0
    context.close()


def test_a_refused_comment_lands_on_the_form_with_its_reason_in_view_and_the_field_focused(page, served):
    """The page comes back at the form, not at its top (the reason was about 3,700 px down): the field is
    focused (autofocus, which scrolls it into view; no script runs on these pages), says it is invalid and
    which message describes it."""
    _, _, base = served
    page.goto(base + ENTRY)
    page.get_by_placeholder("your name").fill("Tess Long")
    too_long = "x" * 66_000
    page.get_by_placeholder("Leave a thought").fill(too_long)
    page.get_by_role("button", name="Post comment").click()
    message = page.locator("#comment-message.refused")
    playwright_api.expect(message).to_be_visible()
    box, height = message.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, "the reason is in view"
    field = page.get_by_placeholder("Leave a thought")
    assert (field.get_attribute("aria-invalid"), field.get_attribute("aria-describedby")) == ("true", "comment-message")
    assert page.evaluate("document.activeElement && document.activeElement.name") == "body"
    assert field.input_value() == too_long


def test_every_page_passes_axe_in_each_state(page, served):
    """The index, an entry, an entry in reply mode, the moderation page (none here: the author moderates in
    JupyterLab), a missing page and a refused comment: no WCAG 2.0/2.1/2.2 A or AA violation on any."""
    journal, root, base = served
    reply_to = journal.comments.frame(status="approved")["id"].iloc[0]
    for address, where in ((root, "the index"), (base + ENTRY, "an entry"),
                           (f"{base}{ENTRY}?reply={reply_to}", "an entry in reply mode"),
                           (root + "moderate", "the moderation page"), (base + "no-such-entry", "a missing page")):
        page.goto(address)
        assert_clean(page, where=where)
    page.goto(base + ENTRY)
    page.get_by_placeholder("your name").fill("Tess Long")
    page.get_by_placeholder("Leave a thought").fill("x" * 66_000)
    page.get_by_role("button", name="Post comment").click()
    playwright_api.expect(page.locator("#comment-message.refused")).to_be_visible()
    assert_clean(page, where="an entry after a refused comment")


def test_the_index_names_the_journal_once_the_student_in_the_title_and_each_entrys_opening(page, served):
    journal, root, _ = served
    page.goto(root)
    assert page.title() == f"{journal.title} by {journal.settings.author}"
    assert page.locator("body").inner_text().count(journal.title) == 1
    for entry in journal.entries(published_only=True):
        shown = page.locator(".journal-index-entry", has_text=entry.title).locator(".journal-index-excerpt")
        words = shown.inner_text()
        assert len(words) > 40 and words.split()[:3] == excerpt(written_prose(entry.notebook)).split()[:3]
        assert not set("#*[]@") & set(words), "markup, headings or citation keys in the excerpt"


def test_a_peer_comments_with_the_keyboard_alone(page, served):
    """From the top of an entry: the first Tab reaches "Skip to comments", and the form is a few Tabs on."""
    journal, _, base = served
    page.goto(base + ENTRY)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to comments")
    playwright_api.expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#comments")
    presses = tab_to(page, "input[name=name]", limit=200)
    page.keyboard.type("Kit Keyboard")
    tab_to(page, "textarea[name=body]")
    body = "Written without a mouse: the skip link took me straight to the comments."
    page.keyboard.type(body)
    page.wait_for_timeout(16_000)     # the flood rule spaces out comments from one address
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".journal-message")).to_contain_text("awaiting moderation")
    assert stored(journal, body)["author_name"] == "Kit Keyboard"
    reply_links = page.locator(".comment-reply a").count()
    assert presses <= 2 * reply_links + 6, f"{presses} Tab presses from the comments to the form"


def test_links_are_underlined_on_screen_focus_is_a_2px_ring_and_print_underlines_nothing(page, served):
    _, _, base = served
    page.goto(base + ENTRY)
    style = "(e, p) => getComputedStyle(e)[p]"
    citation = page.locator("a.citation").first
    reference_url = page.locator("section.references a[href^='http']").first
    for link in (citation, reference_url):
        assert "underline" in link.evaluate(style, "textDecorationLine")
    tab_to(page, "a.citation")
    assert (page.evaluate("getComputedStyle(document.activeElement).outlineWidth"),
            page.evaluate("getComputedStyle(document.activeElement).outlineStyle")) == ("2px", "solid")
    page.emulate_media(media="print")
    for link in (citation, reference_url):
        assert link.evaluate(style, "textDecorationLine") == "none"
        assert link.evaluate(style, "borderBottomStyle") == "none"
