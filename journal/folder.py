"""A journal is a folder: settings, entries, a reference library, comments, exports."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .comments import CommentStore
from .entry import Entry, write_notebook
from .environment import environment
from .errors import EntryError, JournalError, NotAJournal
from .feedback.store import feedback_of
from .registry import JOINED_STORES, registered
from .roles import current_user, current_user_name
from .settings import FILENAME, Settings
from .suggest import did_you_mean
from .templates import from_template

if TYPE_CHECKING:
    from .comments.protocol import CommentStoreProtocol, FeedbackStoreProtocol

ENTRIES = "entries"
LIBRARY = "references.bib"
COMMENTS = "comments.csv"
EXPORTS = "exports"


@runtime_checkable
class JournalProtocol(Protocol):
    """What an export, a report or a digest reads of a journal. A Journal folder meets it, and so does each
    stand-in for a journal the course keeps (report.course.SharedJournal, export.course.ArticleJournal):
    nothing that reads one tests a path to decide what it has."""

    path: Path                          # where it is or stands: the course.toml of its class is beside it
    settings: Settings

    @property
    def title(self) -> str: ...

    @property
    def author(self) -> str: ...

    @property
    def library_path(self) -> Path | None:
        """The shared reference library (references.bib), or None: only what the entries embed."""

    def entries(self, *, published_only: bool = False) -> list[Entry]: ...

    @property
    def comments(self) -> "CommentStoreProtocol | None":
        """Its comment store, or None where none is shown (an article for a course page)."""

    @property
    def feedback(self) -> "FeedbackStoreProtocol | None":
        """Tutors' feedback in its comment store, as that store's actor may read it; None with no store."""


class Journal:
    """A journal folder (meets JournalProtocol). Use `Journal.create` or `Journal.open`, not the constructor."""

    def __init__(self, path: Path, settings: Settings):
        self.path = Path(path)
        self.settings = settings

    # -- finding and making ------------------------------------------------
    @classmethod
    def create(cls, path, *, title: str | None = None, author: str | None = None,
               username: str | None = None) -> "Journal":
        """Make a journal in `path`: `title` defaults to one made from the folder's name, `author` to the
        current user's full name (else their login), `username` to the current user."""
        path = Path(path)
        if (path / FILENAME).exists():
            raise JournalError(f"{path / FILENAME}: a journal already exists here")
        title = default_title(path) if title is None else title
        author = current_user_name() if author is None else author
        if not title.strip():
            raise JournalError("a journal needs a title (--title)")
        if not author.strip():
            raise JournalError("a journal needs an author name (--author)")
        settings = Settings(title=title, author=author, username=current_user() if username is None else username)
        (path / ENTRIES).mkdir(parents=True, exist_ok=True)
        library = path / LIBRARY
        if not library.exists():
            library.write_text("% The journal's shared reference library (BibTeX).\n", encoding="utf-8")
        gitignore = path / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text(f"{EXPORTS}/\n*.lock\n", encoding="utf-8")
        settings.save(path / FILENAME)
        return cls(path, settings)

    @classmethod
    def open(cls, path) -> "Journal":
        path = Path(path)
        if not (path / FILENAME).is_file():
            raise NotAJournal(f"{path}: not a journal folder (no {FILENAME}; run 'journal init' to make one)")
        return cls(path, Settings.load(path / FILENAME))

    @classmethod
    def find(cls, start=".") -> "Journal":
        """The journal containing `start`, found by walking up to a `journal.toml`."""
        start = Path(start).resolve()
        for folder in (start, *start.parents):
            if (folder / FILENAME).is_file():
                return cls.open(folder)
        raise NotAJournal(f"no {FILENAME} in {start} or any folder above it (use --dir or 'journal init')")

    # -- parts of the folder ----------------------------------------------
    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def author(self) -> str:
        return self.settings.author

    @property
    def entries_dir(self) -> Path:
        return self.path / ENTRIES

    @property
    def library_path(self) -> Path:
        return self.path / LIBRARY

    @property
    def comments_path(self) -> Path:
        return self.path / COMMENTS

    @property
    def exports_dir(self) -> Path:
        return self.path / EXPORTS

    @cached_property
    def comments(self):
        """The comment store of this journal: the course's, once the journal has joined one, else its own log."""
        if self.settings.course.url:
            return joined_store(self.settings, self.path / FILENAME)
        return CommentStore(self.comments_path, self.settings)

    @property
    def feedback(self):
        """Tutors' feedback on this journal, kept in the comment log; each reader sees only what they may."""
        return feedback_of(self)

    # -- entries ------------------------------------------------------------
    def entries(self, *, published_only: bool = False) -> list[Entry]:
        """Every entry, oldest first; a broken notebook raises naming its file."""
        found = [Entry.load(p) for p in sorted(self.entries_dir.glob("*.ipynb"))]
        seen: dict[str, Path] = {}
        for entry in found:
            if entry.id in seen:
                raise EntryError(f"{entry.path}: id {entry.id!r} is already used by {seen[entry.id].name}")
            seen[entry.id] = entry.path
        found.sort(key=lambda e: (e.date, e.path.name))
        return [e for e in found if e.published] if published_only else found

    def entry(self, id_or_path) -> Entry:
        """An entry by id, file name, path, or title (case and spacing aside); a miss suggests the closest."""
        text = str(id_or_path)
        candidate = Path(text)
        for path in (candidate, self.path / candidate, self.entries_dir / candidate):
            if path.suffix == ".ipynb" and path.is_file():
                return Entry.load(path)
        entries = self.entries()
        for entry in entries:
            if entry.id == text or entry.path.stem == text:
                return entry
        titled = [e for e in entries if _same_title(e.title, text)]
        if len(titled) > 1:
            raise JournalError(f"{len(titled)} entries are titled {text!r} ({', '.join(e.id for e in titled)}): "
                               f"name one by its id")
        if titled:
            return titled[0]
        known = {**{e.id: e.id for e in entries}, **{e.title: e.id for e in entries}}
        raise JournalError(f"no entry {text!r} in {self.entries_dir}{did_you_mean(text, known)}")

    def new_entry(self, title: str, *, tags=(), template: str = "blank", date=None,
                  status: str = "draft") -> Entry:
        if not title.strip():
            raise JournalError("an entry needs a title")
        date = _as_date(date)
        existing = {e.id for e in self.entries()}
        base = slugify(title)
        entry_id, n = base, 2
        # A file of that name may hold an entry whose id was changed by hand: never replace it.
        while entry_id in existing or (self.entries_dir / f"{date.isoformat()}-{entry_id}.ipynb").exists():
            entry_id, n = f"{base}-{n}", n + 1
        meta = {
            "id": entry_id,
            "title": title,
            "author": self.settings.author,
            "date": date.isoformat(),
            "tags": [t.strip() for t in tags if t.strip()],
            "status": status,
            "references": "",
        }
        nb = from_template(template, title=title, meta=meta)
        path = self.entries_dir / f"{date.isoformat()}-{entry_id}.ipynb"
        self.entries_dir.mkdir(parents=True, exist_ok=True)
        write_notebook(nb, path)
        return Entry.load(path)

    def __repr__(self) -> str:
        return f"<Journal {self.title!r} at {self.path}>"


