"""Who comments on whose journal: the class on a circle, an arrow from each commenter to each journal they
commented on (thicker for more comments), and the students outside it marked.

Drawn with matplotlib alone: a circle in the table's order is all the layout a class needs, and it
keeps every student, isolated or not, in sight.
"""

from __future__ import annotations

import math

from .plots import ACCENT, FLAG, FONT, INK, TITLE, Picture, figure, listing, name_point, plural


def reply_network(students, network) -> Picture:
    """`students` (the report's table) as points, `network` (giver, owner, comments) as arrows between them."""
    from matplotlib.lines import Line2D

    keys, labels = list(students["student"]), list(students["label"])
    named = dict(zip(keys, labels))
    n = len(keys)
    fig, ax = figure(7, 6.2)
    ax.set_axis_off()
    ax.set_aspect("equal")
    place = {key: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
             for i, key in enumerate(keys)}
    linked = set(network["giver"]) | set(network["owner"])
    most = max([1, *network["comments"].tolist()])
    for giver, owner, count in network[["giver", "owner", "comments"]].itertuples(index=False):
        arrow = ax.annotate("", xy=place[owner], xytext=place[giver], zorder=1,
                            arrowprops={"arrowstyle": "-|>", "color": ACCENT, "alpha": 0.7, "shrinkA": 7,
                                        "shrinkB": 7, "lw": 0.8 + 2.4 * count / most,
                                        "connectionstyle": "arc3,rad=0.12"})
        arrow.set_gid(f"{giver} -> {owner}")
    for key in keys:
        alone = key not in linked
        x, y = place[key]
        ax.scatter([x], [y], s=60, zorder=2, color="white" if alone else ACCENT,
                   edgecolors=FLAG if alone else ACCENT, linewidths=1.5, gid=key)
        name_point(ax, named[key], (x, y), (9 * x, 9 * y), color=FLAG if alone else INK).set_gid(key)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.3, 1.3)
    ax.set_title("Who comments on whose journal", fontsize=TITLE, loc="left")
    ax.legend([Line2D([], [], color=ACCENT, lw=2, marker=">", markersize=5),
               Line2D([], [], ls="", marker="o", markerfacecolor="white", markeredgecolor=FLAG, markersize=7)],
              ["comments, from writer to journal", "gave and received none"], frameon=False, fontsize=FONT,
              loc="lower left", bbox_to_anchor=(0, -0.08), ncols=2)
    alone = [named[key] for key in keys if key not in linked]
    wrote = network.groupby("giver")["owner"].nunique()
    heard = network.groupby("owner")["giver"].nunique()
    alt = (f"Network of who commented on whose journal among {plural(n, 'student')}: "
           + listing([f"{named[key]} wrote on the journals of {plural(int(wrote.get(key, 0)), 'peer')} and had "
                      f"comments from {plural(int(heard.get(key, 0)), 'peer')}" for key in keys if key in linked])
           + (f". Gave and received no comment: {listing(alone)}." if alone else ". Every student took part."))
    return Picture(fig, alt, "Who comments on whose journal: an arrow runs from the writer of comments to the "
                             "journal they commented on, thicker for more; a hollow red point is a student who "
                             "neither gave nor received a comment.")
