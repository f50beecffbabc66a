"""Who comments on whose journal: the class on a circle, an arrow from each commenter to each journal they
commented on (thicker for more comments), and the students outside it marked.

Drawn with matplotlib alone: a circle in the table's order is all the layout a class needs, and it
keeps every student, isolated or not, in sight. A class of hundreds has thousands of arrows, so they are
drawn as two collections (the curves, then their heads) rather than an annotation each, whose curves
matplotlib would clip and measure one by one.
"""

from __future__ import annotations

import math

from .plots import ACCENT, FLAG, FONT, INK, Picture, figure, listing, name_point, plural, title

BEND = 0.12                             # a curve's bow off its chord (arc3's rad): A -> B and B -> A run side by side
SHRINK = 7                              # points left clear between an arrow's ends and the points it joins
STEPS = 12                              # straight pieces to a curve
THINNEST, THICKEST = 0.8, 3.2           # points: the line of one comment, and of the most any student gave one peer


def reply_network(students, network) -> Picture:
    """`students` (the report's table) as points, `network` (giver, owner, comments) as arrows between them."""
    # matplotlib is imported here, not above: it is heavy, and importing the report must not cost it.
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D

    keys, labels = list(students["student"]), list(students["label"])
    named = dict(zip(keys, labels))
    n = len(keys)
    fig, ax = figure(7, 6.2)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.3, 1.3)
    place = {key: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
             for i, key in enumerate(keys)}
    linked = set(network["giver"]) | set(network["owner"])
    most = max([1, *network["comments"].tolist()])
    edges = network[["giver", "owner", "comments"]].itertuples(index=False)
    starts, ends, widths = [], [], []
    for giver, owner, count in edges:
        starts.append(place[giver])
        ends.append(place[owner])
        widths.append(THINNEST + (THICKEST - THINNEST) * count / most)
    curves, heads = arrows(starts, ends, widths, _per_point(ax))
    ax.add_collection(LineCollection(curves, linewidths=widths, colors=ACCENT, alpha=0.7, zorder=1,
                                     gid="comments"), autolim=False)
    ax.add_collection(PolyCollection(heads, facecolors=ACCENT, edgecolors="none", alpha=0.7, zorder=1,
                                     gid="arrowheads"), autolim=False)
    alone = [key not in linked for key in keys]
    ax.scatter([place[key][0] for key in keys], [place[key][1] for key in keys], s=60, zorder=2,
               color=["white" if a else ACCENT for a in alone], edgecolors=[FLAG if a else ACCENT for a in alone],
               linewidths=1.5, gid="students")
    for key, lonely in zip(keys, alone):
        x, y = place[key]
        name_point(ax, named[key], (x, y), (9 * x, 9 * y), color=FLAG if lonely else INK).set_gid(key)
    title(ax, "Who comments on whose journal")
    ax.legend([Line2D([], [], color=ACCENT, lw=2, marker=">", markersize=5),
               Line2D([], [], ls="", marker="o", markerfacecolor="white", markeredgecolor=FLAG, markersize=7)],
              ["comments, from writer to journal", "gave and received none"], frameon=False, fontsize=FONT,
              loc="lower left", bbox_to_anchor=(0, -0.08), ncols=2)
    outside = [named[key] for key, lonely in zip(keys, alone) if lonely]
    wrote = network.groupby("giver")["owner"].nunique()
    heard = network.groupby("owner")["giver"].nunique()
    alt = (f"Network of who commented on whose journal among {plural(n, 'student')}: "
           + listing([f"{named[key]} wrote on the journals of {plural(int(wrote.get(key, 0)), 'peer')} and had "
                      f"comments from {plural(int(heard.get(key, 0)), 'peer')}" for key in keys if key in linked])
           + (f". Gave and received no comment: {listing(outside)}." if outside else ". Every student took part."))
    return Picture(fig, alt, "Who comments on whose journal: an arrow runs from the writer of comments to the "
                             "journal they commented on, thicker for more; a hollow red point is a student who "
                             "neither gave nor received a comment.")


def arrows(starts, ends, widths, per_point: float):
    """Curves (STEPS + 1 points each) from each start towards its end, stopping where the arrow's head
    begins, and the heads (triangles, their tips SHRINK points short of the end); `widths` are the lines'
    in points and `per_point` the data units in a point (the axes' aspect being equal)."""
    # numpy is imported here, not above, for the reason matplotlib is.
    import numpy as np

    a, b = np.asarray(starts, float).reshape(-1, 2), np.asarray(ends, float).reshape(-1, 2)
    width = np.asarray(widths, float).reshape(-1, 1) * per_point
    chord = b - a
    length = np.hypot(chord[:, :1], chord[:, 1:])
    bend = (a + b) / 2 + BEND * np.column_stack([chord[:, 1], -chord[:, 0]])      # arc3's control point
    # Neighbours on the circle of a large class sit closer than the clearance: their arrows keep a third each.
    gap = np.minimum(SHRINK * per_point, length / 3)
    head = np.minimum(2.5 * width + 2 * per_point, length / 3)                     # a thicker line, a larger head
    # At this bend a curve is as long as its chord, near enough to measure along it by its parameter.
    first, tip = gap / length, 1 - gap / length
    t = first + (tip - head / length - first) * np.linspace(0, 1, STEPS + 1)
    point = _bezier(a, bend, b, tip)[:, 0]
    ahead = (1 - tip) * (bend - a) + tip * (b - bend)                               # the curve's direction at the tip
    ahead /= np.hypot(ahead[:, :1], ahead[:, 1:])
    back = point - ahead * head
    side = np.column_stack([-ahead[:, 1], ahead[:, 0]]) * (1.2 * width + per_point)
    return _bezier(a, bend, b, t), np.stack([point, back + side, back - side], axis=1)


def _bezier(a, bend, b, t):
    """Points of the quadratic Bezier curves a -> bend -> b at parameters `t` (edges, k): (edges, k, 2)."""
    t = t[..., None]
    return (1 - t) ** 2 * a[:, None] + 2 * (1 - t) * t * bend[:, None] + t ** 2 * b[:, None]


def _per_point(ax) -> float:
    """Data units in a point of `ax` once its aspect is applied (the same across and up: the aspect is equal)."""
    ax.apply_aspect()
    (x0, _), (x1, _) = ax.transData.transform([(0, 0), (1, 0)])
    return ax.figure.dpi / 72 / (x1 - x0)
