"""Deadline snapshots: a copy and a content hash per entry, never replaced, for one journal or a class."""

import json

from journal.feedback import snapshot


def test_snapshot_copies_and_hashes_published_entries(run_cli, journal):
    week = journal.new_entry("Week one", date="2026-10-01", status="published")
    journal.new_entry("Private draft", date="2026-10-02")
    out = run_cli("snapshot", "--label", "week-1", "--dir", journal.path, check=True).stdout
    assert "week-1  1 entries" in out
    snap = snapshot.load(journal, "week-1")
    assert list(snap.entries) == ["week-one"]
    assert (snap.path / week.path.name).read_bytes() == week.path.read_bytes()
    assert snap.hash_of("week-one") == snapshot.content_hash(week)
    again = run_cli("snapshot", "--label", "week-1", "--dir", journal.path)
    assert again.returncode == 1 and "never replaced" in again.stderr
    assert json.loads((snap.path / "manifest.json").read_text())["entries"]["week-one"]["title"] == "Week one"
    listed = run_cli("snapshot", "--list", "--dir", journal.path, check=True).stdout
    assert "week-1" in listed and "1 entries" in listed


def test_content_hash_ignores_outputs_but_not_words(journal):
    entry = journal.new_entry("Week one", date="2026-10-01", status="published")
    before = snapshot.content_hash(entry)
    entry.notebook["cells"][-1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran"}]
    entry.notebook["cells"][-1]["execution_count"] = 3
    assert snapshot.content_hash(entry) == before
    entry.notebook["cells"][1]["source"] = entry.notebook["cells"][1]["source"].splitlines(keepends=True)
    assert snapshot.content_hash(entry) == before            # a list of lines is the same text
    entry.notebook["cells"][1]["source"] = "".join(entry.notebook["cells"][1]["source"]) + " One more thought."
    assert snapshot.content_hash(entry) != before


def test_class_snapshot_and_bad_label(run_cli, tmp_path):
    from journal.demo.classroom import build_class

    journals = build_class(tmp_path / "class", students=3, entries=2)
    run_cli("snapshot", "--class", tmp_path / "class", "--label", "deadline-1", check=True)
    assert all(snapshot.latest(j).label == "deadline-1" for j in journals)
    bad = run_cli("snapshot", "--label", "../escape", "--dir", journals[0].path)
    assert bad.returncode == 1 and "snapshot label '../escape'" in bad.stderr
