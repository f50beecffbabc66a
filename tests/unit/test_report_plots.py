"""The participation report's pictures, read as a tutor reads them: every point and row named, nobody hidden."""

import datetime as dt
import math
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from export import plots
from export.participation import pictures, report_html
from export.reply_network import reply_network
from export.weekly_activity import weekly_activity
from journal import Journal
from journal.report import build_report
from journal.report.people import labels

PEOPLE = [("ada", "Ada Lovelace", "ada"), ("bo", "Bo Chen", "bo"), ("slee", "Sam Lee", "slee"),
          ("sam", "Sam Lee", "sam.lee"), ("cy", "Cy Dunn", "cy"), ("di", "Di Evans", "di")]
NAMES = ["Ada Lovelace", "Bo Chen", "Sam Lee (slee)", "Sam Lee (sam.lee)", "Cy Dunn", "Di Evans"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Six students: Ada and Bo comment once on each other; the other four neither give nor receive, so the
    plot of given against received has two places only: (1, 1) twice and (0, 0) four times."""
    folder = tmp_path_factory.mktemp("class")
    journals = []
    for n, (key, name, login) in enumerate(PEOPLE):
        journal = Journal.create(folder / key, title=f"{name}'s", author=name, username=login)
        journal.new_entry("Week one", date="2026-10-05", status="published")
        if key in ("ada", "cy"):
            journal.new_entry("Week two", date="2026-10-13", status="published")
        journals.append(journal)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JOURNAL_ROLE", "peer")
        journals[0].comments.submit("week-one", name="Bo Chen", body="Well put.")
        journals[1].comments.submit("week-one", name="Ada Lovelace", body="I agree.")
    return build_report(journals, as_of=dt.date.today())


def test_given_against_received_names_every_student_and_parts_the_ones_who_coincide(report):
    picture = plots.given_received(report.students)
    ax = picture.figure.axes[0]
    points = ax.collections[0].get_offsets()
    assert len(points) == 6 and len({(round(x, 6), round(y, 6)) for x, y in points}) == 6
    s = report.students
    for (x, y), received, given in zip(points, s["received"], s["given"]):
        assert abs(x - received) < 0.2 and abs(y - given) < 0.2          # near their true place
    names = {t.get_text(): t for t in ax.texts}
    assert sorted(names) == sorted(NAMES)
    for label, (x, y) in zip(s["label"], points):
        assert tuple(names[label].xy) == (x, y)                          # each name beside its own point
    renderer = picture.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])
    assert "Ada Lovelace received 1, gave 1" in picture.alt and "Cy Dunn received 0, gave 0" in picture.alt


def test_reply_network_shows_who_comments_on_whom_and_who_is_alone(report):
    assert report.network.values.tolist() == [["ada", "bo", 1], ["bo", "ada", 1]]
    picture = reply_network(report.students, report.network)
    ax = picture.figure.axes[0]
    drawn = {c.get_gid(): c for c in ax.collections}
    keys = list(report.students["student"])
    places = drawn["students"].get_offsets()

    def nearest(point):
        return keys[min(range(len(keys)), key=lambda n: math.dist(places[n], point))]

    curves, heads = drawn["comments"].get_segments(), drawn["arrowheads"].get_paths()
    tips = [head.vertices[0] for head in heads]
    assert len(curves) == len(tips) == 2
    assert {(nearest(curve[0]), nearest(tip)) for curve, tip in zip(curves, tips)} == {("ada", "bo"), ("bo", "ada")}
    for curve, tip in zip(curves, tips):                  # each arrow runs from its writer's point to the journal's
        assert math.dist(curve[-1], tip) < math.dist(curve[0], tip)
    named = {t.get_gid(): t for t in ax.texts}
    assert [named[key].get_text() for key in keys] == NAMES
    alone = {"slee", "sam", "cy", "di"}
    for key, face in zip(keys, drawn["students"].get_facecolors()):
        hollow = tuple(face) == (1.0, 1.0, 1.0, 1.0)
        assert hollow == (key in alone), key
        assert (named[key].get_color() == plots.FLAG) == (key in alone)
    assert "Gave and received no comment: Sam Lee (slee); Sam Lee (sam.lee); Cy Dunn; Di Evans." in picture.alt
    assert "Ada Lovelace wrote on the journals of 1 peer and had comments from 1 peer" in picture.alt


def test_reply_network_draws_more_comments_thicker():
    students = pd.DataFrame({"student": ["a", "b", "c"], "label": ["A", "B", "C"]})
    network = pd.DataFrame({"giver": ["a", "b", "c"], "owner": ["b", "c", "a"], "comments": [1, 4, 2]})
    ax = reply_network(students, network).figure.axes[0]
    lines = next(c for c in ax.collections if c.get_gid() == "comments")
    heads = next(c for c in ax.collections if c.get_gid() == "arrowheads")
    widths = list(lines.get_linewidths())
    assert widths[1] > widths[2] > widths[0]
    size = [math.dist(head.vertices[1], head.vertices[2]) for head in heads.get_paths()]
    assert size[1] > size[2] > size[0]                  # and their heads wider


def test_weekly_activity_has_a_row_per_student_by_name_and_marks_each_active_week(report):
    picture = weekly_activity(report.weekly, report.students)
    ax = picture.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == NAMES        # logins only where names are shared
    weeks = report.weeks
    shaded = ax.images[0].get_array()
    assert shaded.shape == (6, len(weeks))
    second = weeks.index("2026-10-12")
    assert sorted((int(c), int(r)) for r, c in zip(*shaded.nonzero())) == sorted(
        [(0, n) for n in range(6)] + [(second, 0), (second, 4)])
    circles = next(c for c in ax.collections if c.get_gid() == "comments")
    this_week = weeks.index(str(dt.date.today() - dt.timedelta(days=dt.date.today().weekday())))
    assert sorted((round(x), int(y)) for x, y in circles.get_offsets()) == [(this_week, 0), (this_week, 1)]
    assert "Cy Dunn 2 of" in picture.alt and "Sam Lee (slee) 1 of" in picture.alt
    assert "Ada Lovelace posted 2, gave 1" in picture.alt and "Cy Dunn posted 2, gave 0" in picture.alt


def test_copies_that_share_name_and_login_are_told_apart_by_folder():
    rows = [{"student": "s01", "login": "ada", "name": "Ada"}, {"student": "s02", "login": "ada", "name": "Ada"},
            {"student": "s03", "login": "bo", "name": ""}, {"student": "s04", "login": "cy", "name": "ada"}]
    assert labels(rows) == ["Ada (s01)", "Ada (s02)", "bo", "ada (cy)"]


def test_figures_are_printed_at_their_size_with_nine_point_labels(report):
    for picture in pictures(report):
        fig = picture.figure
        texts = [t for ax in fig.axes for t in (*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels(),
                                               ax.xaxis.label, ax.yaxis.label, ax.title) if t.get_text()]
        assert texts and min(t.get_fontsize() for t in texts) >= 9
        assert fig.get_figwidth() <= plots.WIDEST


class _Figures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures, self._in = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.figures.append({"alt": dict(attrs).get("alt"), "style": dict(attrs).get("style"), "caption": ""})
        elif tag == "figcaption":
            self._in = self.figures[-1]

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            self._in["caption"] += data


def test_every_picture_has_alternative_text_that_says_what_it_shows_and_a_caption(report):
    parsed = _Figures()
    parsed.feed(report_html(report))
    assert len(parsed.figures) == 4
    words = [p.alt for p in pictures(report)]
    assert [f["alt"] for f in parsed.figures] == words
    for f in parsed.figures[:3]:
        assert "Ada Lovelace" in f["alt"] and "Di Evans" in f["alt"]        # the students, by name
    assert "median" in parsed.figures[3]["alt"]
    assert [f["caption"].split(".")[0] for f in parsed.figures] == [f"Figure {n}" for n in range(1, 5)]
    assert all(len(f["caption"]) > 60 and f["style"].startswith("width: ") for f in parsed.figures)


def test_pictures_leave_no_figure_open_in_pyplot(report):
    """A class's report makes dozens of figures: none may stay in pyplot's list (which warns past 20)."""
    before = plt.get_fignums()
    assert pictures(report) and plt.get_fignums() == before


def test_a_course_where_nobody_has_shared_yet_still_gets_its_report():
    page = report_html(build_report([], title="Participation", not_started=[("bob", "Bob Byte")]))
    assert "<h2>Not started</h2>" in page and "Bob Byte (bob)" in page
