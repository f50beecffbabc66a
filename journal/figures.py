"""A figure's text alternative: where an entry keeps it, and the kernel's hook that writes it for matplotlib.

Exports (HTML, the course's pages, the PDF's /Alt) read `ALT` from an output's metadata (its own, or the
metadata of its image type, as IPython's formatters write it), then from its cell's metadata. The sidebar's
"Describe this figure" writes the same key. For matplotlib, `load_ipython_extension` (`%load_ext
journal.figures`, or the kernels `journal` starts) saves each figure's title and axis labels under it.
"""

from __future__ import annotations

#: The metadata key of a figure's text alternative, in an output's metadata or its cell's.
ALT = "alt"
#: The image types a figure comes as.
IMAGE_TYPES = ("image/svg+xml", "image/png", "image/jpeg")
#: What a kernel runs to load the hook: JupyterLab's extension sends it to an entry's kernel, silently, when the
#: kernel starts and after each restart (the kernels `journal` starts itself load the extension by name).
KERNEL_SETUP = f"%load_ext {__name__}"
_FIGURE = "matplotlib.figure.Figure"
_WRAPPED = "_journal_alt"


def output_alt(output) -> str:
    """The text alternative an output carries itself ('' when none): its own metadata, then its image type's."""
    metadata = output.get("metadata") or {}
    found = metadata.get(ALT)
    for mime in IMAGE_TYPES:
        if not found and isinstance(metadata.get(mime), dict):
            found = metadata[mime].get(ALT)
    return str(found).strip() if found else ""


def describe(figure) -> str:
    """A matplotlib figure in words from its titles and axis labels; '' when it has none.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.set(title="Words per week", xlabel="week", ylabel="words")
    >>> describe(fig)
    'Words per week (x: week; y: words)'
    """
    parts = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        parts.append(suptitle.get_text().strip())
    for axes in figure.axes:
        title = " ".join(t for t in (axes.get_title(loc) for loc in ("left", "center", "right")) if t.strip())
        labels = "; ".join(f"{name}: {label}" for name, label in (("x", axes.get_xlabel()), ("y", axes.get_ylabel()))
                           if label.strip())
        if title or labels:
            parts.append(f"{title} ({labels})" if title and labels else title or labels)
    return "; ".join(parts)


def _with_alt(printer):
    def printed(figure):
        data = printer(figure)
        text = describe(figure)
        return (data, {ALT: text}) if text and data is not None else data

    setattr(printed, _WRAPPED, True)
    return printed


def _is_figure(kind) -> bool:
    name = kind if isinstance(kind, str) else f"{getattr(kind, '__module__', '')}.{getattr(kind, '__name__', '')}"
    return name == _FIGURE


def _watch(formatter) -> None:
    """Wrap the figure printer the formatter has, and any it is given later: matplotlib's inline backend
    registers its printers when pyplot is first imported, inside a cell, and shows figures right away."""
    try:
        printer = formatter.lookup_by_type(_FIGURE)
    except KeyError:
        printer = None
    if printer is not None and not getattr(printer, _WRAPPED, False):
        formatter.for_type(_FIGURE, _with_alt(printer))
    if getattr(formatter.for_type, _WRAPPED, False):
        return
    register = formatter.for_type

    def for_type(kind, func=None):
        if func is not None and _is_figure(kind) and not getattr(func, _WRAPPED, False):
            func = _with_alt(func)
        return register(kind, func)

    setattr(for_type, _WRAPPED, True)
    formatter.for_type = for_type


def load_ipython_extension(shell) -> None:
    """The kernel's hook (`%load_ext journal.figures`): each matplotlib figure shown carries `ALT`."""
    for mime in IMAGE_TYPES:
        formatter = shell.display_formatter.formatters.get(mime)
        if formatter is not None:
            _watch(formatter)
