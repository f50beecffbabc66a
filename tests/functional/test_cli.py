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
