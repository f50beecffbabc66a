"""Resolve `[@key]` citations in Markdown cells and make the entry's reference list."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from . import journal_of
from traitlets import Bool, Enum


class ResolveCitations(Preprocessor):
    """Replace citations by linked author-date text and put the reference list in `resources`.

    Keys resolve against the BibTeX embedded in the entry first, then the journal's `references.bib`
    (when the notebook sits in a journal). A key found nowhere shows as "(missing: KEY)" and is
    reported once; with `strict` it is an error.
    """

    strict = Bool(False, help="Fail on a citation whose key is in no bibliography").tag(config=True)
    style = Enum(["", "harvard", "apa"], "",
                 help="Citation style; empty means the journal's setting (harvard outside a journal)"
                 ).tag(config=True)

    def preprocess(self, nb, resources):
        try:
            from references import cite_entry
        except ImportError:  # an older references package: leave the citations as typed
            self.log.warning("citations left unresolved: this references package has no cite_entry")
            return nb, resources
        info = resources.setdefault("journal", {})
        indices = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
        cells = [nb.cells[i].source for i in indices]
        embedded = nb.metadata.get("journal", {}).get("references", "") or ""
        library, library_name, style = "", "references.bib", self.style or "harvard"
        journal = journal_of(resources)
        if journal is not None:
            if journal.library_path.is_file():
                library = journal.library_path.read_text(encoding="utf-8")
                library_name = str(journal.library_path)
            style = self.style or journal.settings.style
        source = info.get("source") or "the notebook"
        result = cite_entry(cells, embedded=embedded, library=library, style=style, output="html",
                            strict=self.strict, names=(f"{source} (metadata journal.references)", library_name))
        for i, text in zip(indices, result.cells):
            nb.cells[i].source = text
        for key in dict.fromkeys(result.missing):
            self.log.warning("%s: citation key %r is in no bibliography", source, key)
        info["missing"] = list(dict.fromkeys(result.missing))
        info["references_html"] = result.reference_list
        return nb, resources
