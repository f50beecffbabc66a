"""The `journal` command: init, new, list, demo, and one-line errors."""

import json

import pytest


def test_init_new_list(tmp_path, run_cli):
    j = tmp_path / "j"
    run_cli("init", j, "--title", "Reflections", "--author", "Ada", check=True)
    out = run_cli("new", "First thoughts", "--tags", "a,b", "--template", "gibbs", "--date", "2026-02-03",
                  "--dir", j, check=True).stdout
    assert "2026-02-03-first-thoughts.ipynb" in out
    run_cli("new", "Second", "--date", "2026-01-01", cwd=j / "entries", check=True)
    table = run_cli("list", cwd=j, check=True).stdout.splitlines()
    assert table[0].split() == ["date", "status", "words", "cites", "approved", "pending", "title"]
    assert "Second" in table[1] and "First thoughts" in table[2]
    rows = json.loads(run_cli("list", "--json", "--dir", j, check=True).stdout)
    assert [r["title"] for r in rows] == ["Second", "First thoughts"]
    assert set(rows[0]) >= {"date", "title", "status", "words", "citations", "approved", "pending"}


def test_demo_command(tmp_path, run_cli):
    proc = run_cli("demo", tmp_path / "d", "--no-export", check=True)
    assert "Demo journal written to" in proc.stdout
    rows = json.loads(run_cli("list", "--json", "--dir", tmp_path / "d", check=True).stdout)
    assert len(rows) >= 3
    assert any(r["status"] == "draft" for r in rows)


