"""The comment panel driven as a reader would: set .value, click, read the widgets and the store."""

import ipywidgets as w
import pytest

from journal import Journal
from journal.comments.protocol import Actor
from journal.errors import JournalError
from widgets import CommentPanel, ModerationPanel, cards as render
from widgets.comment_panel import HELD, PUBLISHED

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_BODY = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>"


def walk(widget):
    """Every widget in the tree under `widget`, itself included."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_of(widget) -> str:
    return "\n".join(x.value for x in walk(widget) if isinstance(x, w.HTML))


def assert_no_live_markup(widget):
    html = html_of(widget)
    for tag in ("<img", "<script", "<svg"):
        assert tag not in html.lower(), f"{tag} rendered as markup"


def as_role(path, role, monkeypatch) -> Journal:
    """A fresh Journal (own store) at `path` acting in `role`, like another reader's process."""
    monkeypatch.setenv("JOURNAL_ROLE", role)
    journal = Journal.open(path)
    assert journal.comments.role == role
    return journal


@pytest.fixture
def entry(journal):
    return journal.new_entry("Week <one> & more", date="2026-10-01")


def post(panel, body, name="Priya", email=""):
    panel.name.value, panel.email.value, panel.body.value = name, email, body
    panel.submit_button.click()
    return panel


def test_heading_counts_approved_comments(journal, entry):
    panel = CommentPanel(journal, entry.id)
    assert panel.heading.value == "<h3>No comments yet</h3>"
    post(panel, "First thought.")
    assert panel.last_message == PUBLISHED
    assert panel.heading.value == "<h3>1 thought on “Week &lt;one&gt; &amp; more”</h3>"
    post(panel, "Second thought.", name="Tom")
    assert panel.heading.value.startswith("<h3>2 thoughts on “Week &lt;one&gt;")
    assert "First thought." in html_of(panel.thread) and "Second thought." in html_of(panel.thread)
    assert html_of(panel.thread).index("First thought.") < html_of(panel.thread).index("Second thought.")


def test_peer_comment_waits_and_stays_out_of_sight(journal, entry, monkeypatch):
    peer = as_role(journal.path, "peer", monkeypatch)
    panel = CommentPanel(peer, entry.id)
    post(panel, "A peer's thought.", email="priya@example.org")
    assert panel.last_message == HELD and HELD in panel.message.value
    assert panel.body.value == "" and panel.name.value == "Priya"  # the form clears the comment only
    assert panel.heading.value == "<h3>No comments yet</h3>"
    assert "A peer's thought." not in html_of(panel)
    stored = peer.comments.as_actor(Actor("ada", "author")).frame(entry_id=entry.id)
    assert list(stored["status"]) == ["pending"] and list(stored["author_email"]) == ["priya@example.org"]
    assert list(peer.comments.frame(entry_id=entry.id)["author_email"]) == [""]      # the peer reads none


def test_spam_is_told_the_same_as_pending(journal, entry, monkeypatch):
    journal.settings.comments.disallowed_keys = ["casino"]
    journal.settings.save(journal.path / "journal.toml")
    peer = as_role(journal.path, "peer", monkeypatch)
    panel = CommentPanel(peer, entry.id)
    post(panel, "Win big at the casino tonight")
    assert list(peer.comments.frame(entry_id=entry.id)["status"]) == ["spam"]
    assert panel.last_message == HELD


def test_replies_three_deep_are_indented_under_their_parents(journal, entry):
    panel = CommentPanel(journal, entry.id)
    post(panel, "Level 0.")
    ids = []
    for depth in range(1, 4):
        parent = panel.store.thread(entry.id).iloc[-1]["id"]
        ids.append(parent)
        panel.reply_buttons[str(parent)].click()
        assert panel.replying_to == str(parent) and panel.reply_bar.layout.display == "flex"
        assert panel.submit_button.description == "Post reply"
        post(panel, f"Level {depth}.", name=f"Person {depth}")
        assert panel.replying_to is None and panel.reply_bar.layout.display == "none"
    thread = panel.store.thread(entry.id)
    assert list(thread["depth"]) == [0, 1, 2, 3]
    assert [str(p) for p in thread["parent_id"].iloc[1:]] == [str(i) for i in ids]
    margins = [row.layout.margin for row in panel.thread.children]
    assert margins == ["0.5em 0 0 0em", "0.5em 0 0 2em", "0.5em 0 0 4em", "0.5em 0 0 6em"]
    texts = [html_of(row) for row in panel.thread.children]
    assert all(f"Level {i}." in texts[i] for i in range(4))
    assert "4 thoughts" in panel.heading.value


