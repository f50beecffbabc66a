"""The participation report's pictures (matplotlib, drawn off-screen): each a figure with the words that say
what it shows (its alternative text, for readers who cannot see it) and how to read it (its caption).

Figures are drawn at the size they are printed (the page sets them at their own width), so the font
sizes below are the sizes on paper: never under 9 pt.
"""

from __future__ import annotations

import io
import math
import struct
from collections import defaultdict
from dataclasses import dataclass

DPI = 110
PAD = 0.1                               # inches of white kept around what a figure holds
INK, ACCENT, WARM, SOFT, FLAG = "#1a1a1a", "#1f4e8c", "#c0692b", "#9db3d1", "#9b1c1c"
FONT, TITLE = 9, 11                     # points, as printed
WIDEST = 10.4                           # inches: the landscape A4 page's width inside its margins
SIDES = ((6, 4), (-6, 4), (6, -4), (-6, -4), (0, 8), (0, -8))     # where a point's name may go, in points
LISTED = 12                             # people named in an alternative text before "and N more"


@dataclass
class Picture:
    """A figure and its words; `png()` draws it."""

    figure: object                      # matplotlib Figure
    alt: str                            # what it shows
    caption: str                        # how to read it

    def png(self) -> tuple[bytes, float, float]:
        """The PNG, and its width and height in inches as drawn (so it can be printed at that size).

        Cropped to what the figure holds, as `bbox_inches="tight"` would crop it; but that option draws the
        figure twice to find the box, and measuring it (text extents, without drawing) costs a fraction.
        """
        box = self.figure.get_tightbbox(self.figure.canvas.get_renderer()).padded(PAD)
        out = io.BytesIO()
        self.figure.savefig(out, format="png", dpi=DPI, bbox_inches=box)
        data = out.getvalue()
        width, height = struct.unpack(">II", data[16:24])        # the IHDR chunk: the first in every PNG
        return data, width / DPI, height / DPI


def figure(width, height):
    """A figure no wider than the page, with one plain axes, drawn at DPI from the start so that what is
    measured while placing labels is what is printed.

    Made without pyplot: nothing global holds the figure, so it goes with its Picture and a report of
    many pictures never fills pyplot's list of open figures.
    """
    # matplotlib is imported here, not above: it is heavy, and importing the report must not cost it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(min(width, WIDEST), height), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=FONT)
    return fig, ax


def title(ax, text: str, pad: float | None = None) -> None:
    """`text` as the title of `ax`, `pad` points above it (matplotlib's usual gap by default), put there
    once: left to find its own place, it has matplotlib measure every tick label of the axes again at each
    draw, to see whether any stands above the axes, and none ever does here."""
    ax.set_title(text, fontsize=TITLE, loc="left", y=1.0, pad=pad)


def plain(label) -> str:
    """A label matplotlib shows as typed: a pair of $ would otherwise start mathematics (and can fail)."""
    return str(label).replace("$", r"\$")


def listing(items, more: str = "") -> str:
    """`items` joined for a sentence, the first LISTED of them, then how many more."""
    items = list(items)
    shown = "; ".join(items[:LISTED])
    return shown + (f"; and {len(items) - LISTED} more{more}" if len(items) > LISTED else "")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def by_week(weekly, students, column):
    """One count as students (rows, in the table's order) by weeks (columns)."""
    return (weekly.pivot(index="student", columns="week", values=column).fillna(0)
            .reindex(students["student"]).fillna(0).astype(int))


def given_received(students) -> Picture:
    """Comments each student gave on peers' entries against those they received, each point named.

    Students with the same two counts would be one dot: they are spread on a small ring around it.
    """
    fig, ax = figure(6, 4.8)
    top = max(1, int(students[["given", "received"]].to_numpy().max(initial=0)))
    places = defaultdict(list)
    for n, (x, y) in enumerate(zip(students["received"], students["given"])):
        places[(int(x), int(y))].append(n)
    ring = 0.06 * max(top, 2)
    xs, ys, away = [0.0] * len(students), [0.0] * len(students), [(6.0, 4.0)] * len(students)
    for (x, y), found in places.items():
        for k, n in enumerate(found):
            if len(found) > 1:
                turn = 2 * math.pi * k / len(found) + math.pi / 4
                xs[n], ys[n] = x + ring * math.cos(turn), y + ring * math.sin(turn)
                away[n] = (7 * math.cos(turn), 7 * math.sin(turn))
            else:
                xs[n], ys[n] = x, y
    ax.scatter(xs, ys, s=24, color=ACCENT, alpha=0.8, edgecolors="none", zorder=3)
    ax.plot([0, top], [0, top], color=SOFT, lw=1, ls="--", label="gave as many as received")
    ax.set_xlim(-0.15 * top - 0.6, 1.2 * top + 0.6)
    ax.set_ylim(-0.15 * top - 0.6, 1.2 * top + 0.6)
    labels = list(students["label"])
    name_points(ax, xs, ys, labels, away)
    ax.set_xlabel("comments received", fontsize=FONT)
    ax.set_ylabel("comments given to peers", fontsize=FONT)
    title(ax, "Comments given against received")
    ax.legend(frameon=False, fontsize=FONT, loc="upper left")
    alt = ("Scatter plot of the comments each student received (across) against those they gave to peers (up): "
           + listing([f"{label} received {r}, gave {g}"
                      for label, r, g in zip(labels, students["received"], students["given"])],
                     more=" (the table gives every student's numbers)") + ".")
    return Picture(fig, alt, "Comments given against received: each point is a student, named beside it; students "
                             "with the same counts are spread around their place. Above the dashed line a student "
                             "gave more than they received.")


