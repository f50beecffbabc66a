"""`journal report --class DIR --group NAME --roster CSV`: one tutor group's participation."""

import csv

import pytest

from journal import Journal


@pytest.fixture
def classroom(tmp_path):
    from journal.demo.classroom import build_class

    build_class(tmp_path / "class", students=4, entries=2)
    logins = sorted(Journal.open(p).settings.username for p in (tmp_path / "class").iterdir())
    rows = ["login,name,group"] + [f"{login},,{'A' if n % 2 else 'B'}" for n, login in enumerate(logins)]
    (tmp_path / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path / "class", {login for n, login in enumerate(logins) if n % 2}


def test_a_report_of_one_group_counts_its_students_only(run_cli, classroom, tmp_path):
    folder, group_a = classroom
    out = tmp_path / "out"
    proc = run_cli("report", "--class", folder, "--group", "A", "--roster", tmp_path / "roster.csv", "--out", out,
                   "--to", "html", env={"JOURNAL_ROLE": "tutor"}, check=True)
    assert "participation-A.csv" in proc.stdout
    with open(out / "participation-A.csv", encoding="utf-8", newline="") as fh:
        assert {r["login"] for r in csv.DictReader(fh)} == group_a
    assert "Participation: group A" in (out / "participation-A.html").read_text(encoding="utf-8")


def test_an_unknown_group_or_a_missing_roster_is_one_line(run_cli, classroom, tmp_path):
    folder, _ = classroom
    unknown = run_cli("report", "--class", folder, "--group", "Z", "--roster", tmp_path / "roster.csv",
                      env={"JOURNAL_ROLE": "tutor"})
    assert unknown.returncode == 1 and "roster.csv: no tutor group 'Z' (the roster's groups: A, B)" in unknown.stderr
    bare = run_cli("report", "--class", folder, "--group", "A", env={"JOURNAL_ROLE": "tutor"})
    assert bare.returncode == 1 and "--group needs --class and the roster" in bare.stderr


def test_with_the_course_folder_the_group_comes_from_the_roster_its_course_toml_names(run_cli, classroom, tmp_path):
    from journal.course.settings import CourseSettings

    folder, group_a = classroom
    (folder / "roster.csv").write_bytes((tmp_path / "roster.csv").read_bytes())
    CourseSettings(title="Reflective practice", tutors=["tina"], roster="roster.csv").save(folder / "course.toml")
    out = tmp_path / "out"
    run_cli("report", "--class", folder, "--course", folder, "--group", "A", "--out", out, "--to", "html",
            env={"JOURNAL_ROLE": "tutor"}, check=True)
    with open(out / "participation-A.csv", encoding="utf-8", newline="") as fh:
        assert {r["login"] for r in csv.DictReader(fh)} == group_a
