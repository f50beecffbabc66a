"""The preprocessors of the journal exporters, one concept per module."""


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
