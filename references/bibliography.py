"""BibTeX source in and out: lenient parsing with located problems, picking works by key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ReferencesError

_ENTRY_START = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s}]*)")


@dataclass
class Loaded:
    """What a .bib source yielded: the works that loaded, and one line per problem."""

    data: object  # pybtex.database.BibliographyData
    problems: list[str] = field(default_factory=list)

    @property
    def entries(self):
        return self.data.entries

    def raise_first(self) -> None:
        """Raise the first problem as a ReferencesError (for strict callers)."""
        if self.problems:
            more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
            raise ReferencesError(self.problems[0] + more)


def load(source: str, name: str = "references.bib") -> Loaded:
    """Parse BibTeX `source`, skipping broken works; each problem names `name`, the line and the key.

    >>> loaded = load("@book{ok, title={Fine}}\\n@book{bad, title={Unclosed}\\n@book{ok2, title={Also fine}}", "my.bib")
    >>> sorted(loaded.entries)
    ['ok', 'ok2']
    >>> loaded.problems  # doctest: +ELLIPSIS
    ["my.bib, line 2: entry bad: '}' expected..."]
    """
    parser = _LenientParser(name)
    try:
        parser.parse_string(source or "")
    except Exception as exc:  # the low-level scanner can still give up: keep what loaded
        parser.note(_message(exc), parser.entry_line(), parser.current_key())
    for key in parser.broken:
        parser.data.entries.pop(key, None)
    _check_fields(parser)
    return Loaded(parser.data, parser.problems)


def read(path) -> str:
    """The BibTeX text of the file `path`: "" when there is none, ReferencesError naming it when unreadable."""
    from pathlib import Path

    path = Path(path)
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferencesError(f"{path}: cannot read: {exc}") from None


def parse(source: str, name: str = "references.bib"):
    """BibliographyData of `source`; any problem raises ReferencesError naming file, line and key."""
    loaded = load(source, name)
    loaded.raise_first()
    return loaded.data


def extract(source: str, keys) -> str:
    """BibTeX source holding only the works `keys` of `source`, in that order."""
    data = parse(source)
    missing = [k for k in keys if k not in data.entries]
    if missing:
        raise ReferencesError(f"no work {missing[0]!r} in the bibliography")
    return to_bibtex([(k, data.entries[k]) for k in keys])


def to_bibtex(pairs) -> str:
    """BibTeX source of (key, pybtex Entry) pairs."""
    from pybtex.database import BibliographyData

    data = BibliographyData()
    for key, entry in pairs:
        data.entries[key] = entry
    return data.to_string("bibtex") if data.entries else ""


def fingerprint(entry) -> tuple:
    """What a work says, ignoring field order, case of names and whitespace: equal means same content."""
    fields = tuple(sorted((k.lower(), " ".join(str(v).split())) for k, v in entry.fields.items()
                          if k.lower() not in _BOOKKEEPING))
    persons = tuple(sorted((role.lower(), tuple(str(p) for p in people)) for role, people in entry.persons.items()))
    return entry.type.lower(), fields, persons


_BOOKKEEPING = {"file", "abstract", "keywords", "note_internal", "timestamp", "owner", "groups", "langid",
                "annotation", "mendeley-tags", "ranking", "readstatus", "priority"}


class _LenientParser:
    """pybtex's BibTeX parser with errors collected instead of raised, each located by line and key."""

    def __init__(self, name: str):
        from pybtex.database.input.bibtex import LowLevelParser, Parser

        outer = self

        class Collecting(Parser):
            def handle_error(self, error):
                outer.on_error(error)

            def process_entry(self, entry_type, key, fields):
                from pybtex import errors as pybtex_errors

                line = outer.entry_line()
                if key in self.data.entries:
                    outer.note(f"repeated key {key} (the first one is kept)", line, key)
                    return
                with pybtex_errors.capture() as captured:  # data-level errors (bad names) arrive here
                    try:
                        super().process_entry(entry_type, key, fields)
                    except Exception as exc:
                        captured.append(exc)
                for exc in captured:
                    outer.note(_message(exc), line, key)

            def parse_string(self, text):
                # Parser.parse_string, keeping a handle on the scanner to locate problems.
                self.unnamed_entry_counter = 1
                outer.scanner = LowLevelParser(text, handle_error=self.handle_error, macros=self.macros,
                                               want_entry=self.data.want_entry, filename=outer.name)
                for kind, body in outer.scanner:
                    if kind.lower() == "preamble":
                        self.process_preamble(*body)
                    elif kind.lower() != "string":
                        self.process_entry(kind, *body)
                return self.data

        self.name = name
        self.text = ""
        self.parser = Collecting()
        self.problems: list[str] = []
        self.broken: set[str] = set()
        self.scanner = None

    @property
    def data(self):
        return self.parser.data

    def parse_string(self, text: str) -> None:
        self.text = text
        self.parser.parse_string(text)

    def current_key(self):
        key = getattr(self.scanner, "current_entry_key", None)
        if key is None and self.scanner is not None:
            start = getattr(self.scanner, "command_start", 0) or 0
            match = _ENTRY_START.match(self.text, start)
            key = match.group(2) if match else None
        return key

    def entry_line(self):
        """The line where the work being read starts."""
        start = getattr(self.scanner, "command_start", None)
        return None if start is None else self.text.count("\n", 0, start) + 1

    def on_error(self, error) -> None:
        key = self.current_key()
        at = getattr(error, "lineno", None)
        line = self.entry_line() or at
        self.note(_message(error) + (f" (line {at})" if at and at != line else ""), line, key)
        if key:
            self.broken.add(key)

    def note(self, message: str, line, key) -> None:
        where = self.name + (f", line {line}" if line else "")
        what = f"entry {key}: " if key else ""
        self.problems.append(f"{where}: {what}{message}")


def _check_fields(parser: _LenientParser) -> None:
    """Drop nothing, but neutralise field values whose braces do not balance, so formatting never fails."""
    for key, entry in parser.data.entries.items():
        for name, value in list(entry.fields.items()):
            if value.count("{") != value.count("}") or _bad_order(value):
                parser.note(f"field {name} has unbalanced braces", None, key)
                entry.fields[name] = value.replace("{", "").replace("}", "")


def _bad_order(value: str) -> bool:
    depth = 0
    for ch in value:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return True
    return False


def _message(exc) -> str:
    text = str(exc)
    text = re.sub(r"^syntax error in line \d+: ", "", text)
    return text or type(exc).__name__
