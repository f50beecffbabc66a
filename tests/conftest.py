"""Fixtures shared by every tier: temporary journals, a CLI runner, notebook validation."""

from __future__ import annotations

import itertools
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


@pytest.fixture(autouse=True)
def _own_config_folder(monkeypatch, tmp_path):
    """The courses a test joins are remembered in its own folder, never in the real ~/.config."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))


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


_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster():
    """A real PostgreSQL server for the session (initdb/pg_ctl in a temporary folder, 127.0.0.1, a free
    port), with a migrated template database that `pg_url` copies; stopped by its PID at the end."""
    from journal.course.postgres import cluster, database

    server = cluster.Cluster().start()
    try:
        template = server.create_database("journal_template")
        database.upgrade(template)
        database.dispose(template)      # a database being copied must have no connections
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_new_database(pg_cluster):
    """Make a fresh course database, schema migrated; returns its URL (for fixtures of any scope)."""
    return lambda: pg_cluster.create_database(f"test_{next(_databases)}", template="journal_template")


@pytest.fixture
def pg_url(pg_new_database):
    """A fresh course database, schema migrated, for one test; its URL."""
    from journal.course.postgres import database

    url = pg_new_database()
    yield url
    database.dispose(url)


@pytest.fixture(scope="module")
def server_process(tmp_path_factory):
    """Start `journal ARGS…` as a server on 127.0.0.1:`port`; each is stopped by its PID after the module.

    Its output goes to `proc.log_path` (a pipe nobody reads would fill up and stall the server).
    """
    import signal
    import socket
    import time

    started = []

    def start(args, port, env=None, timeout=60):
        log_path = tmp_path_factory.mktemp("server-log") / "server.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([sys.executable, "-m", "journal", *map(str, args)], stdout=log,
                                    stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        proc.log_path = log_path
        started.append(proc)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server stopped at start: {log_path.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"server did not listen on {port} within {timeout} s")

    yield start
    for proc in started:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()


def _raw_exchange(port, data: bytes):
    """Send `data` as it is and read until the server closes: (status, head, body)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split()[1]), head.decode("latin-1"), body


@pytest.fixture
def raw_get():
    """GET a path byte for byte (so `..` reaches the server unnormalised): (status, head, body)."""

    def get(port, path, host=None):
        return _raw_exchange(port, f"GET {path} HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\n"
                                   "Connection: close\r\n\r\n".encode())

    return get


@pytest.fixture
def raw_request():
    """Send bytes the way no HTTP client would (a malformed request line, a lying Content-Length):
    (status, head, body) of whatever the server answers."""
    return _raw_exchange
