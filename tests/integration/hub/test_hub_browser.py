"""The course through the hub's login page, in Debian's Chromium: share, comment, moderate, read, download.

One story, in order, as the README's course section tells it:
1. student A shares two entries with `journal share` and A's token;
2. peer B logs in, opens A's entry and comments: it is held;
3. B tries to approve it (refused) and to post as A (impossible);
4. A logs in and approves it on the moderation page;
5. B sees it, and so does tutor T, who downloads A's portfolio PDF.
The README's pictures are taken on the way (docs/course_screenshots.py).
"""

import importlib.util
import io
import os
import re
from pathlib import Path

import pytest

from journal import Journal

playwright_api = pytest.importorskip("playwright.sync_api")
from hub_pages import log_in, xsrf  # noqa: E402  (tests/ is on sys.path: conftest)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]
LIBRARY = """@book{schon1983,
  author = {Schön, Donald A.},
  title = {The Reflective Practitioner: How Professionals Think in Action},
  publisher = {Basic Books},
  address = {New York},
  year = {1983}
}
"""
ENTRIES = [
    ("My first ward round", ["placement", "week-1"], "2026-10-02",
     "I followed my mentor through the morning round and said almost nothing. What struck me was how often "
     "she changed her plan at the bedside: she was, as Schön puts it, reflecting *in* action [@schon1983, p. 49]. "
     "Next week I want to ask her what made her change her mind about the dressing in bay four."),
    ("What my mentor said", ["mentor"], "2026-10-09",
     "My mentor's feedback was kinder than I expected and more specific: I explain procedures well, but I talk "
     "to the chart rather than to the patient. I am going to try handing over at eye level for a week."),
]
COMMENT = "Your ward round story made me rethink my own first week. Did she say why she changed the dressing plan?"
REPLY = "Worth asking her at handover <script>window.pwned = 1</script> (and write down what she says)."


