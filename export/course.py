"""A course's exports, run on the course server: entry articles for its pages, portfolios and the class archive.

Everything is read through the course store (never a student's folder), so any backend works.
Articles are keyed by the export fingerprints: the entry's checksum, its citation style, the
templates and the options; the server renders one when that key is new.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from journal.comments.model import Comment
from journal.comments.protocol import Actor
from journal.course.protocol import SharedEntry
from journal.entry import write_notebook
from journal.errors import JournalError
from journal.folder import ENTRIES, Journal
from journal.report import build_report
from journal.report.course import course_journals, peer_reviews
from journal.settings import FILENAME, Settings

from .fingerprint import TEMPLATE_DIR, digest, template_digest
from .options import ExportOptions
from .participation import report_html
from .portfolio import export_portfolio


@dataclass
class ArticleJournal:
    """The journal an entry's article is rendered in, on the course server (meets JournalProtocol): its settings
    and reference library, and no comments or feedback, since the page shows the live thread itself."""

    path: Path
    settings: object
    library_path: Path | None = None
    comments = None
    feedback = None

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def author(self) -> str:
        return self.settings.author

    def entries(self, *, published_only: bool = False) -> list:
        return []


class CourseRenderer:
    """Renders shared entries as HTML articles (no code, no comments: the server shows the live thread)."""

    def __init__(self):
        self.options = ExportOptions(to=("html",), comments=False)
        self._exporter = None
        self._template = template_digest()

    def key(self, shared, settings) -> str:
        """The export fingerprint of one shared entry's article."""
        return digest(shared.sha256 or shared.notebook, settings.style, self._template, self.options.key())

    def article(self, shared, settings, library_path=None) -> str:
        # nbconvert and nbformat take a second to import: the render workers load them (warm), the server never.
        import nbformat

        from .html import JournalHTMLExporter

        if self._exporter is None:
            self._exporter = JournalHTMLExporter(**self.options.exporter_config(), template_file="article.html.j2")
        node = nbformat.reads(json.dumps(shared.notebook), as_version=4)   # joins list sources, as a file read does
        journal = ArticleJournal(Path(shared.login), settings, library_path)
        resources = {"metadata": {"path": "", "name": shared.entry_id},
                     "journal": {"journal_obj": journal, "source": f"{shared.login}/{shared.entry_id}"}}
        html, _ = self._exporter.from_notebook_node(node, resources)
        return html

    def warm(self) -> None:
        """Load nbconvert, the exporter and its templates now, by rendering a one-cell notebook: the course
        server's render workers do this when they start, so no entry's time budget pays for it."""
        cell = {"cell_type": "markdown", "id": "warm", "metadata": {}, "source": "Warming up: $x^2$"}
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
        self.article(SharedEntry("warm", "warm", "Warm", "2026-01-01", notebook=notebook),
                     Settings(title="Warm", author="warm"))

    @staticmethod
    def css() -> str:
        return (TEMPLATE_DIR / "print.css").read_text(encoding="utf-8")

    # -- for tutors ---------------------------------------------------------------
    def portfolio_pdf(self, store, login: str, tutor: str) -> bytes:
        """One student's shared entries and approved threads as the portfolio PDF `journal export` makes."""
        with tempfile.TemporaryDirectory(prefix="journal-portfolio-") as tmp:
            journal = _materialise(store, login, tutor, Path(tmp) / login)
            outcomes = export_portfolio(journal, ExportOptions(to=("pdf",)), out=Path(tmp) / "out", name=login,
                                        force=True, course=store.settings.title)
            failed = [o for o in outcomes if o.status == "failed"]
            if failed:
                raise JournalError(failed[0].error)
            return (Path(tmp) / "out" / f"{login}.pdf").read_bytes()

    def participation_html(self, store, tutor: str, logins=None, cut: str = "", names=None, not_started=()) -> str:
        """The course's participation report page (the same as `journal report --class` writes), read as `tutor`:
        of the journals of `logins` only when given (a tutor group, named by `cut`), with everyone's peer
        reviews and the LMS roster's students who have `not_started` ((login, name))."""
        title = f"Participation: {store.settings.title}" + (f", {cut}" if cut else "")
        people = None if logins is None else {*logins, *(login for login, _ in not_started)}
        report = build_report(course_journals(store, tutor, logins, names), title=title,
                              reviews=peer_reviews(store, people), not_started=not_started)
        return report_html(report)

    def class_zip(self, store, tutor: str) -> bytes:
        """Every student's portfolio PDF in one zip archive; a journal that fails is named in FAILED.txt."""
        buffer = io.BytesIO()
        failures = []
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for login in store.journals():
                try:
                    archive.writestr(f"{login}.pdf", self.portfolio_pdf(store, login, tutor))
                except Exception as exc:   # one broken journal must not cost the class its archive
                    failures.append(f"{login}: {type(exc).__name__}")
            if failures:
                archive.writestr("FAILED.txt", "\n".join(failures) + "\n")
        return buffer.getvalue()


def _materialise(store, login: str, tutor: str, folder: Path):
    """A temporary journal folder holding what the store has of one student: the export code reads folders."""
    (folder / ENTRIES).mkdir(parents=True)
    store.journal_settings(login).save(folder / FILENAME)
    for shared in store.entries(login, include_withdrawn=True):
        full = store.entry(login, shared.entry_id)
        write_notebook(full.notebook, folder / ENTRIES / f"{full.date}-{full.entry_id}.ipynb")
    journal = Journal.open(folder)
    approved = store.comments(login, Actor(tutor, "tutor")).frame(status="approved")
    journal.comments.import_trusted([Comment(*row) for row in approved.itertuples(index=False)])
    return journal