def default_title(path) -> str:
    """A title made from a folder's name.

    >>> default_title("reflections_on-practice"), default_title("2026")
    ('Reflections on practice', '2026')
    """
    words = " ".join(re.split(r"[\s_-]+", Path(path).resolve().name)).strip()
    return words[:1].upper() + words[1:]


def _same_title(title: str, text: str) -> bool:
    return " ".join(str(title).split()).casefold() == " ".join(text.split()).casefold()


def _as_date(value) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise JournalError(f"date must be YYYY-MM-DD, not {value!r}") from None


def joined_store(settings, source: Path):
    """The comment store of a journal that joined the course `settings.course` names (read from `source`)."""
    try:
        make = registered(JOINED_STORES)
    except JournalError as exc:
        raise JournalError(f"{source}: this journal joined a course, but {exc}") from None
    return make(settings, source)


# -- entry ids ------------------------------------------------------------------------------------
def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug.

    >>> slugify("Joining up care: why organisations must learn, together!")
    'joining-up-care-why-organisations-must-learn-together'
    >>> slugify("Schön's reflective practitioner")
    'schons-reflective-practitioner'
    >>> slugify("???")
    'entry'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "entry"


# -- finding the journal a notebook belongs to -------------------------------------------------
def find_journal(start=None, *, use_env: bool = True):
    """The journal named by `JOURNAL_DIR` (unless `use_env` is false), else the one containing `start`.

    `start` is a folder or a notebook's path; the current folder by default. Raises NotAJournal.
    """
    folder = environment().journal_dir if use_env else ""
    if folder:
        return Journal.open(folder)
    return Journal.find(Path.cwd() if start is None else start)


def journal_or_none(start, *, use_env: bool = False):
    """`find_journal`, or None when there is no journal: a notebook on its own has none."""
    if not start and not (use_env and environment().journal_dir):
        return None
    try:
        return find_journal(start, use_env=use_env)
    except NotAJournal:
        return None
