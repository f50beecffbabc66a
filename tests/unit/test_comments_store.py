"""The comment store: the fold, threads, counts, the tail cache, torn and damaged records."""

import csv
import secrets
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.comments import CommentNotFound, CommentRefused, CommentStore, LogDamaged, ModerationRefused, log


@pytest.fixture
def store(journal):
    return journal.comments


def fresh(store):
    """A second store on the same file, as another process would open it."""
    return CommentStore(store.path, store.settings)


def test_fold_last_event_wins_and_restore_returns_the_earlier_status(store):
    c = store.submit("e", name="A", body="hello", role="peer")
    assert c.status == "pending"
    assert store.spam(c.id).status == "spam"
    assert store.trash(c.id).status == "trash"
    assert store.restore(c.id).status == "pending"      # back to what it was before spam
    store.approve(c.id)
    store.trash(c.id)
    again = fresh(store).restore(c.id)
    assert (again.status, again.reason) == ("approved", "restored by the author")
    kinds = [line.split(",")[0] for line in store.path.read_text().splitlines()[1:]]
    assert kinds == ['"submit"', '"spam"', '"trash"', '"restore"', '"approve"', '"trash"', '"restore"']


def test_moderating_twice_appends_nothing(store):
    c = store.submit("e", name="A", body="hello", role="peer")
    store.approve(c.id)
    size = store.path.stat().st_size
    store.approve(c.id)
    store.restore(c.id)
    assert store.path.stat().st_size == size


