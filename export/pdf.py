"""JournalPDFExporter: the entry's HTML article set on paged media by WeasyPrint (no TeX, no browser)."""

from __future__ import annotations

import logging

from traitlets import default

from .html import JournalHTMLExporter


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
        pdf = html_to_pdf(html, base_url=base)
        resources["output_extension"] = ".pdf"
        return pdf, resources


def html_to_pdf(html: str, base_url: str = ".") -> bytes:
    """PDF bytes of a page of our HTML; title, author and keywords come from its <head>."""
    import weasyprint

    # WeasyPrint reports every CSS property it skips; our stylesheet is written for it, so stay quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, base_url=str(base_url)).write_pdf()
