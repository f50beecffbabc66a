"""Run an entry's code once so that its exports carry outputs (tables, plots); the comment panel is not run."""

from __future__ import annotations

from journal import figures
from journal.anatomy import has_code, is_runnable
from journal.entry import write_notebook

# Figures as SVG: sharp in print, and small. The kernel is private to this run and local, so its
# start-up warning about unencrypted local transport only alarms the reader of `journal demo`. Each figure's
# title and axis labels are kept as its text alternative (journal.figures).
KERNEL_ARGS = ["--InlineBackend.figure_formats=svg", "--IPKernelApp.log_level=ERROR",
               f"--InteractiveShellApp.extensions={figures.__name__}"]


def execute(entry, *, timeout: int = 120, kernel_name: str = "python3") -> bool:
    """Execute the code cells of `entry` in a fresh kernel and save their outputs; False when there is none."""
    if not has_code(entry.notebook):
        return False
    import nbformat
    from nbclient import NotebookClient

    node = nbformat.from_dict(entry.notebook)
    runnable = [c for c in node.cells if is_runnable(c)]
    work = nbformat.v4.new_notebook(cells=runnable, metadata=node.metadata)
    client = NotebookClient(work, timeout=timeout, kernel_name=kernel_name, extra_arguments=KERNEL_ARGS,
                            resources={"metadata": {"path": str(entry.path.parent)}})
    client.execute()
    # The cells are the same objects in both notebooks, so `node` now holds the outputs.
    write_notebook(node, entry.path)
    return True
