"""The JupyterLab extension's TypeScript unit tests (jest), run as part of the suite so `make test` judges them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "labextension"


def test_jest_suite_passes():
    node_modules = SOURCE / "node_modules"
    assert shutil.which("node"), "node is needed to test the JupyterLab extension (install node 20 and npm)"
    assert node_modules.is_dir(), f"{node_modules} is missing: run `make setup` to install the extension's packages"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", "CI": "1"}
    done = subprocess.run(["jlpm", "test", "--silent"], cwd=SOURCE, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Tests:" in done.stderr and "failed" not in done.stderr.split("Tests:")[1].splitlines()[0]


def test_built_extension_is_where_jupyterlab_looks():
    """`make setup` builds the front end into the package and points the environment's labextensions at it."""
    built = ROOT / "journal" / "lab" / "labextension"
    assert (built / "package.json").is_file() and any((built / "static").glob("remoteEntry.*.js"))
    installed = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "journal-lab" / "package.json"
    assert installed.is_file(), f"{installed} is missing: run `make setup`"