def test_edit_changes_the_text_keeps_status_and_parent_and_survives_a_reload(store, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")          # the user who edits, as a hub would set it
    top = store.submit("e", name="A", body="top")
    reply = store.submit("e", name="B", body="teh reply", reply_to=top.id)
    edited = store.edit(reply.id, 'the reply, "fixed"\nline two')
    assert (edited.body, edited.status, edited.parent_id) == ('the reply, "fixed"\nline two', "approved", top.id)
    assert (edited.status_by, edited.reason) == ("ada", "edited by the author")
    assert edited.status_at > reply.status_at and edited.submitted_at == reply.submitted_at
    assert store.thread("e")["body"].tolist() == ["top", 'the reply, "fixed"\nline two']
    assert store.thread("e")["depth"].tolist() == [0, 1]
    assert store.frame().set_index("id").loc[reply.id, "body"] == 'the reply, "fixed"\nline two'
    assert fresh(store).get(reply.id) == edited
    assert fresh(store).thread("e")["body"].tolist() == ["top", 'the reply, "fixed"\nline two']
    with open(store.path, newline="", encoding="utf-8") as fh:
        records = list(csv.reader(fh))[1:]
    assert [r[0] for r in records] == ["submit", "submit", "edit"]
    assert records[1][7] == "teh reply"      # the first text stays in the log


def test_edit_keeps_a_pending_comment_pending_and_restore_still_works(store):
    c = store.submit("e", name="P", body="wait", role="peer")
    assert store.edit(c.id, "waiting").status == "pending"
    store.trash(c.id)
    back = store.restore(c.id)
    assert (back.status, back.body) == ("pending", "waiting")


def test_history_keeps_every_text(store):
    c = store.submit("e", name="A", body="first text")
    store.edit(c.id, "second text")
    store.approve(c.id)                     # already approved: nothing appended
    store.trash(c.id)
    history = fresh(store).history(c.id)
    assert [(h["kind"], h["body"], h["status"]) for h in history] == [
        ("submit", "first text", "approved"), ("edit", "second text", "approved"), ("trash", "", "trash")]
    assert history[1]["reason"] == "edited by the author" and history[1]["id"] == c.id
    assert store.history(store.submit("e", name="B", body="other").id)[0]["body"] == "other"
    with pytest.raises(CommentNotFound, match="no comment 'nope'"):
        store.history("nope")


def test_an_edit_that_changes_nothing_appends_nothing(store):
    c = store.submit("e", name="A", body="same")
    size = store.path.stat().st_size
    assert store.edit(c.id, "same") == store.get(c.id)
    assert store.path.stat().st_size == size


def test_edit_is_refused_for_a_peer_and_for_bad_text(store, monkeypatch):
    c = store.submit("e", name="A", body="kept")
    size = store.path.stat().st_size
    with pytest.raises(CommentRefused, match=r"^Your comment is empty: write something before sending it\.$"):
        store.edit(c.id, " \n")
    with pytest.raises(CommentRefused, match=r"^Your comment is too long: 65,526 characters, and the limit is 65,525\.$"):
        store.edit(c.id, "x" * 65_526)
    with pytest.raises(CommentNotFound, match="no comment 'nope'"):
        store.edit("nope", "text")
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    with pytest.raises(ModerationRefused, match=r"^Only the journal's author or a tutor can moderate comments; "
                                                r"this process acts as a peer\.$"):
        store.edit(c.id, "changed by a peer")
    assert store.path.stat().st_size == size and fresh(store).get(c.id).body == "kept"
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")     # a tutor may, and the limit itself is allowed
    assert store.edit(c.id, "y" * 65_525).reason == "edited by the tutor"


def test_a_version_without_edit_still_loads_a_log_that_has_edits(store, monkeypatch):
    c = store.submit("e", name="A", body="original")
    store.edit(c.id, "edited")
    store.approve(store.submit("e", name="B", body="later", role="peer").id)
    monkeypatch.setattr(log, "KINDS", ("submit", "approve", "spam", "trash", "restore"))
    older = fresh(store)
    assert older.frame()["body"].tolist() == ["original", "later"]
    assert older.frame()["status"].tolist() == ["approved", "approved"]


def test_unknown_id_is_reported(store):
    with pytest.raises(CommentNotFound, match="no comment 'nope' in .*comments.csv"):
        store.approve("nope")


def test_thread_is_display_order_with_depth_and_clamped(store, journal):
    journal.settings.comments.thread_depth = 3
    top = store.submit("e", name="A", body="top")
    other = store.submit("e", name="B", body="second top")
    chain = [top]
    for i in range(4):
        chain.append(store.submit("e", name=f"R{i}", body=f"reply {i}", reply_to=chain[-1].id))
    store.submit("e", name="P", body="pending one", role="peer")
    store.submit("elsewhere", name="A", body="other entry")
    thread = store.thread("e")
    assert list(thread["body"]) == ["top", "reply 0", "reply 1", "reply 2", "reply 3", "second top"]
    assert list(thread["depth"]) == [0, 1, 2, 2, 2, 0]
    assert thread["depth"].dtype == "int64"
    store.trash(chain[1].id)                # its reply moves up to the nearest approved comment
    thread = store.thread("e")
    assert list(zip(thread["body"], thread["depth"])) == [("top", 0), ("reply 1", 1), ("reply 2", 2),
                                                          ("reply 3", 2), ("second top", 0)]
    assert other.id in set(thread["id"])
    assert store.thread("no-such-entry").empty


def test_counts_and_frame(store):
    a = store.submit("e1", name="A", body="one")
    p = store.submit("e1", name="B", body="two", role="peer")
    store.submit("e2", name="C", body="three", role="peer")
    store.spam(p.id)
    assert store.counts("e1") == {"pending": 0, "approved": 1, "spam": 1, "trash": 0}
    assert store.counts() == {"e1": {"pending": 0, "approved": 1, "spam": 1, "trash": 0},
                              "e2": {"pending": 1, "approved": 0, "spam": 0, "trash": 0}}
    assert store.counts("none") == {"pending": 0, "approved": 0, "spam": 0, "trash": 0}
    frame = store.frame()
    assert list(frame.columns) == ["id", "entry_id", "parent_id", "author_name", "author_email", "author_role",
                                   "body", "submitted_at", "status", "status_at", "status_by", "reason"]
    assert list(frame["id"]) == sorted(frame["id"]) and len(frame) == 3
    assert list(store.frame(status="approved")["id"]) == [a.id]
    assert len(store.frame(status=["pending", "spam"], entry_id="e1")) == 1
    assert frame["submitted_at"].str.endswith("+00:00").all()


def test_another_process_sees_appends_by_reading_only_the_tail(store, monkeypatch):
    reader = fresh(store)
    assert reader.counts() == {}
    store.submit("e", name="A", body="first")
    assert reader.counts("e")["approved"] == 1
    offsets = []
    real = log.read
    monkeypatch.setattr(log, "read", lambda path, offset=0, line=1: offsets.append(offset) or real(path, offset, line))
    c = store.submit("e", name="B", body="second", role="peer")
    reader.refresh()
    reader.refresh()                         # nothing new: the file is not even read
    assert offsets[-1:] == [store.path.stat().st_size - len(log.encode("submit", c.row()))]
    assert reader.counts("e") == {"pending": 1, "approved": 1, "spam": 0, "trash": 0}


def test_a_view_for_another_actor_shares_the_fold_and_reads_nothing_again(store, monkeypatch):
    from journal.comments import Actor

    c = store.submit("e", name="A", body="first")
    reads = []
    real = log.read
    monkeypatch.setattr(log, "read", lambda *a: reads.append(a) or real(*a))
    peer = store.as_actor(Actor("sam", "peer"))
    assert peer.get(c.id).body == c.body and len(peer) == 1 and reads == []
    mine = peer.submit("e", name="Sam", body="second")
    assert store.get(mine.id) == mine and reads == []           # the writer's fold is the reader's fold
    assert peer.problems is store.problems and peer.path == store.path


NASTY = ["NA", "null", "", "  lead", "a,b", 'say "hi"', "line\nbreak", "cr\ronly", "crlf\r\n", "=SUM(A1)",
         "+1", "-1", "@x", "\ttab", "<script>alert(1)</script>", "é漢字🙂", "\x01soh", "#hash", "\u2028", "'"]


@pytest.mark.parametrize("pandas_path", [False, True])
def test_nasty_text_round_trips_through_both_readers(store, monkeypatch, pandas_path):
    monkeypatch.setattr(log, "PANDAS_BYTES", 0 if pandas_path else 1 << 40)
    if not pandas_path:
        monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    ids = {store.submit("e", name=f"n{i} {text}", body=f"b {text}", email="").id: text
           for i, text in enumerate(NASTY)}
    again = fresh(store)
    for cid, text in ids.items():
        assert again.get(cid).body == f"b {text}"
        assert again.get(cid).author_name.endswith(text.strip())


# Any text a person can type and a store can keep: no lone surrogates, no NUL (both refused by the rules).
STORABLE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
                   max_size=300).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=STORABLE, edited=STORABLE,
       prefix=st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", '"', "<script>", "\n"]))
