"""Reference list order for author-date styles, as a pybtex sorting plugin."""

from __future__ import annotations

from pybtex.style.sorting import BaseSortingStyle

from .labels import NO_DATE, creators, title, year
from .names import list_name, sort_key


class AuthorYearTitleSortingStyle(BaseSortingStyle):
    """First author's surname (accents ignored), then the other authors, year ('n.d.' first), title.

    Works with the same authors and year therefore sort by title, which is also the order
    of their year suffixes.
    """

    def sorting_key(self, entry):
        _, people = creators(entry)
        names = tuple(sort_key(list_name(p)) for p in people) or (sort_key(title(entry)),)
        when = year(entry)
        return names, "" if when == NO_DATE else when, sort_key(title(entry)), entry.key
