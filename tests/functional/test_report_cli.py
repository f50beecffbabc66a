"""`journal report`: a class's participation as HTML, PDF and CSV; one journal's own activity."""

import csv

import pytest

from journal import Journal


@pytest.fixture
def classroom(tmp_path):
    from journal.demo.classroom import build_class

    build_class(tmp_path / "class", students=5, entries=3)
    # A name a spreadsheet would run, markup, and a login matplotlib would take for mathematics.
    odd = Journal.create(tmp_path / "class" / "zz", title="Odd", author="=HYPERLINK(\"x\") <script>x</script>",
                         username="zz$x^{$")
    odd.new_entry("Hello", date="2026-10-01", status="published")
    return tmp_path / "class"


def test_class_report_writes_page_pdf_and_csv(run_cli, classroom, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("report", "--class", classroom, "--out", out, "--days", "10", "--as-of", "2026-10-20",
                   env={"JOURNAL_ROLE": "tutor"}, check=True)
    assert all(str(out / f"participation.{ext}") in proc.stdout for ext in ("csv", "html", "pdf"))
    html = (out / "participation.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Not posted in 10 days" in html and html.count("data:image/png;base64,") == 4
    assert (out / "participation.pdf").read_bytes().startswith(b"%PDF")
    with open(out / "participation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["login"] for r in rows} == {p.name for p in classroom.iterdir()} - {"zz"} | {"zz$x^{$"}
    assert {r["name"] for r in rows if r["login"] == "zz$x^{$"} == {"'=HYPERLINK(\"x\") <script>x</script>"}
    assert all(r["entries"].isdigit() for r in rows)


def test_a_peer_gets_no_report(run_cli, classroom, tmp_path):
    proc = run_cli("report", "--class", classroom, "--out", tmp_path / "out", env={"JOURNAL_ROLE": "peer"})
    assert proc.returncode == 1 and "only the journal's author or a tutor" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_my_activity_for_one_journal(run_cli, classroom):
    me = classroom / "bbrooks"
    proc = run_cli("report", "--dir", me, "--to", "html", check=True)
    assert "activity.html" in proc.stdout and not (me / "exports" / "activity.pdf").exists()
    html = (me / "exports" / "activity.html").read_text(encoding="utf-8")
    assert "My activity" in html and "Ben Brooks" in html and "Amara" not in html.split("<h2>Students")[1]


def test_demo_takes_an_author_and_a_login(run_cli, tmp_path):
    run_cli("demo", tmp_path / "d", "--author", "Ada Student", "--username", "ada", "--no-export", check=True)
    journal = Journal.open(tmp_path / "d")
    assert (journal.author, journal.settings.username, journal.title) == ("Ada Student", "ada",
                                                                          "Ada Student's learning journal")
    own = journal.comments.frame().query("author_role == 'author'")
    assert len(own) and set(own["author_name"]) == {"Ada Student"}      # her replies carry her name, not Sam's


def test_six_copies_of_one_journal_make_six_students_and_one_warning(run_cli, tmp_path):
    from conftest import copy_tree

    run_cli("demo", tmp_path / "demo", "--username", "ada", "--no-export", check=True)
    folders = [f"s0{n}" for n in range(1, 7)]
    for name in folders:
        copy_tree(tmp_path / "demo", tmp_path / "class" / name)
    out = tmp_path / "out"
    proc = run_cli("report", "--class", tmp_path / "class", "--out", out, "--to", "html",
                   env={"JOURNAL_ROLE": "tutor"})
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stdout.splitlines() if line.startswith("journal: warning:")]
    assert warnings == [f"journal: warning: six journals claim the login ada: {', '.join(folders)}"]
    with open(out / "participation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted({r["student"] for r in rows}) == folders and {r["login"] for r in rows} == {"ada"}
    html = (out / "participation.html").read_text(encoding="utf-8")
    assert html.count("(login ada)") == 6 and "six journals claim the login ada" in html
    # Each copy counts its own: the same numbers six times over, not six times the numbers.
    totals = {name: sum(int(r["received"]) for r in rows if r["student"] == name) for name in folders}
    assert len(set(totals.values())) == 1 and totals["s01"] > 0


def test_comments_on_deleted_entries_are_listed_apart(run_cli, classroom, tmp_path):
    me = Journal.open(classroom / "bbrooks")
    gone = next(e for e in me.entries() if len(me.comments.frame(status=("approved", "pending"), entry_id=e.id)))
    on_it = me.comments.frame(status=("approved", "pending"), entry_id=gone.id)
    gone.path.unlink()
    out = tmp_path / "out"
    proc = run_cli("report", "--class", classroom, "--out", out, "--to", "html", "--as-of", "2026-10-20",
                   env={"JOURNAL_ROLE": "tutor"}, check=True)
    listed = proc.stdout.split("orphaned comments (on entries that no longer exist; counted nowhere):\n")[1]
    pending = (on_it["status"] == "pending").sum()
    assert listed.splitlines()[0] == (f"  bbrooks  {gone.id}  {len(on_it)} comment{'s' * (len(on_it) != 1)}"
                                      + (f" ({pending} pending)" if pending else ""))
    with open(out / "participation.csv", encoding="utf-8", newline="") as fh:
        received = sum(int(r["received"]) for r in csv.DictReader(fh) if r["student"] == "bbrooks")
    live = me.comments.frame(status=("approved", "pending"))
    by_others = live[(live["entry_id"] != gone.id) & (live["author_role"] != "author")]
    assert received == len(by_others)
    html = (out / "participation.html").read_text(encoding="utf-8")
    assert "<h2>Orphaned comments</h2>" in html and f"<td class=\"text\">{gone.id}</td>" in html


def test_a_course_adds_peer_reviews_and_the_lms_students_not_started(run_cli, classroom, tmp_path):
    from course_server import entry_notebook
    from journal.course.classfolder import login_of
    from journal.course.lti.record import FolderLmsRecord
    from journal.course.reviews.model import Allocation, Review, Round
    from journal.course.settings import CourseSettings
    from journal.course.store import FolderCourseStore

    course = tmp_path / "course"
    course.mkdir()
    lti = {"issuer": "https://lms.test", "client_id": "c", "deployment_id": "d", "context_id": "k",
           "auth_url": "https://lms.test/auth", "jwks_url": "https://lms.test/jwks", "token_url": "https://lms.test/t"}
    CourseSettings.from_dict({"title": "Reflective practice", "tutors": ["tina"], "lti": lti}).save(
        course / "course.toml")
    ada, bob = sorted(login_of(Journal.open(p)) for p in classroom.iterdir() if p.name != "zz")[:2]
    # What a roster sync keeps: one Learner with no journal yet, and a tutor (never "not started").
    FolderLmsRecord(course).write("members", {
        ada: {"name": "A", "role": "student", "user_id": "1", "groups": []},
        "newbie": {"name": "Nell <b>New</b>", "role": "student", "user_id": "2", "groups": []},
        "tina": {"name": "Tina Tutor", "role": "tutor", "user_id": "3", "groups": []}})
    store = FolderCourseStore(course)
    store.share(bob, entry_notebook("e2", "Week three", tags=["w3"]))     # ada still owes its review
    reviews = store.reviews
    reviews.open_round(Round(name="w3", reviewers=1, due="2099-12-31", tag="w3"))
    reviews.allocate([Allocation("w3", bob, ada, "e1"), Allocation("w3", ada, bob, "e2")])
    reviews.add_review(Review("w3", bob, ada, "e1", "c-1"))

    out = tmp_path / "out"
    run_cli("report", "--class", classroom, "--course", course, "--out", out, "--to", "html",
            env={"JOURNAL_ROLE": "tutor"}, check=True)
    html = (out / "participation.html").read_text(encoding="utf-8")
    started = html.split("<h2>Not started</h2>", 1)[1].split("</section>", 1)[0]
    assert "Nell &lt;b&gt;New&lt;/b&gt; (newbie)" in started and "tina" not in started and f"({ada})" not in started
    table = html.split("<h2>Peer reviews</h2>", 1)[1].split("</table>", 1)[0]
    assert f'<td class="text">{bob}</td><td>1</td><td>1</td><td>0</td><td>0</td>' in table
    assert f'<td class="text">{ada}</td><td class="flag">0</td><td>1</td><td>1</td><td>0</td>' in table
    lone = run_cli("report", "--course", course, "--dir", classroom / ada)
    assert lone.returncode == 1 and "--course needs --class" in lone.stderr
