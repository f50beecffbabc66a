"""pybtex template nodes for author-date styles: fields that never crash, names, years, access dates."""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from pybtex.richtext import HRef, String, Text
from pybtex.style.template import FieldIsMissing, _format_list, node

from . import dates
from .labels import creators, year as year_of
from .names import join_names, list_name, plain, unicode_latex

class NameForm(NamedTuple):
    """How a style writes a role's people: each name, the joined list, and the editor marks."""

    name: Callable  # person -> 'Senge, P.M.'
    join: Callable  # (names, limit=None) -> 'A, B and C'
    editor: str = " (ed.)"
    editors: str = " (eds)"


HARVARD_NAMES = NameForm(list_name, join_names)


def rich(latex: str) -> Text:
    """Rich text of a BibTeX value (braces kept as protected text), or plain Unicode if it will not parse."""
    from pybtex.markup import LaTeXParser

    try:
        return LaTeXParser(unicode_latex(latex)).parse()
    except Exception:
        return Text(plain(latex))


@node
def first_field(children, context, *names, apply=None):
    """The first of the fields `names` that the work has; missing if none (so `optional` drops it)."""
    fields = context["entry"].fields
    for name in names:
        value = fields.get(name)
        if value and value.strip():
            text = rich(value)
            return apply(text) if apply else text
    raise FieldIsMissing(names[0], context["entry"])


@node
def blocks(children, context):
    """Join the non-empty parts as sentences: '. ' between them unless one already ends in . ? or !"""
    out = Text()
    for part in _format_list(children, context):
        if not part:
            continue
        out = Text(out, " " if out.endswith((".", "?", "!")) else ". ", part) if out else part
    return out.add_period() if out else out


@node
def people(children, context, role, limit=None, editors_mark=False, form=HARVARD_NAMES):
    """'Reynolds, M. and Holwell, S.' for `role`, plus '(ed.)'/'(eds)' when `editors_mark`."""
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    text = form.join([form.name(p) for p in persons], limit=limit)
    if editors_mark:
        text += form.editors if len(persons) > 1 else form.editor
    return Text(text)


@node
def creators_or_title(children, context, limit=None, form=HARVARD_NAMES, title=None):
    """Who a work is by (authors, else editors marked '(ed.)'), else its title (`title` node, else italic)."""
    entry = context["entry"]
    role, persons = creators(entry)
    if role:
        return people(role, limit=limit, editors_mark=role == "editor", form=form).format_data(context)
    if title is not None and entry.fields.get("title", "").strip():
        return Text(*_format_list([title], context))
    title = entry.fields.get("title")
    if title:
        return Text(_tag_em(rich(title)))
    return Text(entry.key)


def _tag_em(text):
    from pybtex.richtext import Tag

    return Tag("em", text)


@node
def title_unless_first(children, context):
    """The title, unless a work with no creators already leads with it."""
    role, _ = creators(context["entry"])
    if not role:
        return Text()
    return Text(*_format_list(children, context))


@node
def label_year(children, context):
    """'2010a': the year with its suffix, from the label when the label style made one."""
    label = context.get("label")
    return Text(getattr(label, "year", None) or year_of(context["entry"]))


@node
def pages(children, context, single="p.", multiple="pp."):
    """'pp. 191–242' (from 191--242 or 191-242) or 'p. 6'."""
    value = context["entry"].fields.get("pages", "").strip()
    if not value:
        raise FieldIsMissing("pages", context["entry"])
    text = re.sub(r"(?<=\w)\s*-\s*(?=\w)", "–", plain(value))  # a page range takes an en dash: 795–804
    many = bool(re.search(r"[-–,+]", text))
    mark = multiple if many else single
    return Text(f"{mark} {text}" if mark else text)


@node
def edition(children, context, mark="edn"):
    """'2nd edn' from edition = {2} ('2nd ed.' with mark='ed.'); words are kept ('Revised edn')."""
    value = plain(context["entry"].fields.get("edition", ""))
    if not value:
        raise FieldIsMissing("edition", context["entry"])
    if value.isdigit():
        n = int(value)
        if n == 1:
            raise FieldIsMissing("edition", context["entry"])  # a first edition goes unsaid
        end = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        value = f"{n}{end}"
    value = re.sub(r"\s*(edition|ed\.?|edn\.?)$", "", value, flags=re.I)
    return Text(f"{value} {mark}")


def long_date(value: str, month_first: bool = False) -> str:
    """`dates.long_date` of a BibTeX value (LaTeX markup made plain first).

    >>> long_date("2011-03-13"), long_date(r"{Spring} 2011")
    ('13 March 2011', 'Spring 2011')
    """
    return dates.long_date(plain(value), month_first)


def doi_or_url(entry) -> tuple[str, bool]:
    """('https://doi.org/…', True) from a DOI, else (the URL unescaped, False); missing if neither."""
    fields = entry.fields
    doi, url = fields.get("doi", "").strip(), fields.get("url", "").strip()
    if doi:
        doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", plain(doi), flags=re.I)
        return f"https://doi.org/{doi}", True
    if not url:
        raise FieldIsMissing("url", entry)
    return url.replace("\\_", "_").replace("\\%", "%").replace("\\&", "&").replace("\\#", "#"), False


@node
def available(children, context):
    """'Available at: https://doi.org/… ' or 'Available at: URL (Accessed: 13 March 2011)'."""
    fields = context["entry"].fields
    url, is_doi = doi_or_url(context["entry"])
    text = Text("Available at: ", HRef(url, String(url)))
    if is_doi:
        return text
    accessed = fields.get("urldate", "").strip()
    if accessed:
        text = Text(text, f" (Accessed: {long_date(accessed)})")
    return text
