"""Who reads each shared entry, through every route, on both course backends.

ada (group A) shares one entry at each level. Her readers: bob (group A), cal (group B), dan (in no group),
tina (a tutor). Wherever one of them may not read an entry, the answer is byte for byte the answer for an
entry that does not exist: the page, the API, its thread, its comments, its counts, a comment on it.
"""

import pytest

from course_server import STORES, entry_notebook, post, start_course

pytestmark = pytest.mark.slow
ROSTER = "login,name,group\nada,Ada Student,A\nbob,Bob Peer,A\ncal,Cal Other,B\ntina,Tina Tutor,\n"
READERS = {"tutors": {"ada", "tina"}, "group": {"ada", "bob", "tina"}, "course": {"ada", "bob", "cal", "dan", "tina"}}
PEOPLE = ("ada", "bob", "cal", "dan", "tina")


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    course = start_course(request.param, tmp_path_factory.mktemp("course") / "course", server_process,
                          lambda: request.getfixturevalue("pg_new_database")(), people=PEOPLE,
                          roster=ROSTER, comments={"flood_seconds": 0},
                          groups={"B": {"tutors": ["tina"]}})
    ada = course["ada"]
    course["comment"] = {}
    for level in READERS:
        r = ada.api("PUT", f"entries/ada/{level}-entry", entry_notebook(
            f"{level}-entry", f"For the {level}", body=f"Words written for the {level} alone."),
            params={"visibility": level})
        assert r.status_code == 200 and r.json()["visibility"] == level, r.text
        cid = post(ada, "ada", f"{level}-entry", f"Ada's own note on the {level} entry.").json()["id"]
        course["comment"][level] = cid
    assert course["cal"].api("PUT", "entries/cal/cal-week", entry_notebook("cal-week", "Cal's week")).ok
    return course


def routes(level, comment_id):
    """(name, method, path, params) of every route that shows something of one entry."""
    eid = f"{level}-entry"
    return [("page", "page", f"j/ada/{eid}", None), ("download", "page", f"j/ada/{eid}/download", None),
            ("notebook", "api", f"entries/ada/{eid}", None), ("thread", "api", f"comments/ada/thread/{eid}", None),
            ("comments of the entry", "api", "comments/ada", {"entry": eid}),
            ("counts of the entry", "api", "comments/ada/counts", {"entry": eid}),
            ("one comment", "api", f"comments/ada/{comment_id}", None)]


def answer(client, kind, path, params):
    return client.page(path, params=params) if kind == "page" else client.api("GET", path, params=params)


@pytest.mark.parametrize("level", sorted(READERS))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_route_answers_only_those_the_level_reaches(course, level, who):
    client = course[who]
    missing = {name: answer(client, kind, path.replace(f"{level}-entry", "no-such-entry"), params and
                            {k: v.replace(f"{level}-entry", "no-such-entry") for k, v in params.items()})
               for name, kind, path, params in routes(level, "c-no-such")}
    for name, kind, path, params in routes(level, course["comment"][level]):
        got = answer(client, kind, path, params)
        if who in READERS[level]:
            assert got.status_code == 200, (name, got.text[:300])
        else:
            assert (got.status_code, got.content) == (missing[name].status_code, missing[name].content), name


@pytest.mark.parametrize("who", PEOPLE)
def test_lists_and_counts_hold_only_what_the_person_may_read(course, who):
    client = course[who]
    listed = {e["entry_id"] for e in client.api("GET", "entries", params={"login": "ada"}).json()}
    assert listed == {f"{level}-entry" for level, readers in READERS.items() if who in readers}
    counts = client.api("GET", "comments/ada/counts").json()
    assert set(counts) == listed
    comments = {c["entry_id"] for c in client.api("GET", "comments/ada").json()}
    assert comments <= listed
    for page in ("", "j/ada/"):
        text = client.page(page).text
        for level, readers in READERS.items():
            assert (f"For the {level}" in text) == (who in readers), (page, level)
            assert (f"Words written for the {level} alone." in text) == (who in readers), (page, level)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_those_who_read_an_entry_may_comment_on_it(course, who):
    got = post(course[who], "ada", "group-entry", f"{who} replies.")
    missing = post(course[who], "ada", "no-such-entry", f"{who} replies.")
    if who in READERS["group"]:
        assert got.status_code == 201, got.text
    else:
        assert (got.status_code, got.content) == (missing.status_code, missing.content)


