"""Author-date labels ("Senge, 1990", "Department of Health, 2010b") as a pybtex label plugin."""

from __future__ import annotations

import re
from string import ascii_lowercase

from pybtex.style.labels import BaseLabelStyle

from .names import in_text, list_name, plain, sort_key

NO_DATE = "n.d."


class Label(str):
    """A label that also knows its parts: `names` ("Glasby and Dickinson") and `year` ("2014", "2010a").

    `parenthetical` is how the names read inside parentheses ("Glasby & Dickinson" in APA);
    it defaults to `names`.
    """

    names: str
    year: str
    parenthetical: str

    def __new__(cls, names: str, year: str, parenthetical: str | None = None):
        label = super().__new__(cls, f"{names}, {year}")
        label.names, label.year = names, year
        label.parenthetical = names if parenthetical is None else parenthetical
        return label


def creators(entry) -> tuple[str, list]:
    """The role that stands first in a reference (author, else editor) and its people."""
    for role in ("author", "editor"):
        people = entry.persons.get(role)
        if people:
            return role, list(people)
    return "", []


def year(entry) -> str:
    """The year of publication ('2010'), from `year` or a biblatex `date`; 'n.d.' when there is none."""
    raw = entry.fields.get("year") or entry.fields.get("date") or ""
    match = re.search(r"\d{4}", plain(raw))
    return match.group(0) if match else NO_DATE


def title(entry) -> str:
    return plain(entry.fields.get("title", ""))


def cited_names(entry, conj: str = "and") -> str:
    """What a citation names: the authors (or editors), else the title, else the key."""
    _, people = creators(entry)
    if people:
        return in_text(people, conj)
    return title(entry) or entry.key


def _same_work_key(entry) -> tuple:
    """Works with equal keys here differ only by suffix: same full author list and year."""
    _, people = creators(entry)
    names = tuple(sort_key(list_name(p)) for p in people) or (sort_key(title(entry)),)
    return names, year(entry)


def suffixes(entries) -> dict[str, str]:
    """'a', 'b', … for works sharing author list and year, in title order; '' for the rest."""
    groups: dict[tuple, list] = {}
    for entry in entries:
        groups.setdefault(_same_work_key(entry), []).append(entry)
    out = {}
    for group in groups.values():
        if len(group) == 1:
            out[group[0].key] = ""
            continue
        group.sort(key=lambda e: (sort_key(title(e)), e.key))
        for i, entry in enumerate(group):
            out[entry.key] = _letters(i)
    return out


def _letters(i: int) -> str:
    """a … z, then aa, ab …"""
    return ascii_lowercase[i] if i < 26 else _letters(i // 26 - 1) + ascii_lowercase[i % 26]


class AuthorYearLabelStyle(BaseLabelStyle):
    """pybtex label plugin: yields a Label per sorted entry ('Department of Health', '2010a')."""

    def format_labels(self, sorted_entries):
        sorted_entries = list(sorted_entries)
        marks = suffixes(sorted_entries)
        for entry in sorted_entries:
            yield self.label(entry, marks[entry.key])

    def label(self, entry, suffix: str) -> Label:
        """The label of one work, given its year suffix ('' when it needs none)."""
        return Label(cited_names(entry), year(entry) + suffix)


class APALabelStyle(AuthorYearLabelStyle):
    """APA 7: '&' inside parentheses ('Glasby & Dickinson'), and 'n.d.-a' for undated works."""

    def label(self, entry, suffix: str) -> Label:
        when = year(entry)
        if suffix and when == NO_DATE:
            suffix = "-" + suffix
        return Label(cited_names(entry), when + suffix, parenthetical=cited_names(entry, "&"))


def labels(entries, style: AuthorYearLabelStyle | None = None) -> dict[str, Label]:
    """A Label for each work, suffixes worked out across all of `entries`."""
    entries = list(entries)
    found = (style or AuthorYearLabelStyle()).format_labels(entries)
    return {e.key: label for e, label in zip(entries, found)}
