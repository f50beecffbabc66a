"""The participation report as files: one HTML page, one PDF (same page, set by WeasyPrint), the CSV beside them."""

from __future__ import annotations

import base64
from pathlib import Path

import jinja2

from journal.files import write_atomic
from journal.report.participation import WEEKLY_COLUMNS
from journal.spreadsheet import write_csv

from . import plots
from .fingerprint import TEMPLATE_DIR
from .pdf import html_to_pdf
from .reply_network import reply_network
from .weekly_activity import weekly_activity

TEMPLATES = TEMPLATE_DIR.parent / "report"
TEXT_COLUMNS = ("student", "login", "name", "week", "last_active", "feedback")
ROWS = 14                               # students in one picture with a row each: what fits under the title at 9 pt
KEPT = 3                                # rows a page break may never leave alone, or fewer


def report_html(report, *, csv_name: str = "participation.csv") -> str:
    """The report as one self-contained HTML page: names and logins escaped, plots embedded."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    env.filters["held_rows"] = held_rows
    students = [_student(row, report.quiet_days) for row in report.students.to_dict("records")]
    by_key = {s["student"]: s for s in students}
    names = {**dict(report.not_started), **{s["login"]: s["name"] for s in students if s["login"]}}
    reviews = [(names.get(login, login), login, c) for login, c in sorted(report.reviews.items())]
    return env.get_template("participation.html.j2").render(
        report=report, students=students, csv_name=csv_name, orphaned=report.orphaned.to_dict("records"),
        reviews=reviews, not_started=report.not_started,
        not_posted=[by_key[key] for key in report.not_posted],
        never_commented=[by_key[key] for key in report.never_commented],
        figures=[_figure(picture) for picture in pictures(report)])


def pictures(report) -> list:
    """The report's pictures in the page's order (Picture objects: a matplotlib figure, its alt text, its caption)."""
    parts = _parts(report.students)
    return [*(weekly_activity(report.weekly, students, part) for students, part in parts),
            plots.given_received(report.students), reply_network(report.students, report.network),
            plots.words_per_week(report.weekly)]


def _parts(students) -> list[tuple]:
    """The class in runs of ROWS students (with words naming each run), so that a picture with a row per student
    fits a printed page at the size it was drawn."""
    n = len(students)
    if n <= ROWS:
        return [(students, "")]
    return [(students.iloc[i:i + ROWS], f" (students {i + 1}–{min(i + ROWS, n)} of {n})") for i in range(0, n, ROWS)]


def held_rows(rows, keep: int = KEPT) -> list[tuple]:
    """A table's rows, each with whether the page may not break after it: never within its first or last
    `keep` rows, so no page holds fewer than `keep` of them (unless the table has fewer)."""
    rows = list(rows)
    return [(row, n < keep - 1 or n >= len(rows) - keep) for n, row in enumerate(rows)]


def _figure(picture) -> dict:
    """What the page needs of a picture: the PNG inline, printed at the size it was drawn, and its words."""
    png, width, height = picture.png()
    return {"png": base64.b64encode(png).decode("ascii"), "width": f"{width:.2f}in", "alt": picture.alt,
            "caption": picture.caption}


def write_report(report, out, *, name: str = "participation", formats=("html", "pdf")) -> list[Path]:
    """Write `<out>/<name>.html`, `.pdf` and `.csv`; returns the paths written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"{name}.csv"
    write_csv(csv_path, WEEKLY_COLUMNS, report.weekly.itertuples(index=False), safe_columns=TEXT_COLUMNS)
    written = [csv_path]
    html = report_html(report, csv_name=csv_path.name)
    if "html" in formats:
        write_atomic(out / f"{name}.html", html)
        written.append(out / f"{name}.html")
    if "pdf" in formats:
        write_atomic(out / f"{name}.pdf", html_to_pdf(html, base_url=str(out)))
        written.append(out / f"{name}.pdf")
    return written


def _student(row: dict, quiet_days: int) -> dict:
    # pandas is imported here, not above: it is heavy, and importing the report must not cost it.
    import pandas as pd

    wait = row["median_wait_hours"]
    quiet = row["days_quiet"]
    missing = bool(pd.isna(quiet))
    return {**row, "wait": "–" if pd.isna(wait) else f"{wait:.1f}",
            "days_quiet": None if missing else int(quiet), "quiet": missing or quiet >= quiet_days,
            "last_active": "" if pd.isna(row["last_active"]) else str(row["last_active"])}
