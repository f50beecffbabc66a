"""Export a tutor's class of students: a portfolio per journal, in parallel; one broken journal stops no other."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from journal.course.classfolder import find_journals
from journal.folder import Journal

from .entries import USER_ERRORS
from .options import ExportOptions
from .portfolio import export_portfolio, portfolio_entries

__all__ = ["JournalResult", "export_class", "export_journal", "find_journals", "progress_bar", "summary"]


@dataclass
class JournalResult:
    """How one journal of the class went."""

    path: Path
    status: str  # written, skipped or failed
    entries: int = 0
    seconds: float = 0.0
    outputs: tuple = ()
    error: str = ""


def export_journal(path: Path, chosen: dict, out, force: bool) -> JournalResult:
    """Export one journal's portfolio; every error the user can fix becomes a failed result, not an exception."""
    start = time.perf_counter()
    path = Path(path)
    try:
        journal = Journal.open(path)
        options = ExportOptions.for_journal(journal, **chosen)
        count = len(portfolio_entries(journal, options))
        target = Path(out) if out else None
        outcomes = export_portfolio(journal, options, out=target, name=path.name if target else "portfolio",
                                    force=force)
    except USER_ERRORS as exc:
        return JournalResult(path, "failed", seconds=time.perf_counter() - start, error=str(exc))
    failed = [o for o in outcomes if o.status == "failed"]
    status = "failed" if failed else "written" if any(o.status == "written" for o in outcomes) else "skipped"
    return JournalResult(path, status, count, time.perf_counter() - start,
                         tuple(o.path for o in outcomes if o.path), failed[0].error if failed else "")


def export_class(dirs, chosen: dict, *, out=None, force: bool = False, jobs: int = 1, progress=None):
    """Export every journal found in `dirs` with `jobs` processes; results in the order the journals were found."""
    paths = find_journals(dirs, skip=[out] if out else ())
    progress = progress or (lambda done, total, result: None)
    results: dict[int, JournalResult] = {}
    if jobs <= 1 or len(paths) <= 1:
        for i, path in enumerate(paths):
            results[i] = export_journal(path, chosen, out, force)
            progress(len(results), len(paths), results[i])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(export_journal, p, chosen, out, force): i for i, p in enumerate(paths)}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results[i] = future.result()
                except Exception as exc:  # a crash in one journal must not hide the others
                    results[i] = JournalResult(paths[i], "failed", error=f"{paths[i]}: {type(exc).__name__}: {exc}")
                progress(len(results), len(paths), results[i])
    return [results[i] for i in range(len(paths))]


def progress_bar(stream=sys.stderr):
    """A progress callback drawing `[#####.....] 3/10 name status` on `stream`."""
    live = stream.isatty()

    def show(done, total, result):
        filled = int(20 * done / max(total, 1))
        line = f"[{'#' * filled}{'.' * (20 - filled)}] {done}/{total} {result.path.name} {result.status}"
        stream.write(("\r" + line.ljust(78)) if live else line + "\n")
        if live and done == total:
            stream.write("\n")
        stream.flush()
    return show


def summary(results) -> str:
    """A table of journals, entries, status, seconds and where the portfolio went (or why it failed)."""
    rows = [("journal", "entries", "status", "seconds", "output or error")]
    for r in results:
        detail = r.error or ", ".join(str(p) for p in r.outputs)
        rows.append((r.path.name, str(r.entries), r.status, f"{r.seconds:.1f}", detail))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join([c.ljust(w) if i != 1 and i != 3 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
                       + [row[4]]) for row in rows]
    ok = sum(r.status != "failed" for r in results)
    lines.append(f"{ok} of {len(results)} journals exported" + ("" if ok == len(results) else "; see the errors above"))
    return "\n".join(lines)
