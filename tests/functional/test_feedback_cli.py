"""`journal feedback` over a class folder: add, list, release by tag and student, recall, gradebook, bank."""

import csv

import pytest

from journal import Journal
from journal.course.settings import FILENAME as COURSE_FILE

TUTOR = {"JOURNAL_ROLE": "tutor"}


@pytest.fixture
def classroom(tmp_path):
    from journal.demo.classroom import build_class

    folder = tmp_path / "class"
    build_class(folder, students=3, entries=2)
    (folder / COURSE_FILE).write_text(
        '[feedback]\ncriteria = [{ name = "analysis", levels = ["weak", "sound", "strong"] },\n'
        '  { name = "action plan", levels = ["missing", "present"] }]\nbank = ["Link this to your reading."]\n',
        encoding="utf-8")
    return folder


def ids_of(stdout):
    return [line.split()[0] for line in stdout.splitlines() if line and not line.startswith((" ", "No "))]


def test_add_hold_release_by_tag_and_recall(run_cli, classroom):
    logins = sorted(p.name for p in classroom.iterdir() if p.is_dir())
    for login in logins:
        run_cli("feedback", "add", "week-1", "--text", f"=Week one for {login}", "--level", "analysis=sound",
                "--level", "action plan=present", "--dir", classroom / login, env=TUTOR, check=True)
    run_cli("feedback", "add", "--text", "Whole journal.", "--dir", classroom / logins[0], env=TUTOR, check=True)
    listed = run_cli("feedback", "list", "--class", classroom, env=TUTOR, check=True).stdout
    assert listed.count("held") == 4 and "(whole journal)" in listed
    assert run_cli("feedback", "release", "--class", classroom, env=TUTOR).returncode == 1   # nothing chosen
    out = run_cli("feedback", "release", "--class", classroom, "--tag", "week 1", env=TUTOR, check=True).stdout
    assert "3 pieces of feedback released" in out
    author = {"JOURNAL_ROLE": "author"}
    mine = run_cli("feedback", "list", "--dir", classroom / logins[0], env=author, check=True).stdout
    assert "Week one for" in mine and "Whole journal." not in mine                 # held stays hidden
    fid = ids_of(mine)[0]
    run_cli("feedback", "recall", fid, "--dir", classroom / logins[0], env=TUTOR, check=True)
    assert "No feedback." in run_cli("feedback", "list", "--dir", classroom / logins[0], env=author).stdout
    typo = run_cli("feedback", "release", "nope", "--dir", classroom / logins[1], env=TUTOR)
    assert typo.returncode == 1 and "no held feedback nope" in typo.stderr
    out = run_cli("feedback", "release", "--class", classroom, "--student", logins[0], "--all", env=TUTOR,
                  check=True).stdout
    assert "1 pieces of feedback released" in out                                   # the whole-journal piece


def test_an_entry_edited_after_its_snapshot_is_flagged(run_cli, classroom):
    me = classroom / sorted(p.name for p in classroom.iterdir() if p.is_dir())[0]
    run_cli("snapshot", "--label", "deadline", "--dir", me, env=TUTOR, check=True)
    out = run_cli("feedback", "add", "week-1", "--text", "Read at the deadline.", "--dir", me, env=TUTOR,
                  check=True).stdout
    assert "CHANGED SINCE FEEDBACK" not in run_cli("feedback", "list", "--dir", me, env=TUTOR, check=True).stdout
    entry = Journal.open(me).entry("week-1")
    entry.notebook["cells"][1]["source"] += " Added after the deadline."
    entry.save()
    listed = run_cli("feedback", "list", "--dir", me, env=TUTOR, check=True).stdout
    assert "[deadline]" in listed and "CHANGED SINCE FEEDBACK" in listed and out.split()[0] in listed


def test_bad_level_and_peer_refused(run_cli, classroom):
    me = classroom / sorted(p.name for p in classroom.iterdir() if p.is_dir())[0]
    bad = run_cli("feedback", "add", "week-1", "--text", "x", "--level", "analysis=superb", "--dir", me, env=TUTOR)
    assert bad.returncode == 1 and "level must be one of weak, sound, strong" in bad.stderr
    peer = run_cli("feedback", "add", "week-1", "--text", "x", "--dir", me, env={"JOURNAL_ROLE": "peer"})
    assert peer.returncode == 1 and "Only a tutor" in peer.stderr


def test_gradebook_is_spreadsheet_safe(run_cli, classroom, tmp_path):
    logins = sorted(p.name for p in classroom.iterdir() if p.is_dir())
    run_cli("feedback", "add", "week-1", "--text", "=cmd|' /C calc'!A0", "--level", "analysis=strong",
            "--level", "action plan=missing", "--dir", classroom / logins[0], env=TUTOR, check=True)
    out = tmp_path / "grades.csv"
    run_cli("feedback", "export", "--class", classroom, "--csv", out, env=TUTOR, check=True)
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["login"] for r in rows] == logins
    first = rows[0]
    assert (first["analysis"], first["action plan"], first["total"]) == ("strong", "missing", "4")
    assert first["feedback"].startswith("Week 1") and "'=cmd" not in first["feedback"][:1]
    assert not any(cell.startswith("=") for row in rows for cell in row.values())
    assert rows[1]["total"] == "" and rows[1]["feedback"] == ""
    peer = run_cli("feedback", "export", "--class", classroom, "--csv", tmp_path / "p.csv",
                   env={"JOURNAL_ROLE": "peer"})
    assert peer.returncode == 1 and not (tmp_path / "p.csv").exists()


def test_comment_bank_is_kept_per_course(run_cli, classroom):
    me = classroom / sorted(p.name for p in classroom.iterdir() if p.is_dir())[0]
    out = run_cli("feedback", "bank", "--add", "What next?", "--dir", me, env=TUTOR, check=True).stdout
    assert "Link this to your reading." in out and "What next?" in out
    assert "What next?" in (classroom / COURSE_FILE).read_text(encoding="utf-8")
    assert Journal.open(me).settings.feedback.bank == []                # the journal's own stays as it was
    refused = run_cli("feedback", "bank", "--remove", "1", "--dir", me, env={"JOURNAL_ROLE": "author"})
    assert refused.returncode == 1 and "Only a tutor" in refused.stderr
