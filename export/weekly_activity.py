"""Each student's term, week by week: one row per student, a square for the entries they posted and a
circle for the comments they gave to peers each week, larger for more.

One plot for the class rather than a panel each, so 200 students stay one readable column beside
the heatmap, in the same order and with the same names.
"""

from __future__ import annotations

from .plots import ACCENT, FONT, SOFT, WARM, Picture, by_week, figure, listing, plain, plural, title

AREA = 90                               # points² of the largest marker
SHIFT = 0.18                            # how far each kind sits from its week's centre


def weekly_activity(weekly, students, part: str = "") -> Picture:
    """Entries and comments given per student (rows, by name) per week (columns); `part` names which of the
    class's students these are when they are one of several pictures."""
    from matplotlib.lines import Line2D

    entries = by_week(weekly, students, "entries")
    given = by_week(weekly, students, "given")
    rows, cols = entries.shape
    most = max([1, *(int(weekly[c].max()) for c in ("entries", "given") if len(weekly))])   # one scale, every part
    fig, ax = figure(3 + 0.5 * cols, min(1.6 + 0.24 * rows, 24))
    for grid, shift, marker, colour, kind in ((entries, -SHIFT, "s", ACCENT, "entries"),
                                              (given, SHIFT, "o", WARM, "comments")):
        r, c = grid.to_numpy().nonzero()
        counts = grid.to_numpy()[r, c]
        ax.scatter(c + shift, r, s=AREA * counts / most + 8, marker=marker, color=colour, edgecolors="none",
                   gid=kind, zorder=2)
    for row in range(rows):
        ax.axhline(row, color=SOFT, lw=0.4, zorder=1)
    ax.set_xticks(range(cols), [w[5:] for w in entries.columns], rotation=90, fontsize=FONT)
    ax.set_yticks(range(rows), [plain(label) for label in students["label"]], fontsize=FONT)
    ax.set_xlim(-0.6, cols - 0.4)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlabel("week starting", fontsize=FONT)
    title(ax, "Each student's weekly activity" + part, pad=24)
    ax.legend([Line2D([], [], ls="", marker="s", color=ACCENT), Line2D([], [], ls="", marker="o", color=WARM)],
              ["entries posted", "comments given to peers"], frameon=False, fontsize=FONT, ncols=2,
              loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2)
    weeks_active = [(label, int(((e > 0) | (g > 0)).sum())) for label, e, g in
                    zip(students["label"], entries.to_numpy(), given.to_numpy())]
    alt = (f"Dot chart of each student's activity{part} over {plural(cols, 'week')} from "
           f"{entries.columns[0] if cols else '–'}: entries posted and comments given to peers per week, one row "
           f"per student. Weeks with any activity: "
           + listing(f"{label} {n} of {cols}" for label, n in weeks_active) + ".")
    return Picture(fig, alt, "Each student's weekly activity: a blue square for the entries a student posted "
                             "that week and an orange circle for the comments they gave to peers, larger for "
                             "more; an empty week shows nothing.")
