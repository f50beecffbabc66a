"""A throwaway local PostgreSQL cluster: for the tests, the benchmarks and trying the backend on one machine.

It runs Debian's (or any) PostgreSQL server binaries with `initdb` and `pg_ctl`, in a temporary
folder, listening on 127.0.0.1 only on a free port. `initdb` refuses to run as root, so as root the
binaries run as the `postgres` user (`runuser`), in a folder that user owns. It is stopped by the
PID in its `postmaster.pid`, never by name.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ...environment import environment
from ...errors import JournalError
from ..server.ports import free_port

START_SECONDS = 60


def find_bindir() -> Path:
    """The folder of `initdb` and `pg_ctl`: PG_BINDIR, else PATH, else the newest Debian install."""
    if environment().pg_bindir:
        return Path(environment().pg_bindir)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent     # Debian links a few programs into PATH
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not versions:
        raise JournalError("PostgreSQL's server programs (initdb, pg_ctl) were not found: install "
                           "PostgreSQL (Debian: apt-get install postgresql) or set PG_BINDIR")
    return Path(versions[-1]).parent


class Cluster:
    """One PostgreSQL server in its own temporary folder; `url(dbname)` connects to it over TCP."""

    def __init__(self, folder: Path | None = None, *, settings: dict | None = None):
        self.bindir = find_bindir()
        self.folder = Path(folder or tempfile.mkdtemp(prefix="journal-pg-"))
        self.data, self.log = self.folder / "data", self.folder / "server.log"
        self.port = 0
        self.settings = {"listen_addresses": "127.0.0.1", "unix_socket_directories": str(self.folder),
                         "max_connections": "200", **(settings or {})}
        self._user = "postgres" if os.geteuid() == 0 else None

    # -- running the server programs ----------------------------------------
    def _run(self, *args, check=True, timeout=START_SECONDS):
        cmd = [str(self.bindir / args[0]), *map(str, args[1:])]
        if self._user:
            cmd = ["runuser", "-u", self._user, "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.folder)
        if check and proc.returncode:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise JournalError(f"{args[0]} failed: {proc.stderr.strip() or proc.stdout.strip()}\n{tail}")
        return proc

    def start(self) -> "Cluster":
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                      "--no-sync")
        for attempt in range(5):        # another process may take the free port before we do
            self.port = free_port()
            options = " ".join(f"-c {k}={v}" for k, v in {**self.settings, "port": self.port}.items())
            proc = self._run("pg_ctl", "start", "-w", "-t", START_SECONDS, "-D", self.data, "-l", self.log,
                             "-o", options, check=attempt == 4)
            if proc.returncode == 0:
                return self
        return self

    @property
    def pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (FileNotFoundError, ValueError):
            return None

    def restart(self) -> None:
        """`pg_ctl restart` (fast mode: clients are cut off, committed work is kept), same port."""
        options = " ".join(f"-c {k}={v}" for k, v in {**self.settings, "port": self.port}.items())
        self._run("pg_ctl", "restart", "-w", "-m", "fast", "-t", START_SECONDS, "-D", self.data, "-l", self.log,
                  "-o", options)

    def stop(self, *, remove: bool = True) -> None:
        """Fast shutdown by the postmaster's PID, then (by default) delete the folder."""
        pid = self.pid
        if pid:
            try:
                os.kill(pid, signal.SIGINT)
                deadline = time.monotonic() + START_SECONDS
                while time.monotonic() < deadline:
                    os.kill(pid, 0)
                    time.sleep(0.05)
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- databases ----------------------------------------------------------
    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def sql(self, statement: str, dbname: str = "postgres") -> list[tuple]:
        """Run one statement outside a transaction (CREATE DATABASE needs that); its rows, if any."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname,
                             autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (optionally copied from `template`); its URL."""
        self.sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
