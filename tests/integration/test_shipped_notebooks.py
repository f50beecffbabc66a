"""nbval executes every notebook the project ships: the entry templates and the demo entries."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"

pytestmark = pytest.mark.slow


def nbval(paths, cwd):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval-lax",
         "--nbval-sanitize-with", str(SANITIZE), "--rootdir", str(cwd), *map(str, paths)],
        cwd=cwd, capture_output=True, text=True, timeout=900)


def test_templates_execute(tmp_path):
    paths = [shutil.copy(p, tmp_path) for p in sorted((ROOT / "journal" / "templates").glob("*.ipynb"))]
    proc = nbval(paths, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert " passed" in proc.stdout and " failed" not in proc.stdout


def test_demo_entries_execute(demo):
    paths = sorted(demo.entries_dir.glob("*.ipynb"))
    assert len(paths) >= 3
    proc = nbval(paths, demo.path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert " passed" in proc.stdout and " failed" not in proc.stdout
