"""Fixtures shared by every tier: temporary journals, a CLI runner, notebook validation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))  # helpers that tests, benchmarks and docs scripts share (browser_settings)


def pytest_configure(config):
    config.addinivalue_line("markers", "invalid_notebooks: the test writes broken notebooks on purpose")


@pytest.fixture(autouse=True)
def _validate_written_notebooks(request, tmp_path):
    """Every notebook a test leaves in its temporary folder must be valid nbformat."""
    yield
    if request.node.get_closest_marker("invalid_notebooks"):
        return
    for path in tmp_path.rglob("*.ipynb"):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)


@pytest.fixture(autouse=True)
def _author_role(monkeypatch):
    """Tests start as the journal's author unless they set JOURNAL_ROLE themselves."""
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


@pytest.fixture
def journal(tmp_path):
    from journal import Journal

    return Journal.create(tmp_path / "j", title="Test journal", author="Ada Student", username="ada")


@pytest.fixture
def demo(tmp_path):
    from journal.demo import build

    return build(tmp_path / "demo")


@pytest.fixture
def run_cli():
    """Run the `journal` command in a subprocess; returns CompletedProcess."""

    def run(*args, cwd=None, env=None, check=False):
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run([sys.executable, "-m", "journal", *map(str, args)], cwd=cwd, env=full_env,
                              capture_output=True, text=True, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"journal {' '.join(map(str, args))} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    return run


@pytest.fixture
def corpus():
    folder = CORPUS / "notebooks"
    if not folder.is_dir():
        pytest.skip(f"no shared corpus at {folder}")
    return folder


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
