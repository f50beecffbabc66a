"""The settings in `journal.toml`: schema, defaults, validation and writing."""

from __future__ import annotations

import math
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path

from .errors import SettingsError, read_text

FILENAME = "journal.toml"
STYLES = ("harvard", "apa")
MODERATION_MODES = ("all", "first-time", "none")
PAPERS = ("a4", "letter")


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


SUBTABLES = {"comments": CommentSettings, "export": ExportSettings, "course": CourseLink}


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

    @classmethod
    def load(cls, path: Path) -> "Settings":
        path = Path(path)
        data = read_toml(path, missing=f"file not found (a journal folder needs a {FILENAME})")
        return cls.from_dict(data, source=path)

    @classmethod
    def from_dict(cls, data: dict, source: Path | str = FILENAME) -> "Settings":
        values = _check_table(cls, data, source, prefix="")
        for name, sub in SUBTABLES.items():
            table = data.get(name, {})
            if not isinstance(table, dict):
                raise SettingsError(f"{source}: '{name}' must be a table ([{name}]), not {_kind(table)}")
            values[name] = sub(**_check_table(sub, table, source, prefix=f"{name}."))
        settings = cls(**values)
        settings._check_choices(source)
        return settings

    def _check_choices(self, source) -> None:
        choices = [
            ("style", self.style, STYLES),
            ("comments.moderation", self.comments.moderation, MODERATION_MODES),
            ("export.paper", self.export.paper, PAPERS),
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
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in SUBTABLES}
        for name in SUBTABLES:
            out[name] = {f.name: getattr(getattr(self, name), f.name) for f in fields(getattr(self, name))}
        return out

    def save(self, path: Path) -> None:
        import tomli_w

        Path(path).write_text(tomli_w.dumps(self.to_dict()), encoding="utf-8")


def read_toml(path: Path, missing: str) -> dict:
    """The TOML table in `path`, or SettingsError naming the file (`missing` says what to do when it is absent)."""
    text = read_text(path, SettingsError, missing=missing)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None


_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "list[str]": list}


def _check_table(cls, data: dict, source, prefix: str) -> dict:
    """Check keys and types of one TOML table against the dataclass `cls`."""
    known = {f.name: f for f in fields(cls)}
    values = {}
    for key, value in data.items():
        if key in SUBTABLES and not prefix and cls is Settings:
            continue
        if key not in known:
            hint = ", ".join(sorted(known))
            raise SettingsError(f"{source}: unknown key '{prefix}{key}' (known keys: {hint})")
        type_name = known[key].type
        expected = _TYPES.get(type_name)
        means = known[key].metadata.get("means") or _describe(type_name)
        wrong = not isinstance(value, expected) or (type_name in ("int", "float") and isinstance(value, bool))
        if wrong:
            raise SettingsError(f"{source}: '{prefix}{key}' must be {means}, not {_kind(value)}")
        if type_name == "list[str]":
            for n, item in enumerate(value, start=1):
                if not isinstance(item, str):
                    raise SettingsError(f"{source}: '{prefix}{key}' must be {means}; item {n} is "
                                        f"{_kind(item)} ({item!r})")
        if type_name == "float" and not math.isfinite(value):
            # nan compares false with everything, so a nan threshold would silently turn its check off.
            raise SettingsError(f"{source}: '{prefix}{key}' must be a finite number, not {value!r}")
        values[key] = float(value) if type_name == "float" else value
    for name, f in known.items():
        if name not in values and f.default is f.default_factory is MISSING and name not in SUBTABLES:
            raise SettingsError(f"{source}: missing required key '{prefix}{name}'")
    return values


def _describe(type_name: str) -> str:
    return {"str": "a string", "int": "a whole number", "float": "a number", "bool": "true or false",
            "list[str]": "a list of strings"}[type_name]


def _kind(value) -> str:
    return {str: "a string", int: "a whole number", float: "a number", bool: "true/false", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