def test_cancel_reply_posts_at_the_top(journal, entry):
    panel = CommentPanel(journal, entry.id)
    post(panel, "Top.")
    first = str(panel.store.thread(entry.id).iloc[0]["id"])
    panel.reply_to(first)
    assert "Priya" in panel.reply_note.value
    panel.cancel_button.click()
    post(panel, "Also top.")
    assert list(panel.store.thread(entry.id)["depth"]) == [0, 0]


def refused(panel, store, entry_id, keyword, **form):
    """Submit `form` through the panel, expect a refusal mentioning `keyword`; nothing stored, nothing lost."""
    before = len(store.frame())
    form = {"name": "Priya", "email": "", **form}
    panel.name.value, panel.email.value, panel.body.value = form["name"], form["email"], form["body"]
    assert panel.submit() is None
    assert keyword.lower() in panel.last_message.lower()
    assert render.text(panel.last_message) in panel.message.value
    assert panel.body.value == form["body"] and panel.name.value == form["name"]  # nothing typed is lost
    assert len(store.frame()) == before
    return panel.last_message


def test_every_refusal_keeps_the_text_and_shows_the_stores_message(journal, entry, monkeypatch):
    from journal.comments import CommentRefused

    peer = as_role(journal.path, "peer", monkeypatch)
    panel, store = CommentPanel(peer, entry.id), peer.comments
    shown = [
        refused(panel, store, entry.id, "empty", body="  \n "),
        refused(panel, store, entry.id, "too long", body="x" * 70_000),
        refused(panel, store, entry.id, "name", body="Fine.", name=""),
        refused(panel, store, entry.id, "name is too long", body="Fine.", name="n" * 300),
        refused(panel, store, entry.id, "e-mail", body="Fine.", email="not-an-address"),
    ]
    for message, form in zip(shown, [dict(body="  \n "), dict(body="x" * 70_000), dict(name="", body="Fine.")]):
        # The panel shows the store's own words, not a paraphrase.
        with pytest.raises(CommentRefused) as excinfo:
            store.submit(entry.id, **{"name": "Priya", **form})
        assert str(excinfo.value) == message
    post(panel, "My first thought.")
    assert panel.last_message == HELD
    refused(panel, store, entry.id, "too quickly", body="A second thought, straight away.")
    refused(panel, store, entry.id, "duplicate", body="My first thought.")

    # A reply target moderated away by another process after the reader pressed Reply.
    author = as_role(journal.path, "author", monkeypatch)
    target = author.comments.submit(entry.id, name="Sam", body="Author's note.")
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    panel.refresh()
    panel.reply_to(target.id)
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    author.comments.trash(target.id)
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    refused(panel, store, entry.id, "not approved", body="Replying late.", name="Tom", email="tom@example.org")
    assert panel.replying_to == target.id
    panel.refresh_button.click()
    assert panel.replying_to is None and "No comments yet" in panel.heading.value


def test_no_reply_button_where_the_thread_cannot_nest(journal, entry):
    journal.settings.comments.thread_depth = 2
    panel = CommentPanel(journal, entry.id)
    post(panel, "Top.")
    top = str(panel.store.thread(entry.id).iloc[0]["id"])
    panel.reply_to(top)
    post(panel, "Reply.")
    reply = str(panel.store.thread(entry.id).iloc[1]["id"])
    assert top in panel.reply_buttons and reply not in panel.reply_buttons


def test_hostile_names_and_bodies_show_as_text(journal, entry, monkeypatch):
    peer = as_role(journal.path, "peer", monkeypatch)
    post(CommentPanel(peer, entry.id), HOSTILE_BODY, name=HOSTILE_NAME, email="x@example.org")
    author = as_role(journal.path, "author", monkeypatch)
    moderation = ModerationPanel(author)
    assert len(moderation.rows.children) == 1
    assert_no_live_markup(moderation)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_of(moderation)
    moderation.approve(list(moderation.checkboxes))
    panel = CommentPanel(author, entry.id)
    panel.reply_to(str(author.comments.thread(entry.id).iloc[0]["id"]))
    assert_no_live_markup(panel)
    html = html_of(panel)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Replying to <strong>&lt;img" in panel.reply_note.value


def test_links_in_bodies_are_nofollow(journal, entry):
    panel = CommentPanel(journal, entry.id)
    post(panel, "Read https://example.org/paper, it helped.")
    assert ('<a href="https://example.org/paper" rel="nofollow noopener" target="_blank">'
            in html_of(panel.thread))


