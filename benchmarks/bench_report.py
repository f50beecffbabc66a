"""The participation report of a class of 200 students x 20 entries (with peers' comments).

Target: the whole report (reading every journal, the tables, the pictures, the HTML page,
the PDF and the CSV) in under 10 s. Baseline in the same run: the same report for 20 students,
so the ratio shows how it grows with the class.
"""

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from common import median, table

SIZES = (20, 200)
ENTRIES = 20
REPEAT = 3


def _measure(folder: Path, students: int) -> dict:
    from export.participation import write_report
    from journal.demo.classroom import build_class
    from journal.folder import Journal
    from journal.report import build_report
    from journal.report.access import readable_journals

    build_class(folder / "class", students=students, entries=ENTRIES)
    times = {"tables": [], "whole report": []}
    for i in range(REPEAT):
        start = time.perf_counter()
        journals = readable_journals([folder / "class"])
        report = build_report(journals, as_of=dt.date(2027, 2, 15))
        times["tables"].append(time.perf_counter() - start)
        write_report(report, folder / f"out{i}")
        times["whole report"].append(time.perf_counter() - start)
    assert len(report.students) == students and isinstance(journals[0], Journal)
    return times


def main():
    os.environ["JOURNAL_ROLE"] = "tutor"
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            (Path(tmp) / str(n)).mkdir()
            results[n] = _measure(Path(tmp) / str(n), n)
    rows = [[what, *(f"{median(results[n][what]):.2f}" for n in SIZES)] for what in ("tables", "whole report")]
    table(("s, median", *(f"{n} x {ENTRIES}" for n in SIZES)), rows)
    big, small = results[SIZES[-1]]["whole report"], results[SIZES[0]]["whole report"]
    print(f"whole report at {SIZES[-1]} vs {SIZES[0]} students: {median(big) / median(small):.1f}x")
    ok = median(big) < 10
    print(f"target: {SIZES[-1]} students x {ENTRIES} entries under 10 s: {'met' if ok else 'MISSED'}")
    return not ok


if __name__ == "__main__":
    import sys

    sys.exit(main())
