"""The index page's listing, run in the served kernel: published entries with live comment counts."""

from __future__ import annotations

import html
from pathlib import Path

from .pages import page_name


def listing_html(journal, folder=".") -> str:
    """HTML list of the published entries that have a page in `folder`, newest first.

    Counts are of approved comments only: a visitor never learns what waits in the queue.
    """
    counts = journal.comments.counts() if journal.comments_path.exists() else {}
    items = []
    for entry in reversed(journal.entries(published_only=True)):
        name = page_name(entry)
        if not (Path(folder) / name).is_file():
            continue
        n = counts.get(entry.id, {}).get("approved", 0)
        tags = ", ".join(entry.tags)
        items.append(
            f'<li class="journal-index-entry"><a href="{html.escape(name)}">{html.escape(entry.title)}</a>'
            f'<div class="journal-index-meta"><time datetime="{entry.date.isoformat()}">'
            f'{entry.date.strftime("%-d %B %Y")}</time>'
            + (f' · <span class="journal-index-tags">{html.escape(tags)}</span>' if tags else "")
            + f' · <span class="journal-index-comments">{_comments(n)}</span></div></li>')
    if not items:
        return '<p class="journal-index-empty">Nothing is published here yet.</p>'
    return f'<ul class="journal-index">{"".join(items)}</ul>'


def show_index() -> None:
    """Display the listing for the journal named by JOURNAL_DIR (set by `journal serve`).

    An HTML widget, not an HTML output: JupyterLab's output renderer opens every link of an
    output in a new tab, while a widget's links behave as on any web page.
    """
    import ipywidgets
    from IPython.display import display

    from ..anatomy import find_journal

    journal = find_journal()
    display(ipywidgets.HTML(listing_html(journal)))


def _comments(n: int) -> str:
    return "no comments yet" if n == 0 else "1 comment" if n == 1 else f"{n} comments"
