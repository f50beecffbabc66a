"""JournalPDFExporter: the entry's HTML article set on paged media by WeasyPrint (no TeX, no browser)."""

from __future__ import annotations

import logging

from traitlets import default

from .fetcher import QuietAboutRefusals, url_fetcher
from .html import JournalHTMLExporter
from .preprocessors import journal_of

# Every PDF is tagged for PDF/UA-1: a structure tree (headings, lists, tables, figures with their /Alt) in
# reading order, the language, and the <title> shown as the document's title. A screen reader needs all of it.
PDF_VARIANT = "pdf/ua-1"


class JournalPDFExporter(JournalHTMLExporter):
    """A journal entry as a PDF: running header, "Page X of Y", metadata, outline and live links."""

    export_from_notebook = "Journal PDF"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    @default("template_file")
    def _template_file_default(self):
        return "index.html.j2"

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        base = (resources.get("metadata") or {}).get("path") or "."
        journal = journal_of(resources)
        info = resources.get("journal") or {}
        pdf = html_to_pdf(html, base_url=base, root=journal.path if journal is not None else base,
                          source=info.get("source") or info.get("id") or "the notebook")
        resources["output_extension"] = ".pdf"
        return pdf, resources


def html_to_pdf(html: str, base_url: str = ".", *, root=None, source: str = "the notebook") -> bytes:
    """PDF bytes of a page of our HTML; title, author and keywords come from its <head>.

    Only `data:` URIs and files inside `root` (the journal folder; default `base_url`) are loaded; any
    other address is refused with a warning naming `source` (see `export.fetcher`).
    """
    import weasyprint

    # WeasyPrint reports every CSS property it skips; our stylesheet is written for it, so stay quiet.
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)
    quiet = QuietAboutRefusals()
    logger.addFilter(quiet)
    try:
        fetcher = url_fetcher(base_url if root is None else root, source)
        return weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).write_pdf(
            pdf_variant=PDF_VARIANT)
    finally:
        logger.removeFilter(quiet)
