"""`journal serve` in a real Chromium: reading an entry, commenting, moderation, replies, hostile input."""

import pytest

from journal import Journal
from journal.serve import Server, page_name
from journal.serve.voila import free_port

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
from browser_settings import ARGS as CHROMIUM_ARGS, CHROMIUM  # noqa: E402  (tests/ is on sys.path: conftest)
LOAD = 180_000        # ms: kernels start slowly on a busy two-core machine
ENTRY = "joining-up-care-means-learning-together"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from journal.demo import build

    journal = build(tmp_path_factory.mktemp("serve-browser") / "demo")
    server = Server(journal, port=free_port()).start()
    yield journal, server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served):
    """A fresh tab that can reach only the server (the page's CDN fonts would hang offline)."""
    _, server = served
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(LOAD)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                  else route.abort())
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def open_entry(page, server, journal, entry_id=ENTRY):
    page.goto(server.page_url(page_name(journal.entry(entry_id))), timeout=LOAD)
    page.get_by_placeholder("Leave a thought").wait_for()
    return page


def post(page, name, body):
    page.get_by_placeholder("your name").fill(name)
    page.get_by_placeholder("Leave a thought").fill(body)
    page.locator(".journal-comment-panel button", has_text="Post").click()
    playwright_api.expect(page.locator(".journal-message")).to_contain_text("awaiting moderation", timeout=LOAD)
    playwright_api.expect(page.get_by_placeholder("Leave a thought")).to_have_value("")


def stored(journal, body):
    """The stored comment with this body, read fresh from disk as another process would."""
    frame = Journal.open(journal.path).comments.frame()
    rows = frame[frame["body"] == body].to_dict("records")
    assert len(rows) == 1, f"expected one stored comment {body!r}, found {len(rows)}"
    return rows[0]


def approve(run_cli, journal, comment_id):
    run_cli("comments", "approve", comment_id, "--dir", journal.path, check=True)


def test_index_lists_published_entries_with_approved_counts(page, served):
    journal, server = served
    page.goto(server.page_url(), timeout=LOAD)
    links = page.locator(".journal-index a")
    links.first.wait_for()
    published = journal.entries(published_only=True)
    assert sorted(links.all_inner_texts()) == sorted(e.title for e in published)
    text = page.locator("body").inner_text()
    for draft in (e for e in journal.entries() if not e.published):
        assert draft.title not in text
    approved = journal.comments.counts()[ENTRY]["approved"]
    assert f"{approved} comments" in page.locator(".journal-index-entry", has_text="Joining up care").inner_text()
    page.get_by_role("link", name="Joining up care means learning together").click()
    page.get_by_placeholder("Leave a thought").wait_for()
    assert page.url.endswith(page_name(journal.entry(ENTRY)))


def test_entry_page_shows_prose_citations_references_and_no_code(page, served):
    journal, server = served
    open_entry(page, server, journal)
    assert page.title() == "Joining up care means learning together"
    assert page.locator("h1", has_text="Joining up care means learning together").count() == 1
    citation = page.locator('a.citation[href="#ref-doh2010a"]').first
    assert citation.inner_text() == "(Department of Health, 2010a)"
    references = page.locator("section.references")
    assert references.locator("h2").inner_text() == "References"
    assert "Senge, P.M. (1990) The Fifth Discipline" in references.locator("#ref-senge1990").inner_text()
    body = page.locator("body").inner_text()
    assert "import pandas" not in body and "comment_panel" not in body
    assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
    assert page.locator(".jp-OutputArea-output img").count() >= 1, "the plot output is kept"
    assert page.locator(".journal-comment-panel h3").inner_text().startswith("9 thoughts on")
    assert not page.errors


def test_peer_page_shows_no_moderation_and_no_pending_comments(page, served):
    journal, server = served
    open_entry(page, server, journal)
    hidden = Journal.open(journal.path).comments.frame(entry_id=ENTRY)
    hidden = hidden[hidden["status"] != "approved"]
    assert len(hidden) >= 2, "the demo holds pending and spam comments on this entry"
    panel = page.locator(".journal-comment-panel").inner_text()
    for body in hidden["body"]:
        assert body[:40] not in panel
    assert page.get_by_role("button", name="Moderate comments").count() == 0


def test_name_field_does_not_offer_the_server_login(page, served):
    """The kernel runs as the journal's owner; a visitor must not be offered that login as a name."""
    import getpass

    journal, server = served
    open_entry(page, server, journal)
    assert page.get_by_placeholder("your name").input_value() not in (getpass.getuser(), journal.settings.username)


def test_comment_waits_for_moderation_then_appears_and_takes_a_nested_reply(page, served, run_cli):
    journal, server = served
    open_entry(page, server, journal)
    body = "The root definitions idea helped me with my own placement write-up."
    post(page, "Rosa Visitor", body)
    comment = stored(journal, body)
    assert (comment["status"], comment["author_role"], comment["author_name"]) == ("pending", "peer", "Rosa Visitor")
    assert body not in page.locator(".journal-comment-panel").inner_text()

    approve(run_cli, journal, comment["id"])
    page.reload()
    parent = page.locator(f"#comment-{comment['id']}")
    playwright_api.expect(parent).to_contain_text(body, timeout=LOAD)

    page.locator(f"xpath=//div[@id='comment-{comment['id']}']"
                 "/ancestor::div[contains(concat(' ', @class, ' '), ' widget-html ')][1]"
                 "/following-sibling::button[1]").click()
    playwright_api.expect(page.locator(".journal-comment-panel")).to_contain_text("Replying to Rosa Visitor")
    reply_body = "Same here: drawing the three purposes changed the conversation."
    post(page, "Ola Peer", reply_body)
    reply = stored(journal, reply_body)
    assert reply["parent_id"] == comment["id"] and reply["status"] == "pending"

    approve(run_cli, journal, reply["id"])
    page.reload()
    child = page.locator(f"#comment-{reply['id']}")
    playwright_api.expect(child).to_contain_text(reply_body, timeout=LOAD)
    assert child.bounding_box()["x"] > page.locator(f"#comment-{comment['id']}").bounding_box()["x"] + 10
    ids = page.locator(".journal-comment").evaluate_all("els => els.map(e => e.id)")
    assert ids.index(f"comment-{reply['id']}") == ids.index(f"comment-{comment['id']}") + 1


def test_hostile_comment_runs_no_script_and_shows_as_typed(page, served, run_cli):
    journal, server = served
    open_entry(page, server, journal)
    hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> & <b>bold</b>'
    name = '<svg onload="window.__xss=3">Mallory'
    post(page, name, hostile)
    approve(run_cli, journal, stored(journal, hostile)["id"])
    page.reload()
    card = page.locator(f"#comment-{stored(journal, hostile)['id']}")
    card.wait_for(timeout=LOAD)
    assert card.locator(".journal-comment-body").inner_text() == hostile
    assert name in card.inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"], .journal-comment script, .journal-comment svg, .journal-comment b').count() == 0
