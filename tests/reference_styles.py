"""What the style tests share: BibTeX in, formatted references and citations out, for one style."""

from __future__ import annotations

from types import SimpleNamespace


def for_style(style: str) -> SimpleNamespace:
    """`refs(bib, output)`, `one(bib, output)` and `cite(text, bib, output)` for `style` ('text' by default)."""
    from references import cite_entry
    from references.bibliography import load
    from references.cite import format_list

    def refs(bib, output="text"):
        works = load(bib, "test.bib").entries
        return [text for _, _, text in format_list(dict(works), style=style, output=output)]

    def one(bib, output="text"):
        (text,) = refs(bib, output)
        return text

    def cite(text, bib, output="text"):
        return cite_entry([text], bib, style=style, output=output).cells[0]

    return SimpleNamespace(refs=refs, one=one, cite=cite)
