"""Writing in JupyterLab: the server side of the `journal-lab` extension, and where its prebuilt front end lives.

`pip install` puts the front end (built from `labextension/`) in `share/jupyter/labextensions/journal-lab`
and a config file that enables this server extension, so JupyterLab needs nothing else.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "journal-lab"}]


def _jupyter_server_extension_points():
    return [{"module": "journal.lab"}]


def _load_jupyter_server_extension(server_app):
    # jupyter_server, pybtex and the sidebar load only with the extension: Jupyter imports this package to find paths.
    from .guard import pre_save
    from .handlers import setup_handlers

    setup_handlers(server_app.web_app)
    server_app.contents_manager.register_pre_save_hook(pre_save)
    server_app.log.info("journal-lab: citations, journal sidebar and save guard enabled")
