"""The courses this person has joined: the only addresses their hub token is ever sent to.

A journal folder can come from anywhere (a classmate's copy, a download), and its journal.toml names
a course URL. Sending the hub token there would hand it to whoever wrote that file, so the token goes
only to courses the person joined themselves (`journal course join`), listed in their own config folder,
outside every journal.
"""

from __future__ import annotations

from pathlib import Path

from ..environment import environment
from .client import CourseError, check_url


def trusted_file() -> Path:
    base = environment().config_home or Path.home() / ".config"
    return Path(base) / "journal" / "courses.txt"


def trusted() -> set[str]:
    try:
        return {line.strip() for line in trusted_file().read_text(encoding="utf-8").splitlines() if line.strip()}
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"{trusted_file()}: cannot read the courses you joined: {exc}") from None


def trust(url: str) -> None:
    """Remember `url` as a course this person joined."""
    url = check_url(url)
    if url in trusted():
        return
    path = trusted_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(url + "\n")
    except OSError as exc:
        raise CourseError(f"{path}: cannot remember the course you joined: {exc}") from None


def require_trusted(url: str, source) -> str:
    """`url`, if this person joined it; else an error naming the file that asks for it."""
    url = check_url(url)
    if url not in trusted():
        raise CourseError(f"{source}: names the course {url}, which you have not joined, so your hub token is not "
                          f"sent there; if you trust it, run 'journal course join {url}'")
    return url