def test_the_page_says_who_reads_the_entry(course):
    assert "Shared with your tutor group" in course["bob"].page("j/ada/group-entry").text
    assert "Shared with the tutor group A" in course["tina"].page("j/ada/group-entry").text
    assert "Shared with your tutors only" in course["ada"].page("j/ada/tutors-entry").text
    assert "Shared with the whole course" in course["cal"].page("j/ada/course-entry").text


def test_the_index_shows_your_own_group_first(course):
    text = course["bob"].page("").text
    assert text.index("Your tutor group: A") < text.index("For the group") < text.index("The rest of the course") \
        < text.index("Cal&#x27;s week")
    # The students' list too: Ada, of bob's group, before Cal of another.
    assert text.index("Ada Student") < text.index("Cal Other")
    flat = course["dan"].page("").text
    assert "Your tutor group" not in flat and "Newest first" in flat


def test_sharing_again_at_another_level_changes_it_at_once_and_keeps_the_version(course):
    ada, cal = course["ada"], course["cal"]
    notebook = entry_notebook("moving", "Moving entry")
    first = ada.api("PUT", "entries/ada/moving", notebook, params={"visibility": "course"}).json()
    assert cal.page("j/ada/moving").status_code == 200
    again = ada.api("PUT", "entries/ada/moving", notebook, params={"visibility": "tutors"}).json()
    assert again["visibility"] == "tutors" and again["version"] == first["version"]
    assert cal.page("j/ada/moving").status_code == 404
    kept = ada.api("PUT", "entries/ada/moving", notebook).json()       # no level asked: the one it has
    assert kept["visibility"] == "tutors"


def test_an_unknown_level_is_refused_naming_it(course):
    r = course["ada"].api("PUT", "entries/ada/odd", entry_notebook("odd", "Odd"), params={"visibility": "class"})
    assert r.status_code == 400 and "Unknown visibility 'class'" in r.json()["error"]
    assert course["ada"].api("GET", "entries/ada/odd").status_code == 404


def test_the_tutor_page_shows_my_groups_first_and_any_group_or_all_when_asked(course):
    tina = course["tina"]
    mine = tina.page("tutor").text
    assert "Cal Other" in mine and "Ada Student" not in mine and 'value="mine" selected' in mine
    everyone = tina.page("tutor", params={"group": "all"}).text
    assert "Cal Other" in everyone and "Ada Student" in everyone
    group_a = tina.page("tutor", params={"group": "A"}).text
    assert "Ada Student" in group_a and "Cal Other" not in group_a
    unknown = tina.page("tutor", params={"group": "Z"})
    assert unknown.status_code == 400 and "no tutor group &#x27;Z&#x27;" in unknown.text


def test_the_participation_report_is_cut_by_group(course):
    report = course["tina"].page("tutor/report", params={"group": "A"})
    assert report.status_code == 200 and "group A" in report.text
    assert "Ada Student" in report.text and "Cal Other" not in report.text