def name_points(ax, xs, ys, labels, first) -> list:
    """Write each label beside its point: at its `first` offset (points) if that overlaps no label already
    written, else at the first of the other sides that does not (else at `first` anyway).

    A label is laid out once, where it is first written: its box at another side is that box moved, so
    trying the sides costs arithmetic rather than text layout, and a class of hundreds stays quick.
    """
    # numpy is imported here, not above, for the reason matplotlib is (see `figure`).
    import numpy as np

    renderer = ax.figure.canvas.get_renderer()
    scale = ax.figure.dpi / 72                      # display pixels per point
    labels = list(labels)
    taken, texts = np.empty((len(labels), 4)), []
    for n, (x, y, label, offset) in enumerate(zip(xs, ys, labels, first)):
        text = name_point(ax, label, (x, y), offset)
        box = text.get_window_extent(renderer)
        for side in (offset, *SIDES):
            taken[n] = _moved(box, offset, side, scale)
            if not _overlaps(taken[n], taken[:n]):
                break
        else:
            side, taken[n] = offset, box.extents
        if side != offset:
            ha, va = _align(side)
            text.xyann = side
            text.set(horizontalalignment=ha, verticalalignment=va)
        texts.append(text)
    return texts


def _align(offset) -> tuple[str, str]:
    """How a label `offset` points from its point is aligned, so that it reads away from the point."""
    dx, dy = offset
    return ("left" if dx > 0.5 else "right" if dx < -0.5 else "center",
            "bottom" if dy > 0.5 else "top" if dy < -0.5 else "center")


_SHARE = {"left": 0.0, "bottom": 0.0, "center": 0.5, "right": 1.0, "top": 1.0}   # of a box before its anchor


def _moved(box, was, side, scale) -> tuple:
    """(x0, y0, x1, y1) of the box of a label written at offset `was`, were it written at `side` instead."""
    (ha, va), (new_ha, new_va) = _align(was), _align(side)
    x0 = box.x0 + (side[0] - was[0]) * scale - (_SHARE[new_ha] - _SHARE[ha]) * box.width
    y0 = box.y0 + (side[1] - was[1]) * scale - (_SHARE[new_va] - _SHARE[va]) * box.height
    return x0, y0, x0 + box.width, y0 + box.height


def _overlaps(box, others) -> bool:
    """Whether `box` overlaps any row of `others` (an array of boxes), touching counting, as Bbox.overlaps."""
    x0, y0, x1, y1 = box
    return bool(((x0 <= others[:, 2]) & (others[:, 0] <= x1) & (y0 <= others[:, 3]) & (others[:, 1] <= y1)).any())


def name_point(ax, label, point, offset, color=INK):
    """`label` written `offset` points away from `point`, aligned so it reads away from the point."""
    ha, va = _align(offset)
    return ax.annotate(plain(label), point, xytext=offset, textcoords="offset points", fontsize=FONT, color=color,
                       ha=ha, va=va)


def words_per_week(weekly) -> Picture:
    """The class's words per week: the median student, the middle half and the full range."""
    grid = weekly.pivot(index="student", columns="week", values="words").fillna(0)
    weeks = list(range(grid.shape[1]))
    q = grid.quantile([0.0, 0.25, 0.5, 0.75, 1.0]).to_numpy()
    fig, ax = figure(7, 3.6)
    ax.fill_between(weeks, q[0], q[4], color=SOFT, alpha=0.3, lw=0, label="fewest to most")
    ax.fill_between(weeks, q[1], q[3], color=SOFT, alpha=0.8, lw=0, label="middle half")
    ax.plot(weeks, q[2], color=ACCENT, lw=1.8, label="median student")
    ax.set_xticks(weeks, [w[5:] for w in grid.columns], rotation=90, fontsize=FONT)
    ax.set_ylabel("words", fontsize=FONT)
    title(ax, "Words per week across the class")
    ax.legend(frameon=False, fontsize=FONT, loc="upper right")
    alt = ("Line chart of the words the class wrote each week, week starting "
           + listing(f"{week}: median {m:.0f}, most {hi:.0f}" for week, m, hi in zip(grid.columns, q[2], q[4]))
           + ".")
    return Picture(fig, alt, "Words per week across the class: the line is the median student, the dark band the "
                             "middle half of the class, the pale band everyone from fewest to most words.")
