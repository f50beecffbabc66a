"""`COURSE/course.toml`: the title, who tutors, who may read, and the moderation defaults of every journal.

The one reader of the file: a course server's folder loads it strictly (`CourseSettings.load`), a tutor's class
folder leniently (`CourseSettings.of_class`: no file, or no title, is fine there).

A journal's own `[comments]` settings may narrow the course's (stricter moderation, fewer links, a
longer flood interval), never widen them: `narrowed` is the one place that decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import JournalError, SettingsError
from ..files import write_atomic
from ..feedback.settings import FeedbackSettings
from ..notify.settings import NotifySettings
from ..settings import MODERATION_MODES, CommentSettings, Settings, check_table, read_toml
from .lti.settings import GradeItem, LtiSettings, grade_items, grades_table
from .reviews.model import ReviewSettings
from .visibility import WIDEST, check_level, wider

FILENAME = "course.toml"
STRICTNESS = {mode: i for i, mode in enumerate(reversed(MODERATION_MODES))}   # none < first-time < all
MB = 2**20


@dataclass
class LimitSettings:
    """`[limits]`: how much one shared entry may hold, and what showing it may cost the server.

    A share over a limit is refused with a message naming the entry and the limit. The defaults leave
    real notebooks far below them: the largest of nbconvert's own test notebooks has 100 cells, 0.11 MB
    in one output and 0.12 MB in all.
    """

    max_cells: int = 5_000              # cells in one entry
    max_output_mb: int = 8              # one cell output (an image, a table), in MB (2**20 bytes)
    max_notebook_mb: int = 32           # the whole notebook as sent, in MB
    render_seconds: float = 20.0        # to render an entry's page; past it the page offers the download
    page_cache_mb: int = 256            # rendered entry pages kept in memory, in MB

    def check(self, source) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not value > 0:
                raise SettingsError(f"{source}: 'limits.{f.name}' must be more than 0, not {value!r}")

    @property
    def output_bytes(self) -> int:
        return self.max_output_mb * MB

    @property
    def notebook_bytes(self) -> int:
        return self.max_notebook_mb * MB

    @property
    def page_cache_bytes(self) -> int:
        return self.page_cache_mb * MB


@dataclass
class GroupSettings:
    """`[groups.NAME]`: a tutor group's tutors (its students come from the roster or the hub)."""

    tutors: list[str] = field(default_factory=list)


#: The roster a course in an LMS keeps when course.toml names none: what `journal course roster sync` writes.
DEFAULT_ROSTER = "roster.csv"


