"""Integration fixtures: real JupyterLabs for the browser tests, stopped at the end of each module."""

from __future__ import annotations

import pytest

from journal.lab.launch import Lab


@pytest.fixture(scope="module")
def start_lab():
    """Start JupyterLabs serving a folder; each is stopped at the end of the module."""
    started = []

    def start(root, home) -> Lab:
        lab = Lab(root, home)
        started.append(lab)
        return lab.start()

    yield start
    for lab in started:
        lab.stop()
