"""The preprocessors of the journal exporters, one concept per module; here, what they and the renderer that
fingerprints their inputs share, without importing nbconvert."""

from __future__ import annotations

from journal.roles import MODERATORS


class Shared:
    """An object kept in `resources` that nbconvert's deep copies must share, not copy (a journal and its store)."""

    def __init__(self, value):
        self.value = value

    def __deepcopy__(self, memo):
        return self


def journal_of(resources):
    """The journal the notebook belongs to, or None for a notebook on its own."""
    ref = resources.get("journal", {}).get("journal_obj")
    return ref.value if isinstance(ref, Shared) else ref


def visible_feedback(journal, entry_id: str, with_feedback: bool) -> tuple[list, bool]:
    """(pieces, tutor_view) an export of `entry_id` may show; the store has already hidden what the
    reader may not see, and a tutor's export shows feedback only when asked."""
    store = None if journal is None or not entry_id else journal.feedback
    if store is None:
        return [], False
    role = store.actor.role
    if role == "tutor" and not with_feedback or role not in MODERATORS:
        return [], False
    return [f for f in store.list(entry_id) if f.status != "recalled"], role == "tutor"
