"""The settings in `journal.toml`: schema, defaults, validation and writing."""

from __future__ import annotations

import math
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path

from .errors import SettingsError, read_text
from .files import write_atomic
from .feedback.settings import FeedbackSettings
from .notify.settings import NotifySettings

FILENAME = "journal.toml"
STYLES = ("harvard", "apa")
MODERATION_MODES = ("all", "first-time", "none")
PAPERS = ("a4", "letter")
OWN_COMMENTS = ("beside", "carried")    # [course] own_comments: see CourseLink


@dataclass
class CommentSettings:
    """The `[comments]` table: how peers' comments are moderated."""

    moderation: str = "all"
    max_links: int = 2
    moderation_keys: list[str] = field(default_factory=list)
    disallowed_keys: list[str] = field(default_factory=list)
    flood_seconds: int = 15
    thread_depth: int = 5
    spam_threshold: float = 1.0


@dataclass
class ExportSettings:
    """The `[export]` table: defaults for `journal export`."""

    paper: str = "a4"
    show_code: bool = False
    comments: bool = True


@dataclass
class CourseLink:
    """The `[course]` table: the course this journal shares with (`journal course join`)."""

    url: str = ""
    login: str = ""
    # The comments the journal had in its own comments.csv when it joined: shown beside the course's, or
    # carried to the course (`journal course join --comments carry`), which then holds them.
    own_comments: str = "beside"




@dataclass
class Settings:
    """Everything in `journal.toml`, validated."""

    title: str
    author: str
    username: str = ""
    style: str = "harvard"
    tutors: list[str] = field(default_factory=list, metadata={"means": "a list of logins (strings)"})
    comments: CommentSettings = field(default_factory=CommentSettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    course: CourseLink = field(default_factory=CourseLink)
    notify: NotifySettings = field(default_factory=NotifySettings)
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)

    @classmethod
    def load(cls, path: Path) -> "Settings":
        path = Path(path)
        data = read_toml(path, missing=f"file not found (a journal folder needs a {FILENAME})")
        return cls.from_dict(data, source=path)

    @classmethod
    def from_dict(cls, data: dict, source: Path | str = FILENAME) -> "Settings":
        values = check_table(cls, data, source)
        for name, sub in TABLES.items():
            table = data.get(name, {})
            if not isinstance(table, dict):
                raise SettingsError(f"{source}: '{name}' must be a table ([{name}]), not {_kind(table)}")
            values[name] = sub(**check_table(sub, table, source, prefix=f"{name}."))
        settings = cls(**values)
        settings._check_choices(source)
        settings.notify.check(source)
        settings.feedback.check(source)
        return settings

    def _check_choices(self, source) -> None:
        choices = [
            ("style", self.style, STYLES),
            ("comments.moderation", self.comments.moderation, MODERATION_MODES),
            ("export.paper", self.export.paper, PAPERS),
            ("course.own_comments", self.course.own_comments, OWN_COMMENTS),
        ]
        for key, value, allowed in choices:
            if value not in allowed:
                raise SettingsError(f"{source}: '{key}' must be one of {', '.join(allowed)}, not {value!r}")
        for key in ("max_links", "flood_seconds", "thread_depth"):
            if getattr(self.comments, key) < 0:
                raise SettingsError(f"{source}: 'comments.{key}' must not be negative")
        if self.comments.thread_depth < 1:
            raise SettingsError(f"{source}: 'comments.thread_depth' must be at least 1")
        if not self.title.strip():
            raise SettingsError(f"{source}: 'title' must not be empty")
        if self.course.url and not self.course.url.startswith(("http://", "https://")):
            raise SettingsError(f"{source}: 'course.url' must start with http:// or https://, not {self.course.url!r}")

    def to_dict(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in TABLES}
        for name in TABLES:
            table = getattr(self, name)
            out[name] = {f.name: getattr(table, f.name) for f in fields(table)}
        return out

    def save(self, path: Path) -> None:
        import tomli_w

        write_atomic(Path(path), tomli_w.dumps(self.to_dict()))


def read_toml(path: Path, missing: str) -> dict:
    """The TOML table in `path`, or SettingsError naming the file (`missing` says what to do when it is absent)."""
    text = read_text(path, SettingsError, missing=missing)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None


# The tables of journal.toml, by name.
TABLES = {"comments": CommentSettings, "export": ExportSettings, "course": CourseLink, "notify": NotifySettings,
          "feedback": FeedbackSettings}


def check_table(cls, data: dict, source, prefix: str = "") -> dict:
    """The keys of one TOML table, checked against the dataclass `cls`: each known, of its field's type (read
    from the real annotation: `list[str]`, `str | None`…), and every required one present. Fields whose type
    is itself a dataclass are sub-tables, which the caller checks as their own tables."""
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    values = {}
    for key, value in data.items():
        if key not in known:
            hint = ", ".join(sorted(known))
            raise SettingsError(f"{source}: unknown key '{prefix}{key}' (known keys: {hint})")
        if is_dataclass(hints[key]):
            continue
        means = known[key].metadata.get("means") or _describe(hints[key])
        if not _fits(value, hints[key], items=False):
            raise SettingsError(f"{source}: '{prefix}{key}' must be {means}, not {_kind(value)}")
        item_type = _item_type(hints[key])
        for n, item in enumerate(value if item_type is not None else (), start=1):
            if not _fits(item, item_type):
                raise SettingsError(f"{source}: '{prefix}{key}' must be {means}; item {n} is "
                                    f"{_kind(item)} ({item!r})")
        if isinstance(value, float) and not math.isfinite(value):
            # nan compares false with everything, so a nan threshold would silently turn its check off.
            raise SettingsError(f"{source}: '{prefix}{key}' must be a finite number, not {value!r}")
        values[key] = float(value) if hints[key] is float else value
    for name, f in known.items():
        if name not in values and f.default is f.default_factory is MISSING and not is_dataclass(hints[name]):
            raise SettingsError(f"{source}: missing required key '{prefix}{name}'")
    return values


def _fits(value, hint, *, items: bool = True) -> bool:
    """Whether a TOML value is of the type `hint` (whole numbers pass for a float; true/false for no number)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return any(_fits(value, arg, items=items) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint in (int, float):
        return isinstance(value, (int, float) if hint is float else int) and not isinstance(value, bool)
    base = typing.get_origin(hint) or hint
    return isinstance(value, base)


def _item_type(hint):
    """The type of a list's items (`list[str]` -> str), or None where the list's items are not checked here."""
    args = typing.get_args(hint) if typing.get_origin(hint) is list else ()
    return args[0] if args else None


def _describe(hint) -> str:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in typing.get_args(hint))
    if _item_type(hint) is not None:
        return f"a list of {_describe(_item_type(hint)).removeprefix('a ')}s"
    base = typing.get_origin(hint) or hint
    return {str: "a string", int: "a whole number", float: "a number", bool: "true or false", list: "a list",
            dict: "a table", type(None): "nothing"}.get(base, getattr(base, "__name__", str(base)))


def _kind(value) -> str:
    return {str: "a string", int: "a whole number", float: "a number", bool: "true/false", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
