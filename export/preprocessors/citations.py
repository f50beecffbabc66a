"""Resolve `[@key]` citations in Markdown cells and make the entry's reference list."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Enum

from journal.citing import resolve
from journal.settings import STYLES

from . import journal_of


class ResolveCitations(Preprocessor):
    """Replace citations by linked author-date text and put the reference list in `resources`.

    Keys resolve against the BibTeX embedded in the entry first, then the journal's `references.bib`
    (when the notebook sits in a journal). A key found nowhere shows as "(missing: KEY)" and is
    reported once; with `strict` it is an error.
    """

    strict = Bool(False, help="Fail on a citation whose key is in no bibliography").tag(config=True)
    style = Enum(["", *STYLES], "",
                 help="Citation style; empty means the journal's setting (harvard outside a journal)"
                 ).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.setdefault("journal", {})
        library_path, style = None, self.style or "harvard"
        journal = journal_of(resources)
        if journal is not None:
            library_path, style = journal.library_path, self.style or journal.settings.style
        source = info.get("source") or "the notebook"
        result = resolve(nb, library_path, source=source, style=style, strict=self.strict)
        for key in dict.fromkeys(result.missing):
            self.log.warning("%s: citation key %r is in no bibliography", source, key)
        info["missing"] = list(dict.fromkeys(result.missing))
        info["references_html"] = result.reference_list
        return nb, resources
