"""Listening addresses: is a port free, which one to suggest, is a host this machine only."""

from __future__ import annotations

import errno
import socket

from ...errors import JournalError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


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
