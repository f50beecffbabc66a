"""Resolving an entry's citations: cited keys -> works -> rendered citations and a reference list."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .apa import APAStyle
from .backends import backend, escape_for
from .bibliography import load, read
from .citations import Citation, find_citations
from .errors import ReferencesError
from .harvard import HarvardStyle
from .names import plain

HEADING = "References"


@dataclass
class CiteResult:
    """What `cite_entry` gives back: rewritten cells, the list, the keys and what was not found."""

    cells: list[str]
    reference_list: str
    keys: list[str]
    missing: list[str]
    problems: list[str] = field(default_factory=list)  # malformed works in the sources, one line each
    works: dict = field(default_factory=dict)           # key -> pybtex Entry, for the keys found


def get_style(name: str = "harvard"):
    """An instance of the formatting style `name` (ours by name, else any installed pybtex style)."""
    ours = {"harvard": HarvardStyle, "apa": APAStyle}
    if name in ours:
        return ours[name]()
    from pybtex.plugin import PluginNotFound, find_plugin

    try:
        return find_plugin("pybtex.style.formatting", name)()
    except PluginNotFound:
        raise ReferencesError(f"unknown citation style {name!r} (choose harvard or apa)") from None


def resolve(keys, embedded="", library="", names=("entry metadata", "references.bib")):
    """(works found by key, keys found nowhere, problems): the embedded bibliography wins over the library."""
    sources = [load(embedded, names[0]), load(library, names[1])]
    works, missing = {}, []
    for key in keys:
        entry = next((s.entries[key] for s in sources if key in s.entries), None)
        if entry is None:
            missing.append(key)
        else:
            works[key] = entry
    return works, missing, [p for s in sources for p in s.problems]


def format_list(works, *, style="harvard", output="html"):
    """[(key, label, rendered reference)] in list order; labels carry `names` and `year`."""
    out = backend(output)
    formatter = get_style(style) if isinstance(style, str) else style
    return [(fe.key, fe.label, fe.text.render(out)) for fe in formatter.format_entries(works.values())]


def reference_list(formatted, output="html") -> str:
    """The list as one block of `output`; '' when nothing is cited."""
    if not formatted:
        return ""
    if output == "html":
        items = "".join(f'<li id="ref-{escape(key)}">{text}</li>' for key, _, text in formatted)
        return f'<section class="references"><h2>{HEADING}</h2><ul>{items}</ul></section>'
    body = "\n\n".join(text for _, _, text in formatted)
    return f"## {HEADING}\n\n{body}\n" if output == "markdown" else f"{HEADING}\n\n{body}\n"


def cite_entry(cells, embedded="", library="", *, style="harvard", output="html", strict=False,
               names=("entry metadata", "references.bib")) -> CiteResult:
    """Replace the citations in Markdown `cells` and render their reference list.

    Keys resolve against `embedded` BibTeX first, then `library`. A key found nowhere renders as
    '(missing: KEY)', or raises ReferencesError when `strict`.
    """
    cells = list(cells)
    found = [find_citations(cell) for cell in cells]
    keys = list(dict.fromkeys(k for cites in found for c in cites for k in c.keys))
    works, missing, problems = resolve(keys, embedded, library, names)
    if strict and missing:
        listed = ", ".join(missing)
        raise ReferencesError(f"cited but found in neither {names[0]} nor {names[1]}: {listed}")
    formatted = format_list(works, style=style, output=output)
    labels = {key: label for key, label, _ in formatted}
    new_cells = []
    for cell, cites in zip(cells, found):
        for citation in reversed(cites):  # from the end, so earlier offsets stay valid
            cell = cell[:citation.start] + render_citation(citation, labels, output) + cell[citation.end:]
        new_cells.append(cell)
    return CiteResult(new_cells, reference_list(formatted, output), keys, missing, problems, works)


def cite_notebook(cells, embedded="", library_path=None, *, source="the notebook", style="harvard",
                  output="html", strict=False) -> CiteResult:
    """`cite_entry` for a notebook's Markdown `cells`: its embedded BibTeX, then the library file, if any.

    Messages name the notebook (`source`) and the library file.
    """
    library = read(library_path) if library_path else ""
    return cite_entry(cells, embedded, library, style=style, output=output, strict=strict,
                      names=(f"{source} (metadata journal.references)", str(library_path or "references.bib")))


def render_citation(citation: Citation, labels, output="html") -> str:
    """One citation in `output`: '(Schön, 1983, p. 6)', 'Senge (1990)', '(Department of Health, 2010a, 2010b)'.

    Inside parentheses a label's `parenthetical` names are used ('Glasby & Dickinson' in APA). Several works
    are given in the reference list's order (`labels` is in that order: author, year, suffix), whatever order
    they were typed in, as Cite Them Right and pandoc's citeproc do; unknown keys come last.

    >>> from references.labels import Label
    >>> from references.citations import find_citations
    >>> labels = {"a": Label("Department of Health", "2010a"), "b": Label("Department of Health", "2010b"),
    ...           "s": Label("Senge", "1990")}
    >>> [render_citation(c, labels, "text") for c in find_citations("[@a; @b] @s [p. 4] [-@s] [see @s; @x]")]
    ['(Department of Health, 2010a, 2010b)', 'Senge (1990, p. 4)', '(1990)', '(see Senge, 1990; missing: x)']
    >>> [render_citation(c, labels, "text") for c in find_citations("[@s; @x; @b; @a, p. 3]")]
    ['(Department of Health, 2010a, p. 3, 2010b; Senge, 1990; missing: x)']
    """
    esc = lambda text: escape_for(output, text)  # noqa: E731
    html = output == "html"

    def link(key, text):
        return f'<a class="citation" href="#ref-{escape(key)}">{text}</a>' if html else text

    if citation.narrative:
        item = citation.items[0]
        label = labels.get(item.key)
        if label is None:
            return _missing(item.key, output)
        inner = esc(label.year + (f", {plain(item.locator)}" if item.locator else ""))
        return link(item.key, f"{esc(label.names)} ({inner})")
    rank = {key: i for i, key in enumerate(labels)}
    groups: list[list[str]] = []
    previous = None
    for item in sorted(citation.items, key=lambda it: rank.get(it.key, len(rank))):
        label = labels.get(item.key)
        locator = f", {plain(item.locator)}" if item.locator else ""
        if label is None:
            text, names = f"missing: {item.key}", None
        elif item.suppress_author or (previous is not None and label.parenthetical == previous and not item.prefix):
            text, names = label.year + locator, label.parenthetical
        else:
            text, names = f"{label.parenthetical}, {label.year}{locator}", label.parenthetical
        if item.prefix:
            text = f"{plain(item.prefix)} {text}"
        rendered = esc(text) if label else f'<span class="missing">{esc(text)}</span>' if html else text
        rendered = link(item.key, rendered) if label else rendered
        if groups and names is not None and names == previous and not item.prefix and not item.suppress_author:
            groups[-1].append(rendered)
        else:
            groups.append([rendered])
        previous = names
    if len(citation.items) == 1:
        item = citation.items[0]
        if item.key not in labels:
            return _missing(item.key, output, prefix=item.prefix)
        if html:  # one work: the parentheses go inside the link
            return link(item.key, f"({esc(_text_of(citation.items[0], labels[item.key]))})")
    body = "; ".join(", ".join(group) for group in groups)
    return f'<span class="citation">({body})</span>' if html else f"({body})"


def _text_of(item, label) -> str:
    """'see Schön, 1983, p. 6' or '1983' for a suppressed author."""
    locator = f", {plain(item.locator)}" if item.locator else ""
    text = label.year + locator if item.suppress_author else f"{label.parenthetical}, {label.year}{locator}"
    return f"{plain(item.prefix)} {text}" if item.prefix else text


def _missing(key: str, output: str, prefix: str = "") -> str:
    text = f"({plain(prefix) + ' ' if prefix else ''}missing: {key})"
    if output == "html":
        return f'<span class="citation missing">{escape(text)}</span>'
    return escape_for(output, text)