@pytest.mark.parametrize("args, message", [
    (["list", "--dir", "{tmp}"], "not a journal folder"),
    (["new", "x", "--dir", "{tmp}/nowhere"], "not a journal folder"),
    (["init", "{tmp}/j", "--title", " ", "--author", "A"], "a journal needs a title"),
])
def test_user_errors_are_one_line(tmp_path, run_cli, args, message):
    proc = run_cli(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert proc.returncode != 0
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_list_outside_a_journal(tmp_path, run_cli):
    proc = run_cli("list", cwd=tmp_path)
    assert proc.returncode == 1 and "no journal.toml in" in proc.stderr


def test_bad_toml_is_reported(tmp_path, run_cli):
    run_cli("init", tmp_path / "j", "--title", "T", "--author", "A", check=True)
    (tmp_path / "j" / "journal.toml").write_text('title = "T"\nauthor = "A"\nfont = 3\n')
    proc = run_cli("list", "--dir", tmp_path / "j")
    assert proc.returncode == 1
    assert "journal.toml: unknown key 'font'" in proc.stderr


@pytest.mark.invalid_notebooks
def test_bad_notebook_is_reported(tmp_path, run_cli):
    run_cli("init", tmp_path / "j", "--title", "T", "--author", "A", check=True)
    (tmp_path / "j" / "entries" / "2026-01-01-broken.ipynb").write_text("{")
    proc = run_cli("list", "--dir", tmp_path / "j")
    assert proc.returncode == 1
    assert "2026-01-01-broken.ipynb: not a notebook" in proc.stderr
    assert "Traceback" not in proc.stderr


# -- typos: the closest command, entry or citation key -------------------------------------------------------
def test_a_mistyped_command_is_answered_with_the_closest(run_cli):
    proc = run_cli("lsit")
    assert proc.returncode == 2 and "journal: error: no command 'lsit' (did you mean list?)" in proc.stderr
    far = run_cli("zzzz")
    assert far.returncode == 2 and "no command 'zzzz';" in far.stderr and "did you mean" not in far.stderr


@pytest.fixture
def week(tmp_path, run_cli):
    from importlib import resources

    j = tmp_path / "j"
    run_cli("init", j, "--title", "T", "--author", "A", check=True)
    (j / "references.bib").write_text(resources.files("journal.demo").joinpath("references.bib").read_text("utf-8"),
                                      encoding="utf-8")
    run_cli("new", "My first week", "--dir", j, check=True)
    return j


def test_a_mistyped_entry_is_answered_with_the_closest(run_cli, week):
    proc = run_cli("cite", "my-first-weak", "schon1983", "--dir", week)
    assert proc.returncode == 1
    assert "no entry 'my-first-weak'" in proc.stderr and proc.stderr.endswith("(did you mean my-first-week?)\n")
    proc = run_cli("refs", "check", "My First Wek", "--dir", week)          # a title with a typo: its id
    assert "(did you mean my-first-week?)" in proc.stderr


def test_an_entry_is_found_by_its_title(run_cli, week):
    proc = run_cli("cite", "my first WEEK", "schon1983", "--dir", week, check=True)
    assert proc.stdout.startswith("my-first-week: embedded 1 work(s): schon1983")
    run_cli("new", "My first week", "--date", "2026-01-01", "--dir", week, check=True)     # the same title twice
    proc = run_cli("refs", "check", "My first week", "--dir", week)
    assert proc.returncode == 1 and "2 entries are titled 'My first week' (" in proc.stderr
    assert "name one by its id" in proc.stderr


def test_a_mistyped_citation_key_is_answered_with_the_closest(run_cli, week):
    proc = run_cli("cite", "my-first-week", "schon1938", "kolb1984", "--dir", week)
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("references.bib: no work with key schon1938 (did you mean schon1983?)")
    entry = next((week / "entries").glob("*.ipynb"))
    nb = json.loads(entry.read_text(encoding="utf-8"))
    nb["cells"][1]["source"] = "As [@schon1938] says."
    entry.write_text(json.dumps(nb), encoding="utf-8")
    out = run_cli("refs", "check", "--all", "--dir", week).stdout
    assert "my-first-week: schon1938: did you mean schon1983?" in out.splitlines()


# -- help and messages ------------------------------------------------------------------------------------
def _someone_with_a_full_name():
    import pwd

    for person in pwd.getpwall():
        full = person.pw_gecos.split(",")[0].strip()
        if full and full != person.pw_name:
            return person.pw_name, full
    pytest.skip("no user of this machine has a full name")


def test_init_without_title_or_author_chooses_and_says_so(tmp_path, run_cli):
    login, full = _someone_with_a_full_name()
    proc = run_cli("init", tmp_path / "reflections_on-practice", env={"JUPYTERHUB_USER": login}, check=True)
    assert "title 'Reflections on practice' from the folder's name" in proc.stdout
    assert f"author {full!r} from your login" in proc.stdout
    settings = (tmp_path / "reflections_on-practice" / "journal.toml").read_text(encoding="utf-8")
    assert f'title = "Reflections on practice"\nauthor = "{full}"\nusername = "{login}"' in settings
    # A hub's user need not be a user of this machine: then the author is the login.
    run_cli("init", tmp_path / "other", env={"JUPYTERHUB_USER": "no-such-user-here"}, check=True)
    assert 'author = "no-such-user-here"' in (tmp_path / "other" / "journal.toml").read_text(encoding="utf-8")
    given = run_cli("init", tmp_path / "third", "--title", "Mine", "--author", "Ada", check=True).stdout
    assert "Chose" not in given


@pytest.mark.parametrize("command", ["init", "demo"])
def test_commands_that_make_a_journal_take_no_dir(run_cli, command):
    assert "--dir" not in run_cli(command, "--help", check=True).stdout
    assert "--dir" in run_cli("list", "--help", check=True).stdout


def test_an_author_is_an_author_in_messages(run_cli, tmp_path):
    run_cli("init", tmp_path / "j", "--title", "T", "--author", "A", check=True)
    proc = run_cli("feedback", "add", "--text", "Good", "--dir", tmp_path / "j")
    assert proc.returncode == 1 and proc.stderr.strip().endswith("this process acts as an author.")


def test_snapshot_list_says_when_there_are_none(run_cli, tmp_path):
    run_cli("init", tmp_path / "j", "--title", "T", "--author", "A", check=True)
    assert run_cli("snapshot", "--list", "--dir", tmp_path / "j", check=True).stdout == "j  no snapshots\n"
