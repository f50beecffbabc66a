"""Publishing an entry: what to warn about first, and publishing only when the author has seen it.

An entry is published with sections still holding only the template's prompt, or citing works found in no
bibliography (shown as "(missing: key)"), only when asked again (`journal publish --force`, the sidebar's
second Publish): every way of publishing asks `warnings` first.
"""

from __future__ import annotations

from .citing import check, library_of
from .prompts import only_prompts, unwritten


def warnings(journal, entry) -> list[str]:
    """What the author should see before `entry` of `journal` is published, one sentence each."""
    found = [f"the section \u201c{heading}\u201d holds only its prompt: nothing is written under it yet"
             for heading in unwritten(entry.notebook)]
    if not found and only_prompts(entry.notebook):
        found.append("nothing is written yet besides the template's prompt")
    missing = check(entry.notebook, library_of(journal), source=entry.path.name)["missing"]
    found += [f"the citation [@{key}] is found in no bibliography: it prints as \u201c(missing: {key})\u201d"
              for key in missing]
    return found


def publish(journal, entry, *, force: bool = False) -> list[str]:
    """Publish `entry` unless there is something to warn about (then it is left as it is), or `force`; the
    warnings either way."""
    found = warnings(journal, entry)
    if force or not found:
        entry.set_meta(status="published")
        entry.save()
    return found
