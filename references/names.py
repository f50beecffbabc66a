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


def initials(person) -> str:
    """'P.M.' for Peter M., 'J.-P.' for Jean-Paul."""
    out = []
    for name in person.first_names + person.middle_names:
        parts = [p for p in plain(name).split("-") if p]
        out.append("-".join(p[0].upper() + "." for p in parts if p[0].isalnum()))
    return "".join(out)


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


def join_names(names: list[str], limit: int | None = None) -> str:
    """'A', 'A and B', 'A, B and C'; past `limit` names, the first then 'et al.'.

    >>> join_names(["Smith, J.", "Jones, K.", "Brown, L."]), join_names(["A", "B", "C"], limit=2)
    ('Smith, J., Jones, K. and Brown, L.', 'A et al.')
    """
    if limit is not None and len(names) > limit:
        return f"{names[0]} {ET_AL}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def in_text(persons) -> str:
    """The names in a citation: one, two joined by 'and', three or more as 'First et al.'."""
    return join_names([surname(p) for p in persons], limit=2)


def sort_key(text: str) -> str:
    """Case- and accent-insensitive key: Schön sorts with Schon."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
