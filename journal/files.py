"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
from pathlib import Path


def stamp(path: Path) -> tuple | None:
    """What changes whenever the file at `path` is replaced or written: (inode, size, mtime in ns); None when
    there is no file. One stat, for the caches that re-read a file only when it changed."""
    try:
        st = Path(path).stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def write_atomic(path: Path, data) -> None:
    """Write `data` (str as UTF-8, or bytes) to `path` through a temporary file beside it, then rename.

    The temporary name carries the process id: parallel writers (a class export's workers) may write
    the same file, and must not replace each other's half-written one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
