"""What a PDF may load: `data:` URIs and files inside the journal folder; nothing from the network or elsewhere.

A tutor exports a whole class of students' journals. An entry that points at `https://…`, at
`../../outside/secret.png` or at `file:///etc/…` (in Markdown, an HTML output or an SVG) must not make
the tutor's machine fetch it or put it in the PDF. Refused addresses are logged, naming the entry.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

log = logging.getLogger("export")


class Refused(ValueError):
    """An address the export will not load."""


def allowed(url: str, root: Path) -> bool:
    """True for a `data:` URI, or a local file whose real path (symlinks followed) is inside `root`.

    >>> root = Path("/srv/journal")
    >>> allowed("data:image/png;base64,AAAA", root), allowed("https://example.org/x.png", root)
    (True, False)
    >>> allowed("file:///srv/journal/entries/a.png", root), allowed("file:///srv/journal/../etc/passwd", root)
    (True, False)
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_relative_to(Path(root).resolve())


def url_fetcher(root, source: str):
    """A WeasyPrint URL fetcher that loads only what `allowed` admits; `source` names the entry in warnings."""
    import weasyprint.urls as urls

    root = Path(root).resolve()

    def check(url: str) -> None:
        if not allowed(url, root):
            log.warning("%s: not embedded: %s (an export loads only files inside the journal folder)", source, url)
            raise Refused(f"{source}: refused {url}")

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later: a fetcher class
        class JournalFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                check(url)
                return super().fetch(url, headers)

        return JournalFetcher()

    def fetch(url, timeout=10, ssl_context=None):  # earlier versions: a function
        check(url)
        return urls.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)

    return fetch


class QuietAboutRefusals(logging.Filter):
    """Drops WeasyPrint's own "failed to load" line for an address already reported as refused."""

    def filter(self, record: logging.LogRecord) -> bool:
        return f"{Refused.__name__}:" not in record.getMessage()