def test_any_unicode_body_round_trips_exactly_as_submitted_and_as_edited(journal, body, edited, prefix):
    body, edited = prefix + body, prefix + edited
    store = journal.comments
    entry = secrets.token_hex(6)            # one entry per example: a repeated body is not a duplicate
    c = store.submit(entry, name="Prop", body=body)
    assert fresh(store).get(c.id).body == body
    assert store.frame(entry_id=entry).set_index("id").loc[c.id, "body"] == body
    store.edit(c.id, edited)
    assert fresh(store).get(c.id).body == edited
    assert store.thread(entry)["body"].tolist() == [edited]
    assert [h["body"] for h in store.history(c.id)][0] == body


def _torn(store, cut):
    """Append part of a record as a killed writer would leave it."""
    record = log.encode("submit", ("0" * 14 + "-abcdef", "e", "", "X", "", "peer", 'torn, "body"\nline two',
                                   "t", "pending", "t", "rules", "r"))
    with open(store.path, "ab") as fh:
        fh.write(record[:cut])
    return record[:cut]


@pytest.mark.parametrize("cut", [5, 60, 95, -3, -1])
def test_a_torn_tail_is_set_aside_and_everything_before_is_kept(store, cut):
    kept = [store.submit("e", name=f"A{i}", body=f"kept {i},\n\"q\"").id for i in range(3)]
    size = store.path.stat().st_size
    torn = _torn(store, cut)
    reader = fresh(store)
    with pytest.warns(LogDamaged, match="unfinished record at line 8 .* moved to comments.csv.rejected"):
        assert list(reader.frame()["id"]) == kept
    assert store.path.stat().st_size == size
    assert store.path.with_name("comments.csv.rejected").read_bytes().startswith(torn)
    assert len(reader.problems) == 1
    new = fresh(store).submit("e", name="After", body="after the crash")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert list(fresh(store).frame()["id"]) == kept + [new.id]


def test_a_writer_in_this_process_repairs_before_appending(store):
    store.submit("e", name="A", body="kept")
    _torn(store, 70)
    with pytest.warns(LogDamaged):
        store.submit("e", name="B", body="next")
    assert [c for c in fresh(store).frame()["body"]] == ["kept", "next"]


def test_a_damaged_middle_record_is_skipped_and_reported(store):
    for i in range(3):
        store.submit("e", name=f"A{i}", body=f"body {i}")
    text = store.path.read_text()
    store.path.write_text(text.replace("body 1", "body X"))
    reader = fresh(store)
    with pytest.warns(LogDamaged, match=r"line 3: damaged record \(checksum does not match\); it was skipped"):
        assert list(reader.frame()["body"]) == ["body 0", "body 2"]


def test_a_file_that_is_not_a_log_is_refused_with_its_name(store):
    store.path.write_text("name,comment\nA,hello\n")
    with pytest.raises(Exception, match="comments.csv: not a comment log"):
        fresh(store).counts()
