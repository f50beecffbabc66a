"""The `[notify]` table: the SMTP server and who gets which digest, how often.

The SMTP password is never stored in a settings file: it comes from `JOURNAL_SMTP_PASSWORD`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import SettingsError

DIGESTS = ("daily", "weekly", "none")
SECURITY = ("none", "starttls", "ssl")
PASSWORD_VARIABLE = "JOURNAL_SMTP_PASSWORD"
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


@dataclass
class NotifySettings:
    """SMTP server and `people`: {login: {"email": address, "digest": daily|weekly|none}}."""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_security: str = "none"
    smtp_user: str = ""
    sender: str = ""
    people: dict = field(default_factory=dict)

    def check(self, source) -> None:
        if self.smtp_security not in SECURITY:
            raise SettingsError(f"{source}: 'notify.smtp_security' must be one of {', '.join(SECURITY)}, "
                                f"not {self.smtp_security!r}")
        if not 0 < self.smtp_port < 65536:
            raise SettingsError(f"{source}: 'notify.smtp_port' must be a port number (1-65535)")
        for login, person in self.people.items():
            key = f"notify.people.{login}"
            if not isinstance(person, dict) or set(person) - {"email", "digest"}:
                raise SettingsError(f"{source}: '{key}' must be a table with 'email' and 'digest' (daily, weekly "
                                    f"or none)")
            email, digest = person.get("email", ""), person.get("digest", "weekly")
            if not isinstance(email, str) or not _EMAIL.match(email):
                raise SettingsError(f"{source}: '{key}.email' must be an e-mail address, not {email!r}")
            if digest not in DIGESTS:
                raise SettingsError(f"{source}: '{key}.digest' must be one of {', '.join(DIGESTS)}, not {digest!r}")

    def person(self, login: str) -> tuple[str, str] | None:
        """(e-mail, digest) of `login`, or None when they have not asked for digests."""
        found = self.people.get(login)
        if not found or found.get("digest", "weekly") == "none":
            return None
        return found["email"], found.get("digest", "weekly")
