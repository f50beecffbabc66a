"""When the system refuses the log (immutable, full disk, size limit, a path through a file): one clear error.

Tests run as root, who may write a file whatever its mode bits say, so each refusal here is one
that holds for root too: the immutable attribute (`chattr +i`), /dev/full, RLIMIT_FSIZE, and a
path whose parent is a file. A torn tail that cannot be set aside is reported once and never
copied to `.rejected` again.
"""

import os
import subprocess
import sys
import textwrap
import warnings

import pytest

from immutable_files import immutable
from journal.comments import CommentStore, LogDamaged, StoreUnavailable, log


def fresh(store):
    return CommentStore(store.path, store.settings)


@pytest.fixture
def store(journal):
    store = journal.comments
    store.submit("e", name="A", body="kept one")
    store.submit("e", name="B", body="kept two")
    return store


def test_an_immutable_log_refuses_a_submit_and_moderation_with_one_line_naming_it(store):
    before = store.path.read_bytes()
    cid = store.frame()["id"][0]
    with immutable(store.path):
        with pytest.raises(StoreUnavailable) as info:
            store.submit("e", name="C", body="not stored")
        assert str(info.value) == (f"{store.path}: cannot save to the comment log: Operation not permitted "
                                   "(the file or its folder is read-only or immutable)")
        assert "\n" not in str(info.value) and info.value.path == store.path
        with pytest.raises(StoreUnavailable, match="comments.csv: cannot save"):
            store.trash(cid)
        assert list(fresh(store).frame()["body"]) == ["kept one", "kept two"]    # reading still works
    assert store.path.read_bytes() == before
    assert store.trash(cid).status == "trash"          # and writing once it is allowed again


def test_an_immutable_folder_without_a_lock_file_names_the_lock(store):
    os.remove(f"{store.path}.lock")
    with immutable(store.path.parent):
        with pytest.raises(StoreUnavailable, match=r"comments\.csv\.lock: cannot lock the comment log: "):
            fresh(store).submit("e", name="C", body="not stored")


def _tear(store):
    torn = b'"submit","0000-torn","e","","X"'
    with open(store.path, "ab") as fh:
        fh.write(torn)
    return torn


def test_a_torn_tail_in_a_log_that_cannot_be_changed_is_reported_once_and_never_copied(store):
    _tear(store)
    rejected = store.path.with_name("comments.csv.rejected")
    with immutable(store.path):
        reader = fresh(store)
        with pytest.warns(LogDamaged, match=r"unfinished record at line 4 \(\d+ bytes\) is ignored: it could not "
                                            r"be set aside, comments.csv: Operation not permitted"):
            assert list(reader.frame()["body"]) == ["kept one", "kept two"]
        with warnings.catch_warnings():
            warnings.simplefilter("error")             # the same reader does not report it again
            reader.refresh()
            assert len(reader) == 2
        assert len(reader.problems) == 1
        for _ in range(3):                             # nor does any later reader copy it
            with pytest.warns(LogDamaged):
                assert len(fresh(store)) == 2
        assert not rejected.exists()
    with pytest.warns(LogDamaged, match="moved to comments.csv.rejected"):
        assert len(fresh(store)) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(fresh(store)) == 2
    assert rejected.read_bytes().count(b"0000-torn") == 1


def test_a_tail_copied_by_an_attempt_that_could_not_cut_it_is_not_copied_twice(store):
    torn = _tear(store)
    rejected = store.path.with_name("comments.csv.rejected")
    rejected.write_bytes(b"older\n" + torn + b"\n")
    with pytest.warns(LogDamaged, match="moved to comments.csv.rejected"):
        assert len(fresh(store)) == 2
    assert rejected.read_bytes() == b"older\n" + torn + b"\n"


def test_a_full_disk_refuses_the_first_comment_with_one_line(journal):
    os.symlink("/dev/full", journal.comments_path)
    with pytest.raises(StoreUnavailable) as info:
        journal.comments.submit("e", name="A", body="no room")
    assert str(info.value) == (f"{journal.comments_path}: cannot save to the comment log: No space left on device "
                               "(the disk is full)")


def test_a_path_through_a_file_is_refused_naming_the_log(journal):
    blocker = journal.path / "not-a-folder"
    blocker.write_text("a file")
    store = CommentStore(blocker / "comments.csv", journal.settings)
    with pytest.raises(StoreUnavailable, match=r"not-a-folder/comments\.csv: cannot read the comment log: "
                                               r"Not a directory \(a part of the path is a file, not a folder\)"):
        len(store)
    with pytest.raises(StoreUnavailable, match=r"not-a-folder/comments\.csv"):
        store.submit("e", name="A", body="nowhere")


SIZE_LIMITED = textwrap.dedent("""
    import resource, signal, sys
    from journal import Journal
    from journal.comments import StoreUnavailable
    journal = Journal.open(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # then a write past the limit fails with EFBIG
    size = journal.comments_path.stat().st_size
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 200, size + 200))
    try:
        journal.comments.submit("e", name="Big", body="x" * 5000)
    except StoreUnavailable as exc:
        print(exc)
""")


def test_a_write_cut_short_by_a_size_limit_leaves_no_torn_record(store):
    before = store.path.read_bytes()
    out = subprocess.run([sys.executable, "-c", SIZE_LIMITED, str(store.path.parent)], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "JOURNAL_ROLE": "author"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == (f"{store.path}: cannot save to the comment log: File too large "
                                  "(the file has reached its size limit)")
    assert store.path.read_bytes() == before            # the part that fitted was cut off again
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(fresh(store)) == 2


def test_log_read_of_a_folder_is_a_store_error_not_a_traceback(tmp_path):
    with pytest.raises(StoreUnavailable, match="cannot read the comment log: Is a directory"):
        log.read(tmp_path)