def test_name_is_prefilled_from_the_hub_user(journal, entry, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "peer")              # a classmate: the hub says who, not by name
    monkeypatch.setenv("JUPYTERHUB_USER", "jdoe")
    assert CommentPanel(journal, entry.id).name.value == "jdoe"
    assert CommentPanel(journal, entry.id, name="").name.value == ""


def test_a_voila_page_does_not_offer_the_server_login_as_a_name(journal, entry, monkeypatch):
    import getpass

    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")  # what Voilà puts in its kernels' environment
    assert CommentPanel(journal, entry.id).name.value == ""
    monkeypatch.setenv("JUPYTERHUB_USER", "jdoe")
    assert CommentPanel(journal, entry.id).name.value == "jdoe"
    monkeypatch.delenv("JUPYTERHUB_USER")
    monkeypatch.delenv("SERVER_SOFTWARE")
    assert CommentPanel(journal, entry.id).name.value == getpass.getuser()


def test_peer_role_has_no_way_to_moderate(journal, entry, monkeypatch):
    peer = as_role(journal.path, "peer", monkeypatch)
    post(CommentPanel(peer, entry.id), "Waiting.")
    panel = CommentPanel(peer, entry.id)
    assert panel.moderate_button is None
    panel.toggle_moderation()
    assert not any(isinstance(x, ModerationPanel) for x in walk(panel))
    descriptions = {x.description for x in walk(panel) if isinstance(x, w.Button)}
    assert not descriptions & {"Moderate comments", "Approve", "Spam", "Trash"}

    moderation = ModerationPanel(peer)
    assert not [x for x in walk(moderation) if isinstance(x, (w.Button, w.Checkbox))]
    assert "Waiting." not in html_of(moderation) and "author and tutors" in html_of(moderation)
    pending = str(peer.comments.frame(status="pending").iloc[0]["id"])
    with pytest.raises(JournalError):
        moderation.approve([pending])
    assert list(peer.comments.frame()["status"]) == ["pending"]


def test_author_and_tutor_reach_moderation_from_the_comment_panel(journal, entry, monkeypatch):
    for role in ("author", "tutor"):
        panel = CommentPanel(as_role(journal.path, role, monkeypatch), entry.id)
        panel.moderate_button.click()
        assert isinstance(panel.moderation_box.children[0], ModerationPanel)
        panel.moderate_button.click()
        assert panel.moderation_box.children == ()


def test_two_panels_see_each_others_approved_comments_after_refresh(journal, entry, monkeypatch):
    mine = CommentPanel(as_role(journal.path, "author", monkeypatch), entry.id)
    theirs = CommentPanel(as_role(journal.path, "tutor", monkeypatch), entry.id)
    post(mine, "From the first panel.", name="Sam")
    assert "From the first panel." not in html_of(theirs)
    theirs.refresh_button.click()
    assert "From the first panel." in html_of(theirs.thread) and "1 thought" in theirs.heading.value
    post(theirs, "From the second panel.", name="Helen")
    mine.refresh()
    assert "From the second panel." in html_of(mine.thread) and "2 thoughts" in mine.heading.value


def test_refresh_keeps_shown_cards_and_closes_the_rest(journal, entry):
    panel = CommentPanel(journal, entry.id)
    post(panel, "Stays.")
    post(panel, "Goes.", name="Tom")
    stays, goes = panel.thread.children
    assert goes.comm is not None
    panel.store.trash(str(panel.store.thread(entry.id).iloc[1]["id"]))
    panel.refresh_button.click()
    assert panel.thread.children == (stays,) and stays.comm is not None
    assert all(widget.comm is None for widget in walk(goes))  # closed, so the kernel can free them


def test_an_edited_comment_shows_its_new_text_after_refresh(journal, entry):
    panel = post(CommentPanel(journal, entry.id), "Lovley post.")
    cid = str(panel.store.thread(entry.id).iloc[0]["id"])
    Journal.open(journal.path).comments.edit(cid, "Lovely post.")   # e.g. `journal comments edit`
    panel.refresh()
    assert "Lovely post." in html_of(panel.thread) and "Lovley" not in html_of(panel.thread)


def test_the_author_is_prefilled_by_name_not_login(journal, entry):
    """journal.toml's author is "Ada Student"; the OS login (root, in CI) is for machines."""
    assert journal.comments.role == "author"
    assert CommentPanel(journal, entry.id).name.value == "Ada Student"
