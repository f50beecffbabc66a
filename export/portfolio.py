"""A whole journal as one document for a tutor: cover, contents with page numbers, every entry."""

from __future__ import annotations

import re
from pathlib import Path

from journal.feedback.snapshot import snapshots
from references.dates import long_date

from .entries import USER_ERRORS, EntryRenderer, Outcome, write_output
from .fingerprint import digest, is_current, record
from .options import ExportOptions

_ANCHOR = re.compile(r'\b(id|href)="(#?)([^"]*)"')


def scope_ids(html: str, entry_id: str) -> str:
    """Prefix the ids and in-page links of one entry so that entries in one document cannot clash.

    >>> scope_ids('<a href="#ref-x">x</a><li id="ref-x"><a href="http://e.org">', "e1")
    '<a href="#e1--ref-x">x</a><li id="e1--ref-x"><a href="http://e.org">'
    """
    def fix(m):
        attr, hash_, value = m.groups()
        if attr == "href" and not hash_:
            return m.group(0)
        if value.startswith("entry-"):  # the article's own id is what the contents links to
            return m.group(0)
        return f'{attr}="{hash_}{entry_id}--{value}"'
    return _ANCHOR.sub(fix, html)


def portfolio_entries(journal, options: ExportOptions):
    return [e for e in journal.entries() if options.drafts or e.published]


def portfolio_html(journal, entries, renderer: EntryRenderer, *, course: str = "") -> str:
    """The portfolio as one HTML page; its cover names `course` and, when the journal has a snapshot, the
    newest one as the date it was submitted."""
    from .html import pygments_css   # brings nbconvert (a second): rendering loads it, importing this must not

    items = [{"id": e.id, "title": e.title, "date_long": long_date(e.date.isoformat()),
              "html": scope_ids(renderer.html(e, fragment=True), e.id)} for e in entries]
    dates = [e.date for e in entries]
    if dates:
        first, last = long_date(min(dates).isoformat()), long_date(max(dates).isoformat())
        date_range = first if first == last else f"{first} to {last}"
    else:
        date_range = "No entries yet"
    snapshot = (snapshots(journal) or [None])[-1]
    submitted = f"Submitted {long_date(snapshot.taken_at)} (snapshot {snapshot.label})" if snapshot else ""
    options = renderer.options
    template = renderer.exporter(fragment=True).environment.get_template("portfolio.html.j2")
    return template.render(
        title=journal.title, author=journal.author, course=course, submitted=submitted, entries=items,
        date_range=date_range,
        words=sum(e.words for e in entries), keywords=sorted({t for e in entries for t in e.tags}),
        paper="A4" if options.paper == "a4" else options.paper, lang="en",
        extra_css=pygments_css() if options.show_code else "")


def export_portfolio(journal, options: ExportOptions, *, out=None, name: str = "portfolio", force: bool = False,
                     renderer: EntryRenderer | None = None, course: str = "") -> list[Outcome]:
    """Write `<out>/<name>.html|.pdf` (its cover naming `course`, if given); skipped when no entry, comment,
    snapshot, setting or option has changed."""
    out = Path(out) if out else journal.exports_dir
    renderer = renderer or EntryRenderer(journal, options, out)
    label = f"{journal.path.name} (portfolio)"
    targets = {fmt: out / f"{name}.{fmt}" for fmt in options.to}
    try:
        entries = portfolio_entries(journal, options)
        base = digest("portfolio", [renderer.fingerprint(e) for e in entries], journal.settings.to_dict(), course,
                      [(s.label, s.taken_at) for s in snapshots(journal)])
        stale = [f for f in options.to if force or not is_current(targets[f], digest(base, f))]
        outcomes = [Outcome(label, targets[f], "skipped") for f in options.to if f not in stale]
        if stale:
            html = portfolio_html(journal, entries, renderer, course=course)
            for fmt in stale:
                write_output(targets[fmt], html, fmt, base_url=journal.entries_dir, root=journal.path, source=label)
                record(targets[fmt], digest(base, fmt))
                outcomes.append(Outcome(label, targets[fmt], "written"))
        return outcomes
    except USER_ERRORS as exc:
        return [Outcome(label, None, "failed", str(exc))]
