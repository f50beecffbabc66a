"""People in a bibliography: surnames for citations, 'Surname, I.' for the list, LaTeX made Unicode."""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec pybtex relies on)

ET_AL = "et al."


_COMMAND = re.compile(r"\\[a-zA-Z]+\*?\s*|\\(?=[^a-zA-Z])")


@lru_cache(maxsize=4096)  # names and years are decoded again and again while sorting
def unicode_latex(latex: str) -> str:
    """LaTeX decoded to Unicode, braces kept; commands it cannot render (\\mkbibquote) are dropped.

    >>> unicode_latex(r'\\mkbibquote{Sch{\\"o}n} \\& co')
    '{Sch{ö}n} & co'
    """
    try:
        text = codecs.decode(latex, "ulatex")
    except Exception:  # a stray backslash must not stop a reference list
        text = latex
    return _COMMAND.sub("", text)


def plain(latex: str) -> str:
    """Unicode text of a BibTeX value: accents decoded, braces dropped, `--` as an en dash.

    >>> plain(r'Sch{\\"o}n, {NHS} pp. 12--15')
    'Schön, NHS pp. 12–15'
    """
    return " ".join(unicode_latex(latex).replace("{", "").replace("}", "").split())


def surname(person) -> str:
    """The name a citation uses: 'von Neumann', 'Schön', or a corporate name written in braces."""
    return plain(" ".join(person.prelast_names + person.last_names))


def initials(person, sep: str = "") -> str:
    """'P.M.' for Peter M. ('P. M.' with sep=' '), 'J.-P.' for Jean-Paul."""
    out = []
    for name in person.first_names + person.middle_names:
        parts = [p for p in plain(name).split("-") if p]
        out.append("-".join(p[0].upper() + "." for p in parts if p[0].isalnum()))
    return sep.join(o for o in out if o)


def list_name(person) -> str:
    """'Senge, P.M.' in a reference list; corporate authors stay whole.

    >>> from pybtex.database import Person
    >>> list_name(Person("Senge, Peter M.")), list_name(Person("{Department of Health}"))
    ('Senge, P.M.', 'Department of Health')
    """
    name = surname(person)
    lineage = plain(" ".join(person.lineage_names))
    if lineage:
        name = f"{name} {lineage}"
    first = initials(person)
    return f"{name}, {first}" if first else name


def join_names(names: list[str], limit: int | None = None, conj: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'; past `limit` names, the first then 'et al.'.

    >>> join_names(["Smith, J.", "Jones, K.", "Brown, L."]), join_names(["A", "B", "C"], limit=2)
    ('Smith, J., Jones, K. and Brown, L.', 'A et al.')
    """
    if limit is not None and len(names) > limit:
        return f"{names[0]} {ET_AL}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conj} " + names[-1]


def in_text(persons, conj: str = "and") -> str:
    """The names in a citation: one, two joined by `conj`, three or more as 'First et al.'."""
    return join_names([surname(p) for p in persons], limit=2, conj=conj)


def apa_name(person) -> str:
    """APA's 'Senge, P. M.' and 'King, M. L., Jr.'; corporate authors stay whole.

    >>> from pybtex.database import Person
    >>> apa_name(Person("Senge, Peter Michael")), apa_name(Person("King, Jr., Martin Luther"))
    ('Senge, P. M.', 'King, M. L., Jr.')
    """
    parts = [surname(person), initials(person, " "), plain(" ".join(person.lineage_names))]
    return ", ".join(p for p in parts if p)


def forward_name(person) -> str:
    """'P. M. Senge': how APA names the editors of the book a chapter is in."""
    parts = [initials(person, " "), surname(person), plain(" ".join(person.lineage_names))]
    return " ".join(p for p in parts if p)


def amp_join(names: list[str], limit: int | None = None, comma_for_two: bool = True) -> str:
    """APA lists: 'A, & B', 'A, B, & C'; past `limit`, the first limit-1 names, '. . .', the last.

    >>> amp_join(["Glasby, J.", "Dickinson, H."]), amp_join(["J. Glasby", "H. Dickinson"], comma_for_two=False)
    ('Glasby, J., & Dickinson, H.', 'J. Glasby & H. Dickinson')
    >>> amp_join(list("ABCDE"), limit=3)
    'A, B, . . . E'
    """
    if limit is not None and len(names) > limit:
        return ", ".join(names[:limit - 1]) + ", . . . " + names[-1]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{',' if comma_for_two else ''} & {names[1]}"
    return ", ".join(names[:-1]) + ", & " + names[-1]


def sort_key(text: str) -> str:
    """Case- and accent-insensitive key: Schön sorts with Schon."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