def _pictures():
    spec = importlib.util.spec_from_file_location("course_screenshots", ROOT / "docs" / "course_screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_class_shares_comments_moderates_and_reads_through_the_hub(hub, browser, tmp_path, run_cli):
    pictures, out = _pictures(), Path(os.environ.get("JOURNAL_COURSE_PICTURES") or tmp_path / "pictures")
    a, b, t = "amelia", "bruno", hub.tutors[0]
    a_token = hub.user(a)
    hub.user(b)

    # 1. A shares two entries from her own journal, with her own token.
    journal = Journal.create(tmp_path / a, title="Amelia's placement journal", author="Amelia Hart", username=a)
    journal.library_path.write_text(LIBRARY, encoding="utf-8")
    for title, tags, date, prose in ENTRIES:
        entry = journal.new_entry(title, tags=tags, date=date, status="published")
        entry.notebook["cells"][1]["source"] = prose
        entry.save()
    journal.new_entry("Not ready yet", date="2026-10-10")
    env = {"JUPYTERHUB_API_TOKEN": a_token, "JOURNAL_COURSE_TOKEN": ""}
    run_cli("course", "join", hub.service_url, "--dir", journal.path, env=env, check=True)
    run_cli("share", "my-first-ward-round", "what-my-mentor-said", "--dir", journal.path, env=env, check=True)

    # 2. B logs in, finds A's entry on the class index, comments: it is held.
    peer = log_in(browser, hub, b)
    index = peer.locator("main")
    playwright_api.expect(index).to_contain_text("My first ward round")
    assert "Not ready yet" not in index.inner_text(), "drafts are never shared"
    pictures.shoot(peer, "index", out)
    peer.get_by_role("link", name="My first ward round").first.click()
    peer.wait_for_url(re.compile(rf".*/{a}/my-first-ward-round$"))
    playwright_api.expect(peer.locator(".commenting-as")).to_contain_text(b)
    assert peer.locator("input[name=name]").count() == 0, "on the hub nobody types their name"
    peer.fill("textarea[name=body]", COMMENT)
    # A name slipped into the form by hand (step 3's "post as A") is ignored: the hub says who posts.
    peer.locator("textarea[name=body]").evaluate(
        f"body => body.form.insertAdjacentHTML('beforeend', '<input type=hidden name=name value={a}>')")
    peer.get_by_role("button", name="Post comment").click()
    playwright_api.expect(peer.locator(".journal-message")).to_contain_text("awaiting moderation")
    # Held: B alone sees it, apart from the approved thread and marked as awaiting moderation.
    assert peer.locator(".comments > ol.thread", has_text=COMMENT).count() == 0
    playwright_api.expect(peer.locator(".comments .own-held")).to_contain_text(COMMENT)
    tutor_api = hub.user(t)
    pending = hub.http("GET", f"{hub.service_url}api/comments/{a}?status=pending", token=tutor_api).json()
    assert [(c["author_name"], c["body"], c["status"]) for c in pending] == [(b, COMMENT, "pending")]
    cid = pending[0]["id"]

    # 3. B cannot approve it, neither on the moderation page nor by posting its form by hand ...
    peer.goto(f"{hub.service_url}moderate")
    assert cid not in peer.content() and COMMENT not in peer.content()
    token = xsrf(peer) if peer.locator("input[name=_xsrf]").count() else _entry_xsrf(peer, hub, a)
    forged = peer.request.post(f"{hub.service_url}moderate/{a}/{cid}", form={"_xsrf": token, "action": "approve"},
                               max_redirects=0)
    assert forged.status in (302, 303, 403)
    assert _status(hub, a, cid) == "pending"
    # ... nor post under A's name: the form's name field (added above) and the API's are both ignored.
    as_a = hub.http("POST", f"{hub.service_url}api/comments/{a}", token=hub.tokens[b],
                    data={"entry_id": "what-my-mentor-said", "name": a, "body": "Posted pretending to be Amelia."})
    assert as_a.status in (201, 400), as_a.body[:300]          # 400: too soon after B's first comment
    everything = hub.http("GET", f"{hub.service_url}api/comments/{a}?status=all", token=tutor_api).json()
    assert {c["author_name"] for c in everything} == {b}
    refused = hub.http("POST", f"{hub.service_url}api/comments/{a}/{cid}/approve", token=hub.tokens[b])
    assert refused.status == 403 and refused.json()["kind"] == "moderation"

    # 4. A logs in and approves it on her moderation page.
    author = log_in(browser, hub, a)
    author.goto(f"{hub.service_url}moderate")
    item = author.locator(f"#comment-{cid}")
    playwright_api.expect(item).to_contain_text(COMMENT)
    pictures.shoot(author, "moderation", out)
    item.get_by_role("button", name=f"Approve comment by {b} on My first ward round", exact=True).click()
    playwright_api.expect(author.locator(".journal-message")).to_be_visible()
    assert _status(hub, a, cid) == "approved"

    # 5. B sees it now; so does the tutor, who downloads A's portfolio.
    peer.goto(f"{hub.service_url}j/{a}/my-first-ward-round")
    playwright_api.expect(peer.locator(".comments")).to_contain_text("made me rethink my own first week")
    assert peer.evaluate("window.pwned") is None
    assert "(Schön, 1983, p. 49)" in peer.locator("main").inner_text(), "cited from the shared references"
    peer.reload()                                   # the refusal notice of step 3 is shown once, then gone
    pictures.shoot(peer, "entry", out)
    tutor = log_in(browser, hub, t)
    tutor.goto(f"{hub.service_url}j/{a}/my-first-ward-round")
    playwright_api.expect(tutor.locator(".comments")).to_contain_text("made me rethink my own first week")
    tutor.fill("textarea[name=body]", REPLY)
    tutor.get_by_role("button", name="Post comment").click()
    playwright_api.expect(tutor.locator(".journal-message")).to_contain_text("published")
    tutor.goto(f"{hub.service_url}tutor")
    with tutor.expect_download() as download:
        tutor.locator(f"a[href$='tutor/{a}/portfolio.pdf']").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "My first ward round" in text and "What my mentor said" in text and "Not ready yet" not in text
    # Other people's words are text everywhere: the tutor's reply reaches B as written, and runs nothing.
    peer.goto(f"{hub.service_url}j/{a}/my-first-ward-round")
    playwright_api.expect(peer.locator(".comments")).to_contain_text(REPLY)
    assert peer.evaluate("window.pwned") is None and peer.locator(".comments script").count() == 0
    for page in (peer, author, tutor):
        assert not page.errors
        page.context.close()

    for name in pictures.NAMES.values():
        from PIL import Image

        with Image.open(out / name) as image:
            grey = image.convert("L")
            assert grey.width >= 800 and grey.height >= 300, name
            low, high = grey.getextrema()
            assert high - low > 100, f"{name} is blank"


def _entry_xsrf(page, hub, login):
    """The XSRF token of a form the peer may use (an entry page's comment form)."""
    page.goto(f"{hub.service_url}j/{login}/my-first-ward-round")
    return xsrf(page)


def _status(hub, login, cid):
    answer = hub.http("GET", f"{hub.service_url}api/comments/{login}/{cid}", token=hub.user(hub.tutors[0]))
    return answer.json()["status"]
