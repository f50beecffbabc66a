"""CSV files a spreadsheet opens safely: other people's words never run as formulas."""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import JournalError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell) -> str:
    """Make a cell a spreadsheet shows as text: a leading =, +, -, @, tab or CR would start a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1"), neutralise("fine")
    ('\\'=HYPERLINK("http://x")', "'-1", 'fine')
    """
    cell = "" if cell is None or cell != cell else str(cell)     # None and NaN are empty cells
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def write_csv(path, header, rows, *, safe_columns=None) -> int:
    """Write `rows` under `header`; cells in `safe_columns` (default: every column) are neutralised.

    Numbers a tool computed (counts, levels) may be left out of `safe_columns` so they stay numbers.
    Returns the number of rows written.
    """
    safe = set(range(len(header))) if safe_columns is None else {list(header).index(c) for c in safe_columns}
    n = 0
    try:
        with open(Path(path), "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutralise(c) if i in safe else _plain(c) for i, c in enumerate(row)])
                n += 1
    except OSError as exc:
        raise JournalError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return n


def _plain(value):
    """A number as the spreadsheet should read it; missing values (None, NaN, NA) as empty cells."""
    try:
        if value is None or value != value:
            return ""
    except TypeError:                   # pandas' NA refuses comparison
        return ""
    return value
