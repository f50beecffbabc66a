"""`journal comments` end to end, and the demo journal's comments in `journal list`."""

import csv
import json
import subprocess
import sys

import pytest


@pytest.fixture
def entry(journal):
    return journal.new_entry("Week one", date="2026-10-01")


def test_submit_list_and_moderate(run_cli, journal, entry):
    peer = {"JOURNAL_ROLE": "peer"}
    out = run_cli("comments", "submit", entry.path.name, "--name", "Priya", "--email", "p@example.org", "--text",
                  'Lovely, "honest"\npost', "--dir", journal.path, env=peer, check=True).stdout
    cid, status, reason = out.split(maxsplit=2)
    assert (status, reason.strip()) == ("pending", "(moderation: all)")
    listed = run_cli("comments", "list", "--status", "pending", "--dir", journal.path, check=True).stdout
    assert cid in listed and 'Priya (peer): Lovely, "honest" post' in listed
    refused = run_cli("comments", "approve", cid, "--dir", journal.path, env=peer)
    assert refused.returncode == 1
    assert refused.stderr.strip() == ("journal: error: Only the journal's author or a tutor can moderate comments; "
                                      "this process acts as a peer.")
    typo = run_cli("comments", "approve", cid, "nope", "--dir", journal.path)
    assert typo.returncode == 1 and "no comment 'nope'" in typo.stderr
    assert journal.comments.get(cid).status == "pending"     # a typo changes nothing
    assert run_cli("comments", "--dir", journal.path, "approve", cid, check=True).stdout.split() == [cid, "approved"]
    data = json.loads(run_cli("comments", "list", "week-one", "--json", "--dir", journal.path, check=True).stdout)
    assert [(d["id"], d["status"], d["body"]) for d in data] == [(cid, "approved", 'Lovely, "honest"\npost')]
    reply = subprocess.run([sys.executable, "-m", "journal", "comments", "submit", "week-one", "--name", "Ada",
                            "--text", "-", "--reply-to", cid, "--dir", str(journal.path)],
                           input="Thank you,\nPriya", capture_output=True, text=True, check=True).stdout
    assert reply.split()[1] == "approved"
    assert journal.comments.thread("week-one")["body"].tolist()[-1] == "Thank you,\nPriya"
    assert journal.comments.thread("week-one")["depth"].tolist() == [0, 1]


def test_refusals_and_unknown_entries_are_one_line_errors(run_cli, journal, entry):
    empty = run_cli("comments", "submit", "week-one", "--name", "A", "--text", " ", "--dir", journal.path)
    assert (empty.returncode, empty.stderr) == (1, "journal: error: Your comment is empty: write something "
                                                   "before sending it.\n")
    missing = run_cli("comments", "submit", "no-entry", "--name", "A", "--text", "hi", "--dir", journal.path)
    assert missing.returncode == 1 and "no entry 'no-entry'" in missing.stderr
    assert not journal.comments_path.exists()


def test_list_escapes_control_characters(run_cli, journal, entry):
    journal.comments.submit("week-one", name="Evil\x1b[2J", body="hi\x1b]0;title\x07 \u202eevil")
    out = run_cli("comments", "list", "--dir", journal.path, check=True).stdout
    assert "\x1b" not in out and "\u202e" not in out
    assert "Evil\\x1b[2J" in out and "\\u202e" in out


def test_export_neutralises_formulas(run_cli, journal, entry, tmp_path):
    bodies = ["=HYPERLINK(\"http://evil.example\")", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "plain, \"text\""]
    for i, body in enumerate(bodies):
        journal.comments.submit("week-one", name=f"=Name{i}" if i == 0 else f"N{i}", body=body)
    target = tmp_path / "out.csv"
    out = run_cli("comments", "export", "--csv", target, "--status", "approved", "--dir", journal.path, check=True)
    assert out.stdout.strip() == f"7 comments written to {target}"
    with open(target, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["body"] for r in rows] == ["'" + b for b in bodies[:-1]] + [bodies[-1]]
    assert rows[0]["author_name"] == "'=Name0"


def test_demo_store_has_every_kind_of_comment_and_list_shows_counts(demo, run_cli):
    store = demo.comments
    counts = store.counts()
    total = {s: sum(c[s] for c in counts.values()) for s in ("approved", "pending", "spam")}
    assert total == {"approved": 11, "pending": 2, "spam": 1}
    frame = store.frame()
    assert set(frame["author_role"]) == {"peer", "author", "tutor"}
    assert frame["author_name"][frame["author_role"] == "peer"].nunique() >= 4
    thread = store.thread("joining-up-care-means-learning-together")
    assert thread["depth"].max() == 3
    assert (frame["submitted_at"] > "2026").all() and frame["id"].is_monotonic_increasing
    listing = json.loads(run_cli("list", "--json", "--dir", demo.path, check=True).stdout)
    shown = {row["id"]: (row["approved"], row["pending"]) for row in listing}
    assert shown["joining-up-care-means-learning-together"] == (9, 1)
    assert shown["a-discharge-meeting-that-did-not-go-to-plan"] == (2, 1)
    table = run_cli("list", "--dir", demo.path, check=True).stdout
    assert any(line.split()[4:6] == ["9", "1"] for line in table.splitlines())


