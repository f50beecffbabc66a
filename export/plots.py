"""The participation report's pictures (matplotlib, drawn off-screen), as PNG bytes."""

from __future__ import annotations

import io

DPI = 110
INK, ACCENT, SOFT = "#1a1a1a", "#1f4e8c", "#9db3d1"


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


def _figure(width, height):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _plain(label) -> str:
    """A label matplotlib shows as typed: a pair of $ would otherwise start mathematics (and can fail)."""
    return str(label).replace("$", r"\$")


def entries_heatmap(weekly) -> bytes:
    """Students (rows) by weeks (columns), shaded by the number of entries posted that week."""
    grid = weekly.pivot(index="student", columns="week", values="entries").fillna(0)
    rows, cols = grid.shape
    fig, ax = _figure(min(2 + 0.45 * cols, 11), min(1.2 + 0.18 * rows, 24))
    image = ax.imshow(grid.to_numpy(), aspect="auto", cmap="Blues", vmin=0, interpolation="nearest")
    ax.set_xticks(range(cols), [w[5:] for w in grid.columns], rotation=90, fontsize=7)
    ax.set_yticks(range(rows), [_plain(key) for key in grid.index], fontsize=max(3, min(8, 500 // max(rows, 1))))
    ax.set_xlabel("week starting")
    ax.set_title("Entries per student per week", fontsize=10, loc="left")
    bar = fig.colorbar(image, ax=ax, shrink=0.5, label="entries")
    bar.set_ticks(range(int(grid.to_numpy().max(initial=0)) + 1))
    return _png(fig)


def given_received(students) -> bytes:
    """Comments each student gave on peers' entries against those they received."""
    fig, ax = _figure(5, 4.2)
    ax.scatter(students["received"], students["given"], s=18, color=ACCENT, alpha=0.75, edgecolors="none")
    top = max(1, int(students[["given", "received"]].to_numpy().max(initial=0)))
    ax.plot([0, top], [0, top], color=SOFT, lw=1, ls="--", label="gave as many as received")
    ax.set_xlabel("comments received")
    ax.set_ylabel("comments given to peers")
    ax.set_title("Comments given against received", fontsize=10, loc="left")
    ax.legend(frameon=False, fontsize=7, loc="best")
    return _png(fig)


def words_per_week(weekly) -> bytes:
    """The class's words per week: the median student, the middle half and the full range."""
    grid = weekly.pivot(index="student", columns="week", values="words").fillna(0)
    weeks = list(range(grid.shape[1]))
    q = grid.quantile([0.0, 0.25, 0.5, 0.75, 1.0]).to_numpy()
    fig, ax = _figure(6.5, 3.2)
    ax.fill_between(weeks, q[0], q[4], color=SOFT, alpha=0.3, lw=0, label="fewest to most")
    ax.fill_between(weeks, q[1], q[3], color=SOFT, alpha=0.8, lw=0, label="middle half")
    ax.plot(weeks, q[2], color=ACCENT, lw=1.8, label="median student")
    ax.set_xticks(weeks, [w[5:] for w in grid.columns], rotation=90, fontsize=7)
    ax.set_ylabel("words")
    ax.set_title("Words per week across the class", fontsize=10, loc="left")
    ax.legend(frameon=False, fontsize=7, loc="upper right")
    return _png(fig)
