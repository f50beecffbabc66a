"""BibTeX bibliographies, `[@key]` citations, and Harvard-style formatting on pybtex."""

# Names load on first use: `journal list` imports this package and must not pay for pybtex.
_LAZY = {"cite_entry": "cite", "cite_notebook": "cite", "CiteResult": "cite", "ReferencesError": "errors", "show": "jupyter"}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