@dataclass
class CourseSettings:
    """Everything in `course.toml`, validated."""

    title: str
    tutors_group: str = "tutors"
    tutors: list[str] = field(default_factory=list)
    readers_group: str = ""             # "" lets every hub user with access to the service read
    roster: str = ""                    # CSV of login,name beside course.toml: display names
    db: str = ""                        # postgresql://… keeps the course in PostgreSQL; "" in this folder
    groups_prefix: str = ""             # hub groups named PREFIXname are tutor group `name`; "" reads none
    default_visibility: str = WIDEST    # what a share gets when it asks for no level (tutors, group, course)
    max_visibility: str = WIDEST        # the widest level a share may ask for
    groups: dict[str, GroupSettings] = field(default_factory=dict)           # [groups.NAME] tutors = [...]
    comments: CommentSettings = field(default_factory=CommentSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)           # e-mail digests (journal notify)
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)     # the rubric and comment bank
    limits: LimitSettings = field(default_factory=LimitSettings)           # what one share may cost
    lti: LtiSettings = field(default_factory=LtiSettings)                  # the LMS it is registered with
    grades: dict[str, GradeItem] = field(default_factory=dict)             # its gradebook items, by name
    review: ReviewSettings = field(default_factory=ReviewSettings)         # what peer reviews give levels for

    @classmethod
    def load(cls, path: Path) -> "CourseSettings":
        path = Path(path)
        data = read_toml(path, missing="file not found (a course folder needs a course.toml; run "
                                       "'journal course init')")
        return cls.from_dict(data, source=path)

    @classmethod
    def of_class(cls, folder) -> "CourseSettings":
        """The course.toml of a tutor's class folder (sub-folders of students' journals, no server), if it has one.

        Lenient where a class differs from a served course: no file gives the defaults, and a class needs no
        title (it is named after its folder). Every key it does hold is checked as a course's."""
        folder = Path(folder)
        path = folder / FILENAME
        data = read_toml(path, missing="file not found") if path.is_file() else {}
        return cls.from_dict({"title": folder.resolve().name or FILENAME, **data}, source=path)

    @classmethod
    def from_dict(cls, data: dict, source="course.toml") -> "CourseSettings":
        table, limits, lti = data.get("comments", {}), data.get("limits", {}), data.get("lti", {})
        groups, review = data.get("groups", {}), data.get("review", {})
        for name, value in (("comments", table), ("limits", limits), ("lti", lti), ("groups", groups),
                            ("review", review)):
            if not isinstance(value, dict):
                raise SettingsError(f"{source}: '{name}' must be a table ([{name}])")
        tables = _tutoring_tables(data, source)
        top = {k: v for k, v in data.items()
               if k not in ("comments", "limits", "lti", "grades", "groups", "review", *tables)}
        values = check_table(cls, top, source)
        settings = cls(**values, comments=CommentSettings(**check_table(CommentSettings, table, source,
                                                                         prefix="comments.")),
                       limits=LimitSettings(**check_table(LimitSettings, limits, source, prefix="limits.")),
                       lti=LtiSettings(**check_table(LtiSettings, lti, source, prefix="lti.")),
                       grades=grade_items(data.get("grades", {}), source), groups=_groups(groups, source),
                       review=ReviewSettings(**check_table(ReviewSettings, review, source, prefix="review.")),
                       **tables)
        for key in ("default_visibility", "max_visibility"):
            check_level(getattr(settings, key), source, key)
        if "default_visibility" not in data and wider(settings.default_visibility, settings.max_visibility):
            settings.default_visibility = settings.max_visibility       # unsaid: as wide as the course allows
        if wider(settings.default_visibility, settings.max_visibility):
            raise SettingsError(f"{source}: 'default_visibility' ({settings.default_visibility}) is wider than "
                                f"'max_visibility' ({settings.max_visibility})")
        settings.limits.check(source)
        settings.lti.check(source)
        settings.review.check(source)
        if not settings.title.strip():
            raise SettingsError(f"{source}: 'title' must not be empty")
        if settings.comments.moderation not in MODERATION_MODES:
            raise SettingsError(f"{source}: 'comments.moderation' must be one of {', '.join(MODERATION_MODES)}, "
                                f"not {settings.comments.moderation!r}")
        return settings

    def roster_path(self, folder) -> Path | None:
        """The course's roster file in the course `folder`: the one `roster` names, else for a course in an LMS
        the one its roster sync writes (DEFAULT_ROSTER); None for a course with no roster."""
        name = self.roster or (DEFAULT_ROSTER if self.lti.enabled else "")
        return Path(folder) / name if name else None

    def to_dict(self) -> dict:
        tables = ("comments", "notify", "feedback", "limits", "lti", "review")
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in (*tables, "grades", "groups")}
        for name in tables:
            out[name] = {f.name: getattr(getattr(self, name), f.name) for f in fields(getattr(self, name))}
        # A course outside any LMS keeps its course.toml free of LMS tables.
        if not self.lti.enabled:
            del out["lti"]
        if self.grades:
            out["grades"] = grades_table(self.grades)
        if self.groups:
            out["groups"] = {name: {"tutors": list(group.tutors)} for name, group in self.groups.items()}
        return out

    def save(self, path: Path) -> None:
        import tomli_w

        write_atomic(Path(path), tomli_w.dumps(self.to_dict()))


