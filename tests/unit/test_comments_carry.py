"""What a journal's own comment log may bring to a course when it joins (no server)."""

from journal.comments.carry import carried
from journal.comments.model import FIELDS


def event(kind="submit", **values):
    row = {name: "" for name in FIELDS}
    row.update({"id": "c1", "entry_id": "week-1", "author_name": "Tina Tutor", "author_role": "tutor",
                "body": "Well argued.", "submitted_at": "2026-10-05T10:00:00Z", "status": "approved", **values})
    return [kind, *(row[name] for name in FIELDS)]


def test_a_carried_comment_never_speaks_as_a_tutor():
    rows = carried([event()], held=lambda cid: False)
    assert [row.author_role for _, row in rows] == ["peer"]
    assert rows[0][1].author_name == "Tina Tutor" and rows[0][1].status == "approved"


def test_the_authors_own_and_peers_comments_keep_their_roles():
    rows = carried([event(), event(id="c2", author_role="author"), event(id="c3", author_role="peer")],
                   held=lambda cid: cid == "c1")
    assert [(row.id, row.author_role) for _, row in rows] == [("c2", "author"), ("c3", "peer")]
