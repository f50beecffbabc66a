"""The environment is read in one place (journal/environment.py), where each input is declared once."""

import ast
from pathlib import Path

from journal.course.lti.keys import private_key
from journal.course.lti.settings import LtiSettings
from journal.environment import Environment

ROOT = Path(__file__).resolve().parents[2]
# Where reading os.environ is meant: the one reader; the hub's config file, which JupyterHub runs and which
# documents the hub deployment's own variables; a child process given this one's environment.
READERS = {"journal/environment.py", "journal/course/hub/jupyterhub_config.py", "journal/lab/launch.py"}


def reads_environment(tree) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" \
                and node.attr in ("environ", "getenv", "environb"):
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "os" and {"environ", "getenv"} & {
                a.name for a in node.names}:
            return True
    return False


def test_no_module_but_environment_py_reads_the_environment():
    readers = {p.relative_to(ROOT).as_posix() for p in (ROOT / "journal").rglob("*.py")
               if reads_environment(ast.parse(p.read_text(encoding="utf-8")))}
    assert readers - READERS == set()


def test_the_lti_key_comes_from_its_declared_variable_and_no_file_is_made(tmp_path, monkeypatch):
    assert Environment.variables()["lti_key"] == "JOURNAL_LTI_KEY"
    monkeypatch.setenv("JOURNAL_LTI_KEY", "\n-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n")
    lti = LtiSettings()
    assert private_key(tmp_path, lti) == "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"
    assert not (tmp_path / lti.key_file).exists()
