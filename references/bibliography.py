"""BibTeX source in and out: parsing, picking works by key."""

from __future__ import annotations


def extract(source: str, keys) -> str:
    """BibTeX source holding only the works `keys` of `source`, in that order."""
    from pybtex.database import BibliographyData, parse_string

    data = parse_string(source, "bibtex")
    picked = BibliographyData()
    for key in keys:
        picked.add_entry(key, data.entries[key])
    return picked.to_string("bibtex") if picked.entries else ""
