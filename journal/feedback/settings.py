"""The `[feedback]` table: rubric criteria, each with its levels, and the tutors' comment bank."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SettingsError


@dataclass
class FeedbackSettings:
    """`criteria`: [{"name": str, "levels": [str, ...]}], lowest level first; `bank`: reusable sentences."""

    criteria: list = field(default_factory=list)
    bank: list = field(default_factory=list)
    TABLE = "feedback"                  # the table's name in messages

    def check(self, source) -> None:
        names = set()
        for n, criterion in enumerate(self.criteria, start=1):
            where = f"{source}: '{self.TABLE}.criteria' item {n}"
            if not isinstance(criterion, dict) or set(criterion) != {"name", "levels"}:
                raise SettingsError(f"{where} must be a table with 'name' and 'levels', e.g. "
                                    f"{{ name = \"analysis\", levels = [\"weak\", \"sound\", \"strong\"] }}")
            name, levels = criterion["name"], criterion["levels"]
            if not isinstance(name, str) or not name.strip():
                raise SettingsError(f"{where}: 'name' must be a non-empty string")
            if name in names:
                raise SettingsError(f"{where}: criterion {name!r} appears twice")
            names.add(name)
            if (not isinstance(levels, list) or len(levels) < 2 or not all(isinstance(x, str) and x for x in levels)
                    or len(set(levels)) != len(levels)):
                raise SettingsError(f"{where} ({name}): 'levels' must be two or more different strings, lowest first")
        if not all(isinstance(s, str) for s in self.bank):
            raise SettingsError(f"{source}: '{self.TABLE}.bank' must be a list of strings")

    def levels(self, criterion: str) -> list[str]:
        """The levels of one criterion, lowest first; SettingsError naming an unknown one."""
        for c in self.criteria:
            if c["name"] == criterion:
                return list(c["levels"])
        known = ", ".join(c["name"] for c in self.criteria) or "none are set"
        raise SettingsError(f"no rubric criterion {criterion!r} (criteria: {known})")
