"""Files the system refuses to change even for root: `chattr +i`, for the tests of failed writes.

Tests run as root, who may write a file whatever its mode bits say; the immutable attribute holds for root
too. Import it with `from immutable_files import immutable` (tests/conftest.py puts this folder on sys.path).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess

import pytest


def _chattr(flag, path):
    return subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)


@contextlib.contextmanager
def immutable(path):
    """`chattr +i path` for the block (skipped only where the file system has no such attribute)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = _chattr("+i", path)
    if done.returncode != 0:
        pytest.skip(f"this file system refuses chattr +i: {done.stderr.strip()}")
    try:
        yield
    finally:
        _chattr("-i", path)
