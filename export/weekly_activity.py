"""Each student's term, week by week: one row per student and a square per week, shaded by the entries
they posted that week, with a circle on it for the comments they gave to peers, larger for more.

One picture for both kinds of activity, in the table's order and with its names: a heatmap of entries
beside a dot chart of the same rows and weeks said the same thing about entries twice, and in parts of a
page each a class of 200 made thirty figures of the two.
"""

from __future__ import annotations

from .plots import FONT, WARM, Picture, by_week, figure, listing, plain, plural, title

AREA = 90                               # points² of the largest circle
SHADES = "Blues"                        # the entries' colour map, white for none


def weekly_activity(weekly, students, part: str = "") -> Picture:
    """Entries (shading) and comments given (circles) per student (rows, by name) per week (columns); `part`
    names which of the class's students these are when they are one of several pictures."""
    # matplotlib is imported here, not above: it is heavy, and importing the report must not cost it.
    from matplotlib.lines import Line2D

    entries = by_week(weekly, students, "entries")
    given = by_week(weekly, students, "given")
    rows, cols = entries.shape
    most = {c: max(1, int(weekly[c].max()) if len(weekly) else 0) for c in ("entries", "given")}   # every part
    fig, ax = figure(3 + 0.5 * cols, min(1.6 + 0.24 * rows, 24))
    image = ax.imshow(entries.to_numpy(), aspect="auto", cmap=SHADES, vmin=0, vmax=most["entries"],
                      interpolation="nearest", zorder=1)
    r, c = given.to_numpy().nonzero()
    ax.scatter(c, r, s=AREA * given.to_numpy()[r, c] / most["given"] + 8, color=WARM, edgecolors="white",
               linewidths=0.6, gid="comments", zorder=2)
    ax.set_xticks(range(cols), [w[5:] for w in entries.columns], rotation=90, fontsize=FONT)
    ax.set_yticks(range(rows), [plain(label) for label in students["label"]], fontsize=FONT)
    ax.set_xlabel("week starting", fontsize=FONT)
    title(ax, "Each student's weekly activity" + part, pad=24)
    bar = fig.colorbar(image, ax=ax, shrink=0.5)
    bar.set_label("entries posted", fontsize=FONT)
    bar.ax.tick_params(labelsize=FONT)
    bar.set_ticks(range(most["entries"] + 1))
    ax.legend([Line2D([], [], ls="", marker="s", markersize=9, color=image.cmap(1.0)),
               Line2D([], [], ls="", marker="o", markersize=7, color=WARM)],
              ["entries posted (darker: more)", "comments given to peers (larger: more)"], frameon=False,
              fontsize=FONT, ncols=2, loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2)
    totals = entries.sum(axis=1).astype(int).tolist()
    comments = given.sum(axis=1).astype(int).tolist()
    weeks_active = [int(((e > 0) | (g > 0)).sum()) for e, g in zip(entries.to_numpy(), given.to_numpy())]
    none = [label for label, n in zip(students["label"], totals) if n == 0]
    alt = (f"Chart of each student's weekly activity{part}, {plural(rows, 'student')} (rows) over "
           f"{plural(cols, 'week')} from {entries.columns[0] if cols else '–'} (columns): each week shaded by "
           f"the entries the student posted and marked by the comments they gave to peers. In all: "
           + listing(f"{label} posted {n}, gave {g}" for label, n, g in zip(students["label"], totals, comments))
           + ". Weeks with any activity: "
           + listing(f"{label} {n} of {cols}" for label, n in zip(students["label"], weeks_active))
           + (f". No entry at all: {listing(none)}." if none else "."))
    return Picture(fig, alt, "Each student's weekly activity: the darker the square, the more entries the "
                             "student posted that week (a white row is a student who posted nothing); an orange "
                             "circle marks the comments they gave to peers that week, larger for more.")
