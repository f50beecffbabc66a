"""The course server: a Tornado application (a JupyterHub service, or standalone with tokens), no kernel per visitor."""

from .app import ServerState, make_app

__all__ = ["ServerState", "make_app"]