def test_edit_round_trip(run_cli, journal, entry):
    cid = journal.comments.submit("week-one", name="Priya", body="Lovley post", role="peer").id
    out = run_cli("comments", "edit", cid, "--text", "Lovely post", "--dir", journal.path, check=True).stdout
    assert out.split() == [cid, "pending", "edited"]
    again = run_cli("comments", "edit", cid, "--text", "Lovely post", "--dir", journal.path, check=True).stdout
    assert again.split() == [cid, "pending", "unchanged"]
    piped = subprocess.run([sys.executable, "-m", "journal", "comments", "edit", cid, "--text", "-",
                            "--dir", str(journal.path)], input='Lovely, "honest"\npost', capture_output=True,
                           text=True, check=True).stdout
    assert piped.split() == [cid, "pending", "edited"]
    data = json.loads(run_cli("comments", "list", "--json", "--dir", journal.path, check=True).stdout)
    assert [(d["body"], d["status"], d["reason"]) for d in data] == [
        ('Lovely, "honest"\npost', "pending", "edited by the author")]
    assert [h["body"] for h in journal.comments.history(cid)] == ["Lovley post", "Lovely post",
                                                                  'Lovely, "honest"\npost']
    peer = run_cli("comments", "edit", cid, "--text", "mine now", "--dir", journal.path, env={"JOURNAL_ROLE": "peer"})
    assert (peer.returncode, peer.stderr) == (1, "journal: error: Only the journal's author or a tutor can moderate "
                                                 "comments; this process acts as a peer.\n")
    empty = run_cli("comments", "edit", cid, "--text", "", "--dir", journal.path)
    assert (empty.returncode, empty.stderr) == (1, "journal: error: Your comment is empty: write something "
                                                   "before sending it.\n")
    missing = run_cli("comments", "edit", "nope", "--text", "x", "--dir", journal.path)
    assert missing.returncode == 1 and "no comment 'nope'" in missing.stderr
    assert journal.comments.get(cid).body == 'Lovely, "honest"\npost'


def test_list_takes_an_entry_by_file_name_and_names_an_unknown_one(run_cli, journal, entry):
    cid = journal.comments.submit("week-one", name="Priya", body="Lovely post").id
    listed = run_cli("comments", "list", entry.path.name, "--dir", journal.path, check=True).stdout
    assert cid in listed
    missing = run_cli("comments", "list", "week-two", "--dir", journal.path)
    assert missing.returncode == 1 and "no entry 'week-two'" in missing.stderr


def test_list_still_shows_comments_of_a_deleted_entry(run_cli, journal, entry):
    cid = journal.comments.submit("week-one", name="Priya", body="Lovely post").id
    entry.path.unlink()
    assert cid in run_cli("comments", "list", "week-one", "--dir", journal.path, check=True).stdout


def test_export_to_an_unwritable_place_is_a_one_line_error(run_cli, journal, entry, tmp_path):
    journal.comments.submit("week-one", name="Priya", body="Lovely post")
    target = tmp_path / "no-such-folder" / "out.csv"
    out = run_cli("comments", "export", "--csv", target, "--dir", journal.path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"journal: error: {target}: ")


def test_a_log_the_system_refuses_is_one_line_naming_it(run_cli, journal, entry):
    import shutil

    cid = journal.comments.submit("week-one", name="Priya", body="Lovely post", role="peer").id
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(journal.comments_path)]).returncode:
        pytest.skip("no immutable attribute on this file system (root ignores mode bits, so nothing else refuses)")
    try:
        for args in (("submit", "week-one", "--name", "Sam", "--text", "hello"), ("approve", cid)):
            out = run_cli("comments", *args, "--dir", journal.path)
            assert (out.returncode, out.stdout) == (1, "")
            assert out.stderr == (f"journal: error: {journal.comments_path}: cannot save to the comment log: "
                                  "Operation not permitted (the file or its folder is read-only or immutable)\n")
    finally:
        subprocess.run(["chattr", "-i", str(journal.comments_path)], check=True)
    assert journal.comments.get(cid).status == "pending"


def test_damage_is_one_warning_line_per_damaged_record_and_nothing_is_lost(run_cli, journal, entry):
    ids = [journal.comments.submit("week-one", name=f"N{i}", body=f"comment {i}").id for i in range(5)]
    lines = journal.comments_path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"comment 1", b"comment X")
    lines[4] = lines[4][:-1]                        # the closing quote of line 5 is gone
    journal.comments_path.write_bytes(b"\n".join(lines))
    out = run_cli("comments", "list", "--dir", journal.path, check=True)
    assert out.stderr.splitlines() == [
        f"journal: warning: {journal.comments_path}: line 3: damaged record (checksum does not match); it was skipped (it stays in "
        "the file; every record that verifies is kept)",
        f"journal: warning: {journal.comments_path}: line 5: damaged record (not a complete record); it was skipped (it stays in "
        "the file; every record that verifies is kept)"]
    assert [i for i in ids if i in out.stdout] == [ids[0], ids[2], ids[4]]
    assert not journal.comments_path.with_name("comments.csv.rejected").exists()
