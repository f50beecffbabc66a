"""journal serve without a server: Voilà's command line, the kernels' environment, the port check."""

import re
import socket

import pytest

from journal.errors import JournalError
from journal.serve import voila


def _flags(cmd, name):
    return [a.split("=", 1)[1] for a in cmd if a.startswith(f"--{name}=")]


def test_command_locks_voila_down(tmp_path):
    cmd = voila.command(tmp_path, host="127.0.0.1", port=9123)
    assert str(tmp_path) in cmd and "--no-browser" in cmd
    assert _flags(cmd, "Voila.port") == ["9123"]
    assert _flags(cmd, "Voila.port_retries") == ["0"]
    assert _flags(cmd, "VoilaConfiguration.strip_sources") == ["True"]
    assert _flags(cmd, "VoilaConfiguration.show_tracebacks") == ["False"]
    assert _flags(cmd, "VoilaConfiguration.allow_template_override") == ["NO"]
    assert _flags(cmd, "Voila.token") == [""]


@pytest.mark.parametrize("path, served", [
    ("figures/plot.png", True), ("photo.JPG", True), ("diagram.svg", True),
    ("index.ipynb", False), ("helper.py", False), ("data.csv", False), ("journal.toml", False),
    ("references.bib", False), ("figures/.hidden.png", False), (".secret.png", False), ("notes.txt", False),
])
def test_only_pictures_pass_the_file_lists(path, served):
    """Voilà serves a file when it matches an allow pattern and no deny pattern (both fullmatch)."""
    allowed = any(re.fullmatch(p, path, re.I) for p in voila.FILE_ALLOWLIST)
    denied = any(re.fullmatch(p, path, re.I) for p in voila.FILE_DENYLIST)
    assert (allowed and not denied) is served


def test_file_lists_reach_voila_as_given(tmp_path):
    cmd = voila.command(tmp_path, host="127.0.0.1", port=1)
    assert _flags(cmd, "VoilaConfiguration.file_allowlist") == voila.FILE_ALLOWLIST
    assert _flags(cmd, "VoilaConfiguration.file_denylist") == voila.FILE_DENYLIST


def test_kernels_run_as_peer_in_the_journal_without_hub_secrets(tmp_path):
    base = {"PATH": "/bin", "JOURNAL_ROLE": "author", "JUPYTERHUB_USER": "ada", "JUPYTERHUB_API_TOKEN": "s3cret"}
    env = voila.environment(tmp_path, base=base)
    assert env["JOURNAL_ROLE"] == "peer"
    assert env["JOURNAL_DIR"] == str(tmp_path.resolve())
    assert "JUPYTERHUB_USER" not in env and "JUPYTERHUB_API_TOKEN" not in env
    assert env["PATH"] == "/bin"


def test_port_in_use_is_a_clear_error_with_a_free_port_to_try():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(JournalError, match=rf"port {port} on 127.0.0.1 is already in use.*try --port \d+"):
            voila.check_port("127.0.0.1", port)
        suggested = int(re.search(r"--port (\d+)", _error(port)).group(1))
    assert suggested != port
    voila.check_port("127.0.0.1", suggested)


def _error(port):
    try:
        voila.check_port("127.0.0.1", port)
    except JournalError as exc:
        return str(exc)
    raise AssertionError("no error")


@pytest.mark.parametrize("host, port, message", [
    ("127.0.0.1", 0, "--port must be between 1 and 65535"),
    ("127.0.0.1", 70000, "--port must be between 1 and 65535"),
    ("192.0.2.1", 8866, "not an address of this machine"),
    ("no-such-host.invalid", 8866, "not an address of this machine"),
])
def test_bad_host_or_port(host, port, message):
    with pytest.raises(JournalError, match=message):
        voila.check_port(host, port)


def test_free_port_is_free():
    port = voila.free_port()
    voila.check_port("127.0.0.1", port)


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                         ("0.0.0.0", False), ("10.1.2.3", False)])
def test_is_local(host, local):
    assert voila.is_local(host) is local
