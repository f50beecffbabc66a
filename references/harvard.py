"""The Harvard author-date style ("Cite Them Right" family) as a pybtex formatting plugin.

Each BibTeX type is a declarative template; labels (year suffixes) and the list order come
from the `author_year` label and `harvard` sorting plugins.
"""

from __future__ import annotations

from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import first_of, join, optional, sentence, tag

from .labels import AuthorYearLabelStyle
from .nodes import (available, blocks, creators_or_title, edition, first_field, label_year, pages, people,
                    title_unless_first)
from .sorting import AuthorYearTitleSortingStyle

#: Reference lists name up to this many authors, then "et al." (citations use "et al." from three).
MAX_NAMES = 10

head = join(sep=" ")[creators_or_title(limit=MAX_NAMES), join["(", label_year, ")"]]
quoted_title = title_unless_first[join["‘", first_field("title"), "’"]]
italic_title = title_unless_first[tag("em")[first_field("title")]]
place_publisher = join(sep=": ")[optional[first_field("location", "address")],
                                 optional[first_field("publisher", "organization")]]
volume_issue = join[first_field("volume"), optional["(", first_field("number", "issue"), ")"]]
in_editors = join(sep=" ")["In:", optional[people("editor", limit=MAX_NAMES, editors_mark=True)],
                           tag("em")[first_field("booktitle", "maintitle")]]
series = join(sep=", ")[first_field("series"), optional["vol. ", first_field("volume")]]


def reference(*parts):
    """'Head (Year) Part. Part. Part.': the year runs straight into the first part.

    Every part is optional: a work missing a field renders what it has.
    """
    return sentence(sep=" ")[head, blocks[[optional[part] for part in parts]]]


class HarvardStyle(BaseStyle):
    """Harvard: 'Senge, P.M. (1990) *The Fifth Discipline*. New York: Doubleday.'"""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = AuthorYearTitleSortingStyle
    default_name_style = "plain"
    #: The template of a work whose own template cannot format it (a subclass gives its own).
    fallback = staticmethod(reference)

    def format_entry(self, label, entry, bib_data=None):
        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label}
        try:
            text = self.template_for(entry).format_data(context)
        except Exception:  # a value pybtex cannot read must not cost the whole list
            text = self.fallback().format_data(context)
        return FormattedEntry(entry.key, text, label)

    def template_for(self, entry):
        """The template of `entry`'s type; unknown types get the generic one."""
        kind = entry.type.lower()
        if kind == "inbook" and "booktitle" not in entry.fields:
            kind = "book"  # BibTeX's inbook: a part of a book by the same authors
        getter = getattr(self, f"get_{ALIASES.get(kind, kind)}_template", None)
        return getter(entry) if getter else self.get_misc_template(entry)

    def get_article_template(self, e):
        return reference(join(sep=", ")[quoted_title, optional[tag("em")[first_field("journal", "journaltitle")]],
                                              optional[volume_issue], optional[pages]],
                         optional[available])

    def get_book_template(self, e):
        return reference(italic_title, optional[edition], optional[series],
                         optional[place_publisher], optional[pages], optional[available])

    def get_incollection_template(self, e):
        return reference(quoted_title, optional[edition], in_editors,
                         join(sep=", ")[optional[place_publisher], optional[pages]], optional[available])

    def get_inproceedings_template(self, e):
        return reference(quoted_title, in_editors,
                         join(sep=", ")[optional[first_field("venue", "eventtitle")], optional[place_publisher],
                                        optional[pages]],
                         optional[available])

    def get_report_template(self, e):
        kind = "Technical report" if e.type.lower() == "techreport" else ""
        return reference(italic_title,
                         join(sep=" ")[first_of[optional[first_field("type")], kind], optional[first_field("number")]],
                         join(sep=": ")[optional[first_field("location", "address")],
                                        optional[first_field("institution", "publisher", "organization")]],
                         optional[available])

    def get_thesis_template(self, e):
        kinds = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
        return reference(italic_title, first_of[optional[first_field("type")], kinds.get(e.type.lower(), "Thesis")],
                         join(sep=", ")[optional[first_field("school", "institution")], optional[first_field("location", "address")]],
                         optional[available])

    def get_misc_template(self, e):
        return reference(italic_title, optional[edition],
                         optional[in_editors],
                         optional[tag("em")[first_field("journal", "journaltitle")]],
                         optional[first_field("howpublished", "type")],
                         optional[place_publisher], optional[first_field("institution", "school")],
                         optional[pages], optional[first_field("note")], optional[available])


ALIASES = {
    "inbook": "incollection", "incollection": "incollection", "suppbook": "incollection",
    "conference": "inproceedings", "inproceedings": "inproceedings",
    "proceedings": "book", "collection": "book", "mvbook": "book", "mvcollection": "book",
    "mvproceedings": "book", "reference": "book", "mvreference": "book", "bookinbook": "incollection",
    "inreference": "incollection", "suppcollection": "incollection", "booklet": "book", "manual": "book",
    "techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis",
    "online": "misc", "electronic": "misc", "www": "misc", "webpage": "misc", "unpublished": "misc",
    "periodical": "article", "suppperiodical": "article",
}
