"""The APA 7 author-date style: Harvard's design (type dispatch, labels, sorting) with APA's templates.

Types, aliases, the year-suffix rules and the list order come from `HarvardStyle`; this module
only says how APA writes names, dates, titles, containers and links.
"""

from __future__ import annotations

from functools import partial

from pybtex.richtext import HRef, String, Text
from pybtex.style.template import FieldIsMissing, _format_list, first_of, join, node, optional, sentence, tag

from .harvard import HarvardStyle
from .labels import APALabelStyle, creators
from .names import amp_join, apa_name, forward_name, plain, surname
from .nodes import (NameForm, blocks, creators_or_title, doi_or_url, edition, first_field, label_year, long_date, pages,
                    people, title_unless_first)

#: APA 7 names up to 20 authors in the list; from 21, the first 19, an ellipsis and the last.
MAX_NAMES = 20

LIST_NAMES = NameForm(apa_name, amp_join, " (Ed.)", " (Eds.)")
EDITOR_NAMES = NameForm(forward_name, partial(amp_join, comma_for_two=False), " (Ed.)", " (Eds.)")


@node
def bracketed(children, context, open="(", close=")"):
    """'(2nd ed., pp. 1–8)' from the parts that exist; nothing when none does."""
    parts = []
    for child in children:
        try:
            parts.extend(p for p in _format_list([child], context) if p)
        except FieldIsMissing:
            continue
    return Text(open, Text(", ").join(parts), close) if parts else Text()


@node
def publisher(children, context, *names):
    """The first of the fields `names`, left out when it only repeats a corporate author (APA 9.24)."""
    value = first_field(*names).format_data(context)
    _, persons = creators(context["entry"])
    if len(persons) == 1 and surname(persons[0]).casefold() == plain(str(value)).casefold():
        raise FieldIsMissing(names[0], context["entry"])
    return value


@node
def web_link(children, context, retrieved=False):
    """'https://doi.org/…' or the URL; 'Retrieved March 13, 2011, from URL' when `retrieved` and dated."""
    url, is_doi = doi_or_url(context["entry"])
    link = HRef(url, String(url))
    accessed = context["entry"].fields.get("urldate", "").strip()
    if retrieved and accessed and not is_doi:
        return Text(f"Retrieved {long_date(accessed, month_first=True)}, from ", link)
    return Text(link)


def titled(title, *details, open="(", close=")"):
    """'*Title* (2nd ed.)': details in brackets straight after a title, left out when none exists."""
    return join(sep=" ")[title, bracketed(open, close)[list(details)]]


italic_title = title_unless_first[tag("em")[first_field("title")]]
plain_title = title_unless_first[first_field("title")]
container = tag("em")[first_field("journal", "journaltitle")]
volume_issue = join[tag("em")[first_field("volume")], optional["(", first_field("number", "issue"), ")"]]
in_book = join(sep=" ")["In", optional[join[people("editor", limit=MAX_NAMES, editors_mark=True, form=EDITOR_NAMES),
                                             ","]],
                        titled(tag("em")[first_field("booktitle", "maintitle")], edition(mark="ed."),
                               optional["Vol. ", first_field("volume")], pages)]
a_publisher = publisher("publisher", "organization", "institution")


def head(title_first=tag("em")[first_field("title")]):
    """'Glasby, J., & Dickinson, H. (2014).', or '*Title*. (n.d.).' for a work with no creators."""
    who = creators_or_title(limit=MAX_NAMES, form=LIST_NAMES, title=title_first)
    return join(sep=" ")[sentence[who], join["(", label_year, ")."]]


def reference(*parts, retrieved=False, title_first=tag("em")[first_field("title")]):
    """'Head. (Year). Part. Part. Link': no full stop after a DOI or URL, as APA asks."""
    return join(sep=" ")[head(title_first), blocks[[optional[part] for part in parts]],
                         optional[web_link(retrieved=retrieved)]]


class APAStyle(HarvardStyle):
    """APA 7: 'Senge, P. M. (1990). *The fifth discipline*. Doubleday.'"""

    default_label_style = APALabelStyle
    fallback = staticmethod(reference)

    def get_article_template(self, e):
        return reference(plain_title,
                         join(sep=", ")[optional[container], optional[volume_issue],
                                        optional[pages(single="", multiple="")]],
                         title_first=first_field("title"))

    def get_book_template(self, e):
        return reference(titled(italic_title, edition(mark="ed."), optional["Vol. ", first_field("volume")]),
                         a_publisher)

    def get_incollection_template(self, e):
        return reference(plain_title, in_book, a_publisher, title_first=first_field("title"))

    get_inproceedings_template = get_incollection_template

    def get_report_template(self, e):
        kind = "Technical Report" if e.type.lower() == "techreport" else "Report"
        number = join(sep=" ")[first_of[optional[first_field("type")], kind], "No.", first_field("number")]
        return reference(titled(italic_title, number), publisher("institution", "publisher", "organization"))

    def get_thesis_template(self, e):
        kinds = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}
        return reference(titled(italic_title, first_of[optional[first_field("type")], kinds.get(e.type.lower(), "Thesis")],
                                first_field("school", "institution"), open="[", close="]"))

    def get_misc_template(self, e):
        return reference(titled(italic_title, edition(mark="ed.")), in_book, container,
                         first_field("howpublished", "type"),
                         publisher("organization", "publisher", "institution", "school"), first_field("note"),
                         retrieved=True)