def _tutoring_tables(data: dict, source) -> dict:
    """The `[notify]` and `[feedback]` tables, checked, by name."""
    tables = {}
    for name, kind in (("notify", NotifySettings), ("feedback", FeedbackSettings)):
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise SettingsError(f"{source}: '{name}' must be a table ([{name}])")
        tables[name] = kind(**check_table(kind, table, source, prefix=f"{name}."))
        tables[name].check(source)
    return tables


def _groups(data: dict, source) -> dict[str, GroupSettings]:
    out = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{source}: 'groups.{name}' must be a table ([groups.{name}] tutors = [...])")
        out[name] = GroupSettings(**check_table(GroupSettings, table, source, prefix=f"groups.{name}."))
    return out


def narrowed(course: CommentSettings, own: CommentSettings | None) -> CommentSettings:
    """The course's moderation rules, narrowed by a journal's own where those are stricter."""
    if own is None:
        return replace(course, moderation_keys=list(course.moderation_keys),
                       disallowed_keys=list(course.disallowed_keys))
    moderation = max(course.moderation, own.moderation, key=STRICTNESS.__getitem__)
    # 0 means "no limit" for max_links and "off" for spam_threshold: a limit is stricter than none.
    limits = [v for v in (course.max_links, own.max_links) if v]
    thresholds = [v for v in (course.spam_threshold, own.spam_threshold) if v > 0]
    return CommentSettings(
        moderation=moderation,
        max_links=min(limits) if limits else 0,
        moderation_keys=list(dict.fromkeys([*course.moderation_keys, *own.moderation_keys])),
        disallowed_keys=list(dict.fromkeys([*course.disallowed_keys, *own.disallowed_keys])),
        flood_seconds=max(course.flood_seconds, own.flood_seconds),
        thread_depth=min(course.thread_depth, own.thread_depth),
        spam_threshold=min(thresholds) if thresholds else 0.0,
    )


def merged_criteria(course: FeedbackSettings, own: FeedbackSettings) -> FeedbackSettings:
    """A course's rubric and comment bank, each the journal's own where the course sets none."""
    return FeedbackSettings(criteria=course.criteria or own.criteria, bank=course.bank or own.bank)


def journal_settings(course: CourseSettings, login: str, own: Settings | None) -> Settings:
    """A journal's settings in a course: its own (or defaults), the course's tutors, and the course's
    moderation rules narrowed by its own. Every course backend answers `journal_settings` with this."""
    base = own or Settings(title=f"{login}'s journal", author=login, username=login)
    return replace(base, username=login, tutors=list(course.tutors),
                   comments=narrowed(course.comments, own.comments if own is not None else None))


def own_settings(login: str, data: dict) -> Settings:
    """What a course keeps of a journal's journal.toml (title, author, citation style, [comments]), checked."""
    if not isinstance(data, dict):
        raise JournalError("journal settings must be a table")
    keep = {k: data[k] for k in ("title", "author", "style", "comments") if k in data}
    keep.setdefault("title", f"{login}'s journal")
    keep.setdefault("author", login)
    return Settings.from_dict({**keep, "username": login}, source=f"{login}/journal.toml")


def create(folder, *, title: str, tutors=(), tutors_group: str = "tutors", readers_group: str = "") -> CourseSettings:
    """Make a course folder with its course.toml (`journal course init`)."""
    folder = Path(folder)
    path = folder / FILENAME
    if path.exists():
        raise SettingsError(f"{path}: a course already exists here")
    if not title.strip():
        raise SettingsError("a course needs a title (--title)")
    settings = CourseSettings(title=title, tutors=list(tutors), tutors_group=tutors_group,
                              readers_group=readers_group)
    folder.mkdir(parents=True, exist_ok=True)
    settings.save(path)
    return settings
