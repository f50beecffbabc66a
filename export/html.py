"""JournalHTMLExporter: an entry as a self-contained, script-free HTML article."""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import HTMLExporter
from traitlets import Bool, Enum, Unicode, default
from traitlets.config import Config

from journal.anatomy import entry_metadata
from journal.folder import journal_or_none
from journal.settings import PAPERS, ExportSettings
from references.dates import long_date

from .preprocessors import Shared
from .preprocessors.citations import ResolveCitations
from .preprocessors.comments import AttachComments
from .preprocessors.feedback import AttachFeedback
from .preprocessors.figures import DescribeFigures
from .preprocessors.hiding import HideCells
from .preprocessors.maths import MathsToSVG
from .preprocessors.scaffolding import DropScaffolding
from .preprocessors.tables import DescribeTables
from .sanitize import safe_html
from .typography import curly_quotes

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Images and tables before anything that needs a browser to run.
PRIORITY = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/latex",
            "text/vnd.mermaid", "text/plain", "application/vnd.jupyter.widget-view+json", "application/javascript"]


class JournalHTMLExporter(HTMLExporter):
    """A journal entry (or any notebook) as an article: title, byline, prose, outputs, references, comments.

    Code inputs are hidden unless `show_code`; no script from the notebook reaches the page.
    """

    export_from_notebook = "Journal HTML"

    show_code = Bool(False, help="Keep code inputs (hidden by default; outputs always show)").tag(config=True)
    comments = Bool(True, help="Attach the entry's approved comments").tag(config=True)
    with_feedback = Bool(False, help="A tutor's export: attach every piece of feedback (the author's own "
                         "exports always show released feedback)").tag(config=True)
    strict = Bool(False, help="Fail on a citation whose key is in no bibliography").tag(config=True)
    paper = Enum(list(PAPERS), ExportSettings.paper, help="Paper size of printed pages").tag(config=True)
    journal_dir = Unicode("", help="The journal folder; empty means the one containing the notebook, if any"
                          ).tag(config=True)

    @default("template_name")
    def _template_name_default(self):
        return "journal"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES), *super()._default_extra_template_basedirs()]

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self):
        return True

    @property
    def default_config(self):
        config = super().default_config.copy()
        config.merge(Config({"NbConvertBase": {"display_data_priority": PRIORITY}}))
        return config

    def _init_preprocessors(self):
        super()._init_preprocessors()
        # Ours run after nbconvert's own (tag removal and the like, when configured).
        for preprocessor in (DropScaffolding, HideCells, DescribeFigures, DescribeTables, ResolveCitations, MathsToSVG,
                             AttachComments, AttachFeedback):
            options = {ResolveCitations: {"strict": self.strict},
                       AttachFeedback: {"with_feedback": self.with_feedback}}.get(preprocessor, {})
            self.register_preprocessor(preprocessor(parent=self, **options), enabled=True)

    def default_filters(self):
        yield from super().default_filters()
        yield ("safe_html", safe_html)
        yield ("curly_quotes", curly_quotes)

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = dict(resources or {})
        resources["journal"] = {**entry_info(nb, resources, self), **resources.get("journal", {})}
        if not isinstance(resources["journal"]["journal_obj"], Shared):
            resources["journal"]["journal_obj"] = Shared(resources["journal"]["journal_obj"])
        self.exclude_input = not self.show_code
        resources["journal"].setdefault("comments", self.comments)
        return super().from_notebook_node(nb, resources, **kw)


def entry_info(nb, resources: dict, exporter: JournalHTMLExporter) -> dict:
    """What the template shows about an entry, from `metadata.journal` (or the file name outside a journal)."""
    meta = entry_metadata(nb)
    folder = (resources.get("metadata") or {}).get("path", "")
    name = (resources.get("metadata") or {}).get("name", "")
    title = str(meta.get("title") or nb.metadata.get("title") or name or "Untitled")
    authors = nb.metadata.get("authors") or []
    author = str(meta.get("author") or ", ".join(a.get("name", "") for a in authors if isinstance(a, dict)))
    date = str(meta.get("date") or "")[:10]
    tags = [str(t) for t in meta.get("tags", []) if isinstance(meta.get("tags", []), list)]
    given = (resources.get("journal") or {}).get("journal_obj", False)
    journal = journal_or_none(exporter.journal_dir or folder) if given is False else None
    return {
        "id": str(meta.get("id") or name or "entry"), "title": title, "author": author, "date": date,
        "date_long": long_date(date), "tags": tags, "paper": exporter.paper.upper() if exporter.paper == "a4"
        else exporter.paper, "lang": exporter.language_code, "references_html": "", "comments_html": "", "feedback_html": "",
        "source": str(Path(folder, name + ".ipynb")) if name else "", "journal_obj": journal,
        "extra_css": pygments_css() if exporter.show_code else "",
    }


def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")
