"""The participation report's PDF as WeasyPrint lays it out: type a tutor can read, and no row left alone."""

import datetime as dt

import pytest

from export.participation import report_html
from export.plots import DPI
from journal.report.gather import Gathered
from journal.report.participation import tabulate

PT = 4 / 3                              # CSS pixels per point


@pytest.fixture(scope="module")
def pages():
    """A class of 31, which the page used to cut as one row, 29 rows, one row."""
    from weasyprint import HTML

    n = 31
    found = Gathered(students=[{"student": f"s{i:02}", "login": f"s{i:02}", "name": f"Student {i}", "path": None}
                               for i in range(n)],
                     entries=[(f"s{i:02}", "week-one", dt.date(2026, 10, 5), 120, 1, True) for i in range(n)])
    report = tabulate(found, title="Participation", as_of=dt.date(2026, 10, 20), quiet_days=7)
    return HTML(string=report_html(report)).render().pages


def _walk(box, table=False, parent=None):
    """(box, inside a table, parent box) for every box under `box`."""
    table = table or getattr(box, "element_tag", None) == "table"
    yield box, table, parent
    for child in getattr(box, "children", None) or []:
        yield from _walk(child, table, box)


def test_text_is_at_least_10_pt_and_tables_at_least_9_pt(pages):
    sizes = {True: [], False: []}
    for page in pages:
        for box, in_table, _ in _walk(page._page_box):
            if type(box).__name__ == "TextBox" and box.text.strip():
                sizes[in_table].append(box.style["font_size"] / PT)
    assert sizes[True] and sizes[False]
    assert min(sizes[True]) >= 9 and min(sizes[False]) >= 10


def test_the_table_never_leaves_one_or_two_rows_alone_on_a_page(pages):
    per_page = [sum(1 for box, _, parent in _walk(page._page_box)
                    if getattr(box, "element_tag", None) == "tr" and getattr(parent, "element_tag", None) == "tbody")
                for page in pages]
    assert sum(per_page) == 31
    assert all(n == 0 or n >= 3 for n in per_page), per_page
    heads = [sum(1 for box, _, _ in _walk(page._page_box) if getattr(box, "element_tag", None) == "thead")
             for page, n in zip(pages, per_page) if n]
    assert heads == [1] * len(heads)          # the header repeats on every page of the table


def test_pictures_are_printed_at_the_size_they_were_drawn(pages):
    """Their labels are 9 pt as drawn (test_report_plots), so on paper too: a picture with a row per student
    comes in parts that each fit a page unshrunk."""
    images = [box for page in pages for box, _, _ in _walk(page._page_box)
              if getattr(box, "element_tag", None) == "img"]
    assert len(images) == 3 + 3                     # 31 students: the weekly activity in three parts, then the rest
    for box in images:
        intrinsic_w, intrinsic_h = box.replacement.get_intrinsic_size(1, 16)[:2]
        drawn = min(box.width / intrinsic_w, box.height / intrinsic_h)
        assert abs(drawn - 96 / DPI) < 0.01, (box.width, box.height, intrinsic_w, intrinsic_h)
