"""`[lti]` and `[grades]` in course.toml: the LMS the course is registered with, and its gradebook items.

`[lti]` holds what the LMS administrator gives back after registering the tool (the platform's issuer,
endpoints, the client and deployment ids) and the LMS course (`context_id`) this course is. Each table under
`[grades]` is one gradebook item: a participation formula, or the released rubric levels on tagged entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import SettingsError
from ...settings import check_table


@dataclass
class LtiSettings:
    """The platform's registration of this tool; empty `issuer`: the course is not in an LMS."""

    issuer: str = ""                # the platform's issuer, e.g. https://moodle.example.edu
    client_id: str = ""             # the tool's client id on the platform
    deployment_id: str = ""         # the deployment launches must come from
    context_id: str = ""            # the LMS course this course is: a launch from any other is refused
    auth_url: str = ""              # the platform's OIDC authorisation endpoint
    jwks_url: str = ""              # the platform's public key set
    token_url: str = ""             # the platform's OAuth 2 token endpoint (for NRPS and AGS)
    username_key: str = "email"     # the launch claim that is the hub login (`sub` for the LMS's opaque id)
    key_file: str = "lti-key.pem"   # the tool's private key beside course.toml (0600), unless JOURNAL_LTI_KEY

    @property
    def enabled(self) -> bool:
        return bool(self.issuer)

    def check(self, source) -> None:
        if not self.enabled:
            return
        for name in ("client_id", "deployment_id", "context_id", "auth_url", "jwks_url", "token_url"):
            if not getattr(self, name).strip():
                raise SettingsError(f"{source}: 'lti.{name}' must be set when 'lti.issuer' is")


@dataclass
class GradeItem:
    """One gradebook item. `tag` set: the released rubric levels of feedback on entries with that tag, as a
    share of the top levels, times `maximum`; otherwise points per entry shared, comment given and review done,
    up to `maximum`."""

    label: str
    maximum: float
    shared: float = 0.0             # points per entry shared
    comments: float = 0.0           # points per comment given on a peer's entry
    reviews: float = 0.0            # points per review done in the course's review rounds
    tag: str = ""                   # rubric item: entries with this tag

    name: str = ""                  # its key under [grades]: the line item's tag in the gradebook

    @property
    def rubric(self) -> bool:
        return bool(self.tag)


def grade_items(data, source) -> dict[str, GradeItem]:
    """The `[grades]` table's items by name, checked: each names its label and maximum, and is one kind."""
    if not isinstance(data, dict):
        raise SettingsError(f"{source}: 'grades' must be a table ([grades])")
    items = {}
    for name, table in data.items():
        where = f"grades.{name}"
        if not isinstance(table, dict):
            raise SettingsError(f"{source}: '{where}' must be a table ([{where}]) with a label and a maximum")
        values = check_table(GradeItem, {k: v for k, v in table.items() if k != "name"}, source,
                             prefix=f"{where}.")
        item = GradeItem(**values, name=name)
        if not item.label.strip():
            raise SettingsError(f"{source}: '{where}.label' must not be empty")
        if not item.maximum > 0:
            raise SettingsError(f"{source}: '{where}.maximum' must be more than 0, not {item.maximum!r}")
        if item.rubric and (item.shared or item.comments or item.reviews):
            raise SettingsError(f"{source}: '{where}' has a 'tag' and participation weights: an item is either "
                                "the rubric of entries with a tag or a participation formula, not both")
        if min(item.shared, item.comments, item.reviews) < 0:
            raise SettingsError(f"{source}: '{where}': weights must not be negative")
        items[name] = item
    return items


def grades_table(items: dict[str, GradeItem]) -> dict:
    """The `[grades]` table again, as course.toml keeps it."""
    return {name: {k: v for k, v in vars(item).items() if k != "name"} for name, item in items.items()}
