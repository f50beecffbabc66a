"""Voilà's command line, the kernels' environment, and the port check before starting it."""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

from ..errors import JournalError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# Only pictures a page refers to may be fetched as files; the denylist also covers what the
# served folder holds anyway (notebooks, code, data, settings) and hidden files.
FILE_ALLOWLIST = [r".*\.(png|jpe?g|gif|svg|webp)"]
FILE_DENYLIST = [r".*\.(ipynb|py|toml|csv|bib|json|lock|log|txt|md)", r"(.*/)?\..*"]
ERROR_NOTE = "The author can see what went wrong by running this entry in JupyterLab."
CELL_TIMEOUT = 120   # seconds one cell of an entry may run before it is interrupted
# A served page must not hand the visitor the author's login as a name, nor the hub's API access.
_PRIVATE_ENV = ("JUPYTERHUB_USER", "JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN", "JUPYTERHUB_CLIENT_ID")


def command(root: Path, *, host: str, port: int, token: str = "", base_url: str = "/") -> list[str]:
    """The `voila` command line serving the prepared folder `root`."""
    def conf(name, value):
        return f"--VoilaConfiguration.{name}={value}"

    args = [sys.executable, "-m", "voila", str(root), "--no-browser",
            f"--Voila.ip={host}", f"--Voila.port={port}",
            "--Voila.port_retries=0",          # never wander to another port behind the user's back
            f"--Voila.base_url={base_url}",
            f"--Voila.token={token}",          # "" means no token: fine on 127.0.0.1 only
            conf("strip_sources", True), conf("show_tracebacks", False), conf("show_margins", True),
            conf("allow_template_override", "NO"), conf("allow_theme_override", "NO")]
    # A cell that fails or hangs says so in one line and the page (with its panel) goes on.
    args += [f"--VoilaExecutor.cell_error_instruction={ERROR_NOTE}", f"--VoilaExecutor.timeout={CELL_TIMEOUT}",
             "--VoilaExecutor.interrupt_on_timeout=True"]
    args += [conf("file_allowlist", pattern) for pattern in FILE_ALLOWLIST]
    args += [conf("file_denylist", pattern) for pattern in FILE_DENYLIST]
    return args


def environment(journal_dir: Path, role: str = "peer", base=None) -> dict[str, str]:
    """The environment of Voilà and so of every kernel it starts: the journal and the role to act in."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in _PRIVATE_ENV}
    env["JOURNAL_DIR"] = str(Path(journal_dir).resolve())
    env["JOURNAL_ROLE"] = role
    return env


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS


def check_port(host: str, port: int) -> None:
    """Raise JournalError with a suggestion when `port` on `host` cannot be listened on."""
    if not 0 < port < 65536:
        raise JournalError(f"--port must be between 1 and 65535, not {port}")
    try:
        _bind(host, port)
    except socket.gaierror:
        raise JournalError(f"--host {host!r}: not an address of this machine") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            free = free_port(host, start=port + 1)
            hint = f"; try --port {free}" if free else ""
            raise JournalError(f"port {port} on {host} is already in use (another server?){hint}") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise JournalError(f"--host {host!r}: not an address of this machine") from None
        if exc.errno == errno.EACCES:
            raise JournalError(f"port {port} needs special permission; use a port above 1024") from None
        raise JournalError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def free_port(host: str = "127.0.0.1", start: int = 0, tries: int = 20) -> int | None:
    """A port that can be listened on now: the first free one from `start`, or any when start is 0."""
    candidates = [0] if start == 0 else range(start, min(start + tries, 65536))
    for port in candidates:
        try:
            return _bind(host, port)
        except OSError:
            continue
    return None


def _bind(host: str, port: int) -> int:
    """Bind and release like Tornado would (SO_REUSEADDR), returning the port bound."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        return sock.getsockname()[1]
