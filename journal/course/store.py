"""The folder course store: `COURSE/<login>/` is a journal that `journal export --class` reads.

    COURSE/course.toml
    COURSE/<login>/journal.toml          title, author, style, the student's own [comments] rules
    COURSE/<login>/entries/<date>-<id>.ipynb   the newest shared version of each entry
    COURSE/<login>/versions/<id>/<n>.ipynb     every shared version, for tutors
    COURSE/<login>/shared.json           what is shared: versions, times, checksums, withdrawn or not, excerpts
    COURSE/<login>/comments.csv          the journal's comment log

Entries arrive whole through `share` (the server's API); nothing is read from a student's home.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..anatomy import entry_metadata
from ..comments.errors import unavailable
from ..comments.protocol import Actor
from ..comments.store import CommentStore
from ..entry import Entry, excerpt, write_notebook
from ..errors import EntryError, JournalError
from ..files import stamp as file_stamp
from ..files import write_atomic
from ..folder import COMMENTS, ENTRIES
from ..prompts import written_prose
from ..settings import FILENAME as JOURNAL_TOML
from ..settings import Settings
from .access import check_entry_id, check_login
from .errors import EntryNotFound
from .intake import check_shape
from .lti.record import FolderLmsRecord
from .protocol import SharedEntry
from .reviews.folder import FolderReviewStore
from .settings import FILENAME as COURSE_TOML
from .settings import CourseSettings, LimitSettings, journal_settings, own_settings
from .visibility import WIDEST, capped

MANIFEST = "shared.json"
VERSIONS = "versions"
# The pictures a journal may keep beside its entries, by file ending, with the type each is served as.
PICTURE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                 ".svg": "image/svg+xml", ".webp": "image/webp"}
PICTURES = tuple(PICTURE_TYPES)


def checked_notebook(login: str, notebook, limits: LimitSettings) -> Entry:
    """The notebook as an Entry after every check a share needs; drafts, broken notebooks and notebooks
    beyond the course's `limits` refused, the cheap checks (intake.check_shape) before nbformat's."""
    import nbformat

    if not isinstance(notebook, dict):
        raise EntryError("the shared entry is not a notebook (a JSON object was expected)")
    label = f"{login}/{entry_metadata(notebook).get('id', 'entry')}"
    check_shape(label, notebook, limits)
    try:
        nbformat.validate(nbformat.from_dict(notebook))
    except nbformat.ValidationError as exc:
        raise EntryError(f"{label}: not a valid notebook: {exc.message}") from None
    entry = Entry(Path(label + ".ipynb"), notebook)
    entry.check()
    check_entry_id(entry.id)
    if not entry.published:
        raise EntryError(f"{label}: '{entry.title}' is a draft; drafts are never shared (publish it first)")
    return entry


def picture_name(login: str, name: str) -> PurePosixPath:
    """A picture's name relative to the journal's entries, as every backend takes it: a picture's suffix,
    no hidden part, not absolute (else no such picture); no NUL, which no file or database name holds."""
    if "\x00" in name:
        raise EntryError(f"{login}: the picture name contains a character no file name can hold (NUL)")
    path = PurePosixPath(name)
    if (path.suffix.lower() not in PICTURES or path.is_absolute()
            or any(part.startswith(".") for part in path.parts)):
        raise EntryNotFound(f"{login} has no picture {name!r}")
    return path


def notebook_sha256(notebook: dict) -> str:
    """The checksum of a shared notebook's content; the same in every backend (JSONB keeps no key order)."""
    raw = json.dumps(notebook, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def index_excerpt(notebook: dict) -> str:
    """The opening words an index shows of a shared notebook, as every backend keeps them: the student's own
    prose only (a template's prompts are not their words)."""
    return excerpt(written_prose(notebook))


def share_level(asked: str | None, had: str | None, settings) -> str:
    """The level a share gets, as every backend decides it: the one asked for, else the one the entry had,
    else the course's default; never wider than the course allows (a course that narrowed its
    `max_visibility` narrows what was shared before, at the entry's next share)."""
    return capped(asked or had or settings.default_visibility, settings)


def shared_now() -> str:
    """When something is shared, as every backend records it (UTC, to the second)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class FolderCourseStore:
    """A course kept as a folder of journals (meets CourseStoreProtocol)."""

    library_path = None                 # every shared entry embeds the works it cites

    def __init__(self, root):
        self.root = Path(root)
        self.settings = CourseSettings.load(self.root / COURSE_TOML)
        self._manifests: dict[str, tuple[tuple, dict]] = {}
        self._settings: dict[str, tuple] = {}
        self.reviews = FolderReviewStore(self.root)
        self.lti = FolderLmsRecord(self.root)          # what the course keeps of its LMS

    # -- journals ---------------------------------------------------------------
    def _folder(self, login: str) -> Path:
        return self.root / check_login(login)

    def journals(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir()
                      if (p / MANIFEST).is_file() and not p.name.startswith("."))

    def journal_settings(self, login: str) -> Settings:
        """The journal's settings with the course's moderation rules, narrowed by the journal's own."""
        path = self._folder(login) / JOURNAL_TOML
        stamp = file_stamp(path)
        cached = self._settings.get(login)
        if cached and cached[0] == stamp:
            return cached[1]
        settings = journal_settings(self.settings, login, Settings.load(path) if stamp else None)
        self._settings[login] = (stamp, settings)
        return settings

    def configure(self, login: str, data: dict) -> Settings:
        """Keep the journal's title, author, citation style and own moderation rules (from its journal.toml)."""
        folder = self._folder(login)
        settings = own_settings(login, data)
        folder.mkdir(parents=True, exist_ok=True)
        settings.save(folder / JOURNAL_TOML)
        return self.journal_settings(login)

    # -- sharing ----------------------------------------------------------------
    def share(self, login: str, notebook: dict, visibility: str | None = None) -> SharedEntry:
        entry = checked_notebook(login, notebook, self.settings.limits)
        folder = self._folder(login)
        try:
            with self._locked(folder):
                return self._share(login, folder, entry, notebook, visibility)
        except OSError as exc:
            raise unavailable(folder / MANIFEST, f"share {entry.id}", exc) from None

    def _share(self, login: str, folder: Path, entry: Entry, notebook: dict, visibility: str | None) -> SharedEntry:
        sha = notebook_sha256(notebook)
        manifest = dict(self._manifest(login))          # the cached one changes only once shared.json has
        old = manifest.get(entry.id)
        level = share_level(visibility, old.get("visibility") if old else None, self.settings)
        opening = index_excerpt(notebook)
        if old and old["sha256"] == sha and not old["withdrawn"]:
            # The same notebook again changes no version, but may bring the level asked for, or the excerpt
            # a manifest written before excerpts were kept lacks.
            if (old.get("visibility", WIDEST), old.get("excerpt", "")) != (level, opening):
                manifest[entry.id] = {**old, "visibility": level, "excerpt": opening}
                self._write_manifest(login, manifest)
            return self._shared(login, entry.id, manifest[entry.id])
        version = (old["version"] + 1) if old else 1
        name = f"{entry.date.isoformat()}-{entry.id}.ipynb"
        version_path = _mkdirs(folder / VERSIONS / entry.id) / f"{version}.ipynb"
        # shared.json decides what is served, so it is written last: until then the new version and the
        # entry's copy for `journal export --class` are files nobody reads, and they go if it fails.
        staged = _mkdirs(folder / ENTRIES) / f".{name}.{os.getpid()}.tmp"
        try:
            write_notebook(notebook, version_path)
            write_notebook(notebook, staged)
            if not (folder / JOURNAL_TOML).is_file():
                Settings(title=f"{login}'s journal", author=entry.author or login, username=login,
                         comments=self.settings.comments).save(folder / JOURNAL_TOML)
            manifest[entry.id] = {"title": entry.title, "date": entry.date.isoformat(), "tags": entry.tags,
                                  "version": version, "file": name, "sha256": sha, "withdrawn": False,
                                  "shared_at": shared_now(), "visibility": level, "excerpt": opening}
            self._write_manifest(login, manifest)
        except BaseException:
            version_path.unlink(missing_ok=True)
            staged.unlink(missing_ok=True)
            if version == 1:
                version_path.parent.rmdir()     # made for this entry just now, and empty again
            raise
        staged.replace(folder / ENTRIES / name)
        if old and old["file"] != name:
            (folder / ENTRIES / old["file"]).unlink(missing_ok=True)
        return self._shared(login, entry.id, manifest[entry.id])

    def unshare(self, login: str, entry_id: str) -> None:
        folder = self._folder(login)
        try:
            with self._locked(folder):
                manifest = dict(self._manifest(login))
                if entry_id not in manifest:
                    raise EntryNotFound(f"{login} has shared no entry {entry_id!r}")
                manifest[entry_id] = {**manifest[entry_id], "withdrawn": True}
                self._write_manifest(login, manifest)
        except OSError as exc:
            raise unavailable(folder / MANIFEST, f"withdraw {entry_id}", exc) from None

    # -- reading ----------------------------------------------------------------
    def entries(self, login: str | None = None, *, include_withdrawn: bool = False) -> list[SharedEntry]:
        logins = [login] if login is not None else self.journals()
        found = [self._shared(who, eid, info) for who in logins for eid, info in self._manifest(who).items()
                 if include_withdrawn or not info["withdrawn"]]
        found.sort(key=lambda e: (e.date, e.shared_at, e.login, e.entry_id), reverse=True)
        return found

    def entry(self, login: str, entry_id: str, *, version: int | None = None) -> SharedEntry:
        info = self._manifest(login).get(entry_id)
        if info is None or (version is not None and not 1 <= version <= info["version"]):
            raise EntryNotFound(f"{login} has shared no entry {entry_id!r}" +
                                (f" in version {version}" if version is not None and info else ""))
        folder = self._folder(login)
        path = folder / VERSIONS / entry_id / f"{version or info['version']}.ipynb"
        notebook = _read_json(path)
        meta = entry_metadata(notebook)
        current = version is None or version == info["version"]
        base = self._shared(login, entry_id, info)
        if current:
            return replace(base, notebook=notebook)
        return replace(base, title=meta.get("title", base.title), date=str(meta.get("date", base.date))[:10],
                       tags=tuple(meta.get("tags", ())), version=version, shared_at="", sha256="",
                       excerpt=index_excerpt(notebook), notebook=notebook)

    def versions(self, login: str, entry_id: str) -> list[SharedEntry]:
        info = self._manifest(login).get(entry_id)
        if info is None:
            raise EntryNotFound(f"{login} has shared no entry {entry_id!r}")
        return [self.entry(login, entry_id, version=n) for n in range(1, info["version"] + 1)]

    def comments(self, login: str, actor: Actor):
        return CommentStore(self._folder(login) / COMMENTS, self.journal_settings(login)).as_actor(actor)

    def picture(self, login: str, name: str) -> bytes:
        return self.picture_in(self._folder(login) / ENTRIES, login, name)

    @staticmethod
    def picture_in(entries_dir: Path, login: str, name: str) -> bytes:
        """A picture kept beside a journal's entries (never a notebook, never outside the folder, no links)."""
        base = Path(entries_dir).resolve()
        path = (base / picture_name(login, name)).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            raise EntryNotFound(f"{login} has no picture {name!r}")
        return path.read_bytes()

    # -- the manifest -----------------------------------------------------------
    def _manifest(self, login: str) -> dict:
        """shared.json of one journal, re-read only when the file changed."""
        path = self._folder(login) / MANIFEST
        stamp = file_stamp(path)
        if stamp is None:
            return {}
        cached = self._manifests.get(login)
        if cached and cached[0] == stamp:
            return cached[1]
        data = _read_json(path)
        self._manifests[login] = (stamp, data)
        return data

    def _write_manifest(self, login: str, manifest: dict) -> None:
        write_atomic(self._folder(login) / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        self._manifests.pop(login, None)

    def _locked(self, folder: Path):
        from filelock import FileLock

        folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(folder / ".share.lock"), timeout=30)

    @staticmethod
    def _shared(login: str, entry_id: str, info: dict) -> SharedEntry:
        return SharedEntry(login=login, entry_id=entry_id, title=info["title"], date=info["date"],
                           tags=tuple(info.get("tags", ())), version=info["version"],
                           shared_at=info.get("shared_at", ""), sha256=info.get("sha256", ""),
                           withdrawn=bool(info.get("withdrawn")), visibility=info.get("visibility", WIDEST),
                           excerpt=info.get("excerpt", ""))

    def __repr__(self) -> str:
        return f"<FolderCourseStore {self.root}>"


def _mkdirs(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EntryNotFound(f"{path}: missing") from None
    except (OSError, ValueError) as exc:
        raise JournalError(f"{path}: cannot read: {exc}") from None