def test_journal_share_sets_the_level_and_journal_list_shows_it(course, tmp_path, run_cli):
    from journal import Journal
    from journal.course.server.identity import course_secret, issue_token

    journal = Journal.create(tmp_path / "eli", title="Eli's journal", author="Eli Student", username="eli")
    entry = journal.new_entry("Placement week", status="published")
    env = {"JOURNAL_COURSE_TOKEN": issue_token(course_secret(course["folder"]), "eli")}
    run_cli("course", "join", course["base"], "--dir", journal.path, env=env, check=True)
    done = run_cli("share", entry.id, "--visibility", "tutors", "--dir", journal.path, env=env, check=True)
    assert "shared with your tutors only (version 1)" in done.stdout
    listed = run_cli("list", "--dir", journal.path, env=env, check=True).stdout
    assert "shared with" in listed and "tutors" in listed.splitlines()[1]
    assert course["cal"].page(f"j/eli/{entry.id}").status_code == 404
    run_cli("share", entry.id, "--visibility", "course", "--dir", journal.path, env=env, check=True)
    assert course["cal"].page(f"j/eli/{entry.id}").status_code == 200
    odd = run_cli("share", entry.id, "--visibility", "class", "--dir", journal.path, env=env)
    assert odd.returncode == 2 and "invalid choice: 'class'" in odd.stderr


def test_the_sidebar_shares_at_a_level_and_shows_each_entrys_level(course, tmp_path, monkeypatch):
    from journal import Journal
    from journal.course import sharing
    from journal.course.server.identity import course_secret, issue_token
    from journal.lab import sidebar

    monkeypatch.setenv("JOURNAL_COURSE_TOKEN", issue_token(course_secret(course["folder"]), "fay"))
    journal = Journal.create(tmp_path / "fay", title="Fay's journal", author="Fay Student", username="fay")
    entry = journal.new_entry("Night shift", status="published")
    journal.new_entry("Still a draft")
    sharing.join(journal, course["base"])
    before = sidebar.overview(journal, tmp_path)
    assert before["course"] and list(before["levels"]) == ["tutors", "group", "course"]
    assert {row["title"]: row["shared"] for row in before["entries"]} == {"Night shift": "", "Still a draft": ""}
    assert sidebar.share(journal, entry.path, "tutors")["visibility"] == "tutors"
    after = {row["title"]: row["shared"] for row in sidebar.overview(journal, tmp_path)["entries"]}
    assert after["Night shift"] == "tutors"
    assert course["cal"].page(f"j/fay/{entry.id}").status_code == 404
    assert course["tina"].page(f"j/fay/{entry.id}").status_code == 200


@pytest.fixture(scope="module", params=sorted(STORES))
def narrow_course(request, tmp_path_factory, server_process):
    """A course whose entries go to the tutor group unless asked otherwise, and never further."""
    return start_course(request.param, tmp_path_factory.mktemp("narrow") / "course", server_process,
                        lambda: request.getfixturevalue("pg_new_database")(), people=("ada", "bob", "tina"),
                        default_visibility="group", max_visibility="group")


def test_a_share_asking_no_level_gets_the_courses_default_and_one_above_its_maximum_is_refused(
        narrow_course, tmp_path, monkeypatch, run_cli):
    from journal import Journal
    from journal.course import sharing
    from journal.course.server.identity import course_secret, issue_token
    from journal.lab import sidebar

    token = issue_token(course_secret(narrow_course["folder"]), "ada")
    monkeypatch.setenv("JOURNAL_COURSE_TOKEN", token)
    journal = Journal.create(tmp_path / "ada", title="Ada's journal", author="Ada Student", username="ada")
    lab, cli = (journal.new_entry(title, status="published") for title in ("From the sidebar", "From the CLI"))
    sharing.join(journal, narrow_course["base"])
    # The sidebar's "as the course's default" sends no level; so does `journal share` without --visibility.
    assert sidebar.share(journal, lab.path, None)["visibility"] == "group"
    run_cli("share", cli.id, "--dir", journal.path, env={"JOURNAL_COURSE_TOKEN": token}, check=True)
    assert sharing.levels(journal) == {lab.id: "group", cli.id: "group"}
    wider = run_cli("share", cli.id, "--visibility", "course", "--dir", journal.path,
                    env={"JOURNAL_COURSE_TOKEN": token})
    assert wider.returncode != 0
    assert "at most 'group' (max_visibility in course.toml), not 'course'" in wider.stdout + wider.stderr
    assert sharing.levels(journal)[cli.id] == "group"             # the refused share changed nothing
