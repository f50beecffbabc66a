"""One running `journal serve`: the prepared folder, the Voilà process, and stopping both cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from ..errors import JournalError
from . import voila
from .pages import INDEX, prepare

STOP_GRACE = 15.0   # seconds Voilà gets to shut its kernels down before it is killed


class Server:
    """Voilà over a private folder holding only the journal's served pages.

    Use as a context manager, or call `start()` and `stop()`. `role` is the role the kernels act
    in: `peer` for `journal serve`; `author` only for pictures of the moderation panel.
    """

    def __init__(self, journal, *, host: str = "127.0.0.1", port: int = 8866, token: str = "",
                 base_url: str = "/", role: str = "peer", extra_pages: dict | None = None):
        self.journal = journal
        self.host, self.port, self.token, self.role = host, port, token, role
        self.base_url = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
        self.extra_pages = extra_pages or {}
        self.workdir: Path | None = None
        self.process: subprocess.Popen | None = None
        self.pages: list[str] = []

    # -- addresses ------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.workdir / "site"

    @property
    def log_path(self) -> Path:
        return self.workdir / "voila.log"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if host in ("0.0.0.0", "[::]"):
            host = socket.gethostname()
        return f"http://{host}:{self.port}{self.base_url}"

    def page_url(self, name: str = INDEX) -> str:
        """The address of a served page, with the token when there is one."""
        query = f"?token={quote(self.token)}" if self.token else ""
        return f"{self.url}voila/render/{quote(name)}{query}"

    # -- life cycle ---------------------------------------------------------------
    def start(self, timeout: float = 120.0) -> "Server":
        """Prepare the pages, start Voilà and wait until it accepts connections."""
        voila.check_port(self.host, self.port)
        self.workdir = Path(tempfile.mkdtemp(prefix="journal-serve-"))
        try:
            self.pages = prepare(self.journal, self.root)
            for name, nb in self.extra_pages.items():
                from ..entry import write_notebook

                write_notebook(nb, self.root / name)
            cmd = voila.command(self.root, host=self.host, port=self.port, token=self.token,
                                base_url=self.base_url)
            env = voila.environment(self.journal.path, self.role)
            with open(self.log_path, "wb") as log:
                # A session of its own: Ctrl-C reaches us, and we stop Voilà in order.
                self.process = subprocess.Popen(cmd, cwd=self.workdir, env=env, stdin=subprocess.DEVNULL,
                                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        connect_host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise JournalError(f"Voilà stopped at start (exit {self.process.returncode}):\n{self.log_tail()}")
            try:
                with socket.create_connection((connect_host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise JournalError(f"Voilà did not start listening on port {self.port} within {timeout:.0f} s:\n"
                           f"{self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except (OSError, TypeError):
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def wait(self) -> int:
        """Block until Voilà exits; returns its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        """Stop Voilà (it shuts its kernels down) and remove the served folder. Safe to call twice."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(STOP_GRACE)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
