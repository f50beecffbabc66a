"""Serving a journal's published entries to peers as Voilà pages (`journal serve`)."""

from .pages import INDEX, page_name, prepare
from .server import Server

__all__ = ["INDEX", "Server", "page_name", "prepare"]
