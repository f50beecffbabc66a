"""Export journal entries to HTML and PDF files, skipping those whose inputs have not changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journal.errors import EntryError, JournalError
from references.errors import ReferencesError

from journal.files import write_atomic

from .fingerprint import CommentDigests, digest, is_current, record, template_digest
from .options import ExportOptions, formats
from .preprocessors import visible_feedback

USER_ERRORS = (JournalError, ReferencesError)


@dataclass
class Outcome:
    """What happened to one output: written, skipped (unchanged) or failed (with the reason)."""

    source: str
    path: Path | None
    status: str
    error: str = ""


class EntryRenderer:
    """Renders entries of one journal with one set of options; remembers what is costly to redo."""

    def __init__(self, journal, options: ExportOptions, out: Path):
        self.journal, self.options, self.out = journal, options, Path(out)
        self.comment_digest = CommentDigests(journal, self.out) if options.comments else (lambda _id: "")
        self._exporters: dict = {}
        self._library = None
        self._template = None

    def exporter(self, fragment: bool = False):
        if fragment not in self._exporters:
            from .html import JournalHTMLExporter   # nbconvert (a second): only once an entry is rendered

            extra = {"template_file": "article.html.j2"} if fragment else {}
            self._exporters[fragment] = JournalHTMLExporter(**self.options.exporter_config(), **extra)
        return self._exporters[fragment]

    def fingerprint(self, entry) -> str:
        """A digest of every input of the entry's export: notebook, library, approved comments, template, options."""
        if self._library is None:
            path = self.journal.library_path
            self._library = digest(path.read_bytes() if path.is_file() else b"", self.journal.settings.to_dict())
            self._template = template_digest()
        return digest(entry.path.read_bytes(), self._library, self.comment_digest(entry.id), self._template,
                      self.options.key(), self.feedback_digest(entry.id))

    def feedback_digest(self, entry_id: str) -> str:
        """What the feedback section of this reader's export of the entry would hold."""
        pieces, tutor_view = visible_feedback(self.journal, entry_id, self.options.with_feedback)
        return digest([[f.id, f.status, f.body, f.rubric] for f in pieces], tutor_view) if pieces else ""

    def html(self, entry, *, fragment: bool = False) -> str:
        """The entry as a page of HTML (or, with `fragment`, as an <article> for a portfolio)."""
        import nbformat   # a second to import (jsonschema): only once an entry is rendered

        try:
            node = nbformat.reads(entry.path.read_text(encoding="utf-8"), as_version=4, capture_validation_error={})
            nbformat.validate(node)
        except nbformat.ValidationError as exc:
            raise EntryError(f"{entry.path}: not a valid notebook: {exc.message}") from None
        except (OSError, ValueError) as exc:  # nbformat's NotJSONError is a ValueError
            raise EntryError(f"{entry.path}: cannot read the notebook: {exc}") from None
        resources = {"metadata": {"path": str(entry.path.parent), "name": entry.path.stem},
                     "journal": {"journal_obj": self.journal, "source": str(entry.path)}}
        html, _ = self.exporter(fragment).from_notebook_node(node, resources)
        return html


def export_entries(journal, entries, options: ExportOptions, *, out=None, force: bool = False,
                   renderer: EntryRenderer | None = None) -> list[Outcome]:
    """Write each entry as `<out>/<file stem>.html|.pdf`; unchanged ones are skipped unless `force`."""
    out = Path(out) if out else journal.exports_dir
    renderer = renderer or EntryRenderer(journal, options, out)
    outcomes = []
    for entry in entries:
        targets = {fmt: out / f"{entry.path.stem}.{fmt}" for fmt in options.to}
        try:
            base = renderer.fingerprint(entry)
            stale = [f for f in options.to if force or not is_current(targets[f], digest(base, f))]
            outcomes += [Outcome(entry.id, targets[f], "skipped") for f in options.to if f not in stale]
            if stale:
                html = renderer.html(entry)
                for fmt in stale:
                    write_output(targets[fmt], html, fmt, base_url=entry.path.parent, root=journal.path,
                                 source=str(entry.path.name))
                    record(targets[fmt], digest(base, fmt))
                    outcomes.append(Outcome(entry.id, targets[fmt], "written"))
        except USER_ERRORS as exc:
            outcomes.append(Outcome(entry.id, None, "failed", str(exc)))
    return outcomes


def write_output(path: Path, html: str, fmt: str, *, base_url, root, source: str) -> None:
    """Write one output; a PDF loads only files inside `root` (the journal folder), warnings name `source`."""
    if fmt == "pdf":
        from .pdf import html_to_pdf   # WeasyPrint (a second): only for a PDF

        write_atomic(path, html_to_pdf(html, base_url=str(base_url), root=root, source=source))
    else:
        write_atomic(path, html)


def export_one(journal, entry, to: str):
    """One entry to `to` (html, pdf or both) with the journal's own options (the sidebar's Export); its Outcome."""
    [outcome] = export_entries(journal, [entry], ExportOptions.for_journal(journal, to=formats(to)))
    return outcome
