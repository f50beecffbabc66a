"""Several processes writing one comment log at once, and a writer killed mid-stream."""

import os
import signal
import subprocess
import sys
import textwrap
import warnings

from journal.comments import CommentStore, log

WRITER = textwrap.dedent("""
    import sys
    from journal import Journal
    journal = Journal.open(sys.argv[1])
    store = journal.comments
    worker, count = sys.argv[2], int(sys.argv[3])
    sys.stdin.readline()                       # start together
    for i in range(count):
        c = store.submit(f"entry-{i % 5}", name=f"Peer {worker}-{i}", body=f"Comment {worker}/{i}, \\"quoted\\"\\nline")
        print(c.id, flush=True)
""")


def _writers(journal, n, count, role="peer"):
    env = {**os.environ, "JOURNAL_ROLE": role}
    return [subprocess.Popen([sys.executable, "-c", WRITER, str(journal.path), str(w), str(count)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for w in range(n)]


def test_eight_processes_submitting_250_each_store_exactly_2000(journal):
    procs = _writers(journal, 8, 250)
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    printed = []
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0
        printed += out.split()
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # no torn or damaged record
        frame = CommentStore(journal.comments_path, journal.settings).frame()
    assert len(frame) == 2000 == len(printed)
    assert set(frame["id"]) == set(printed)
    assert frame["id"].is_unique
    assert set(frame["body"].str.split(",").str[0]) == {f"Comment {w}/{i}" for w in range(8) for i in range(250)}
    got = log.read(journal.comments_path)
    assert got.end == got.size and not got.skipped and len(got.records) == 2000


def test_a_writer_killed_mid_stream_loses_no_returned_comment(journal):
    (proc,) = _writers(journal, 1, 100_000, role="author")
    proc.stdin.write("go\n")
    proc.stdin.flush()
    returned = [proc.stdout.readline().strip() for _ in range(150)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    returned += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    store = CommentStore(journal.comments_path, journal.settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # a torn tail, if the kill tore one, is reported and set aside
        ids = set(store.frame()["id"])
    assert set(returned) <= ids
    assert len(ids) - len(returned) <= 1        # at most the record written when the kill came
    got = log.read(journal.comments_path)
    assert got.end == got.size and not got.skipped
    assert store.submit("entry-0", name="After", body="the store still works").status == "approved"
