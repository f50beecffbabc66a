"""A plain `pip install` of the wheel puts the JupyterLab extension and its server config where Jupyter looks."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = "reflective_journal-0.1.0.data/data/"

pytestmark = pytest.mark.slow


def test_the_wheel_ships_the_built_extension_and_enables_the_server_extension(tmp_path):
    built = ROOT / "journal" / "lab" / "labextension"
    assert any((built / "static").glob("remoteEntry.*.js")), "build it first: make setup"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    ext = DATA + "share/jupyter/labextensions/journal-lab/"
    assert ext + "package.json" in names
    assert ext + "schemas/journal-lab/plugin.json" in names
    assert {ext + "static/" + p.name for p in (built / "static").glob("*.js")} <= set(names)
    assert DATA + "etc/jupyter/jupyter_server_config.d/journal-lab.json" in names
    assert "journal/lab/handlers.py" in names
