"""The course server under shares meant to hurt it, over real HTTP on both backends: a malformed share is
a 400 that names the problem and stores nothing; a large one stalls no one else; an entry too large to
render within the course's budget is offered for download instead of holding up every other page.

The course here sets its own `[limits]` in course.toml, small enough for a test to cross each one.
"""

import json
import threading

import psutil
import pytest
import requests

from course_server import STORES, Client, entry_notebook
from journal.course.server.identity import course_secret
from journal.course.server.ports import free_port

pytestmark = pytest.mark.slow
LIMITS = {"max_cells": 60_000, "max_output_mb": 1, "max_notebook_mb": 8, "render_seconds": 10}
TOO_LARGE = "This entry is too large to show here"


@pytest.fixture(scope="module", params=sorted(STORES))
def course(request, tmp_path_factory, server_process):
    import tomli_w

    from journal.course.settings import create

    folder = tmp_path_factory.mktemp("limits") / "course"
    settings = create(folder, title="Limits 2026", tutors=["tina"]).to_dict()
    settings["limits"].update(LIMITS)
    if request.param == "postgres":
        settings["db"] = request.getfixturevalue("pg_new_database")()
    (folder / "course.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
    port = free_port()
    proc = server_process(["course", "serve", "--dir", folder, "--port", port, "--store", STORES[request.param]],
                          port)
    base, secret = f"http://127.0.0.1:{port}/", course_secret(folder)
    people = {login: Client(base, login, secret) for login in ("ada", "bob", "tina")}
    assert people["ada"].api("PUT", "entries/ada/week-one", entry_notebook("week-one", "Week one")).status_code == 200
    assert "Some thoughts" in people["bob"].page("j/ada/week-one").text      # the render workers are up
    return {"folder": folder, "base": base, "proc": proc, "db": settings["db"], "as": lambda login: Client(
        base, login, secret), **people}


def stored_anything(course, login) -> bool:
    """Whether the backend holds anything of `login`'s journal: a folder, or a row."""
    if not course["db"]:
        return (course["folder"] / login).exists()
    import psycopg

    with psycopg.connect(course["db"]) as conn:
        return conn.execute("SELECT count(*) FROM journals j LEFT JOIN entries e ON e.journal_id = j.id "
                            "WHERE j.login = %s", (login,)).fetchone()[0] > 0


def _nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def _body(change):
    nb = entry_notebook("bad", "A bad share")
    change(nb)
    return json.dumps(nb).encode()


def _with_text(text):
    """A share whose cell holds `text` as raw JSON (json.dumps would never write a lone surrogate)."""
    return _body(lambda nb: nb["cells"][0].update(source="PLACEHOLDER")).replace(b'"PLACEHOLDER"', text)


def _set(path, value):
    def change(nb):
        *parents, last = path
        target = nb
        for key in parents:
            target = target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return change


_DELETE = object()
MEGABYTE = 2**20
MALFORMED = {
    "no cells": (_body(_set(["cells"], _DELETE)), "the notebook has no 'cells'"),
    "cells a string": (_body(_set(["cells"], "just text")), "'cells' as str, not a list"),
    "nbformat 3": (_body(_set(["nbformat"], 3)), "nbformat 3; the course takes nbformat 4"),
    "lone surrogate": (_with_text(b'"A half \\ud800 character"'), "invalid Unicode"),
    "nested 900 deep": (_body(_set(["cells", 0, "metadata"], {"deep": _nested(900)})), "nests more than 64 levels"),
    "nested 5000 deep": (_body(_set(["cells", 0, "metadata"], {"deep": "DEEP"})).replace(
        b'"DEEP"', b"[" * 5000 + b"]" * 5000), "nests more than 64 levels"),
    "NUL in the title": (_body(_set(["metadata", "journal", "title"], "Week\x00one")),
                         "the title contains a character that cannot be stored (NUL)"),
    "NUL in a cell": (_body(_set(["cells", 0, "source"], "before\x00after")),
                      "cell 1 contains a character that cannot be stored (NUL)"),
    "too many cells": (_body(_set(["cells"], [{"cell_type": "raw", "id": f"r{i}", "metadata": {}, "source": ""}
                                              for i in range(60_001)])),
                       "has 60,001 cells; this course takes at most 60,000"),
    "an output too large": (_body(_set(["cells"], [{
        "cell_type": "code", "id": "c", "metadata": {}, "source": "plot()", "execution_count": 1,
        "outputs": [{"output_type": "display_data", "metadata": {},
                     "data": {"image/png": "A" * (MEGABYTE + MEGABYTE // 2)}}]}])),
        "output 1 of cell 1 is 1.5 MB; this course takes at most 1 MB in one output"),
    "a body over the size limit": (_body(_set(["cells", 0, "source"], "x" * (9 * MEGABYTE))),
                                   "the notebook is 9.0 MB; this course takes at most 8 MB"),
    "not JSON": (b'{"nbformat": 4, "cells": [', "the notebook is not JSON"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_share_is_a_400_naming_the_problem_and_stores_nothing(course, case):
    body, problem = MALFORMED[case]
    login = "mallory-" + "".join(c for c in case if c.isalnum())[:40]
    mallory = course["as"](login)
    r = requests.put(f"{course['base']}api/entries/{login}/bad", data=body, timeout=120,
                     headers={"Authorization": f"token {mallory.token}", "Content-Type": "application/json"})
    assert r.status_code == 400, (case, r.status_code, r.text[:300])
    assert r.headers["Content-Type"] == "application/json"
    assert "script-src 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    error = r.json()
    assert error["kind"] == "bad-request" and problem in error["error"], (case, error)
    assert error["error"].startswith(f"{login}/bad"), error          # the entry it is about
    assert mallory.api("GET", "entries", params={"login": login}).json() == []
    assert not stored_anything(course, login), case


def test_a_nul_in_a_picture_name_is_a_400_naming_it(course):
    r = course["bob"].page("j/ada/figure%00.png")
    assert r.status_code == 400 and "(NUL)" in r.text and "picture name" in r.text
    assert "script-src 'none'" in r.headers["Content-Security-Policy"]


def big_notebook(entry_id, cells, source="Cell {i}: a short thought."):
    nb = entry_notebook(entry_id, f"Big {entry_id}")
    nb["cells"] = [{"cell_type": "markdown", "id": f"c{i}", "metadata": {}, "source": source.format(i=i)}
                   for i in range(cells)]
    return nb


def test_a_big_share_keeps_everyone_else_answered(course):
    """While a share of 58,000 cells (under the course's 60,000) is parsed, checked and stored (seconds), another person's whoami answers."""
    ada, bob = course["ada"], course["bob"]
    server = psutil.Process(course["proc"].pid)
    big = big_notebook("big-share", 58_000)   # as large as the limits allow: a fast machine shares quickly
    answered = {}

    def share():
        answered["share"] = ada.api("PUT", "entries/ada/big-share", big)

    cpu = sum(server.cpu_times()[:2])
    sharing = threading.Thread(target=share)
    sharing.start()
    # The share is being worked on once the server has spent half a second of CPU since it was sent
    # (receiving its 6 MB costs a few milliseconds); until then whoami could be answered even on a blocked loop.
    while sum(server.cpu_times()[:2]) - cpu < 0.5 and sharing.is_alive():
        sharing.join(0.02)
    assert sharing.is_alive(), "the share ended before the test could ask anything: make it larger"
    whoami = bob.api("GET", "whoami")
    assert whoami.status_code == 200 and whoami.json()["name"] == "bob"
    assert sharing.is_alive(), "whoami was answered only after the share: the share held the event loop"
    sharing.join(300)
    assert answered["share"].status_code == 200, answered["share"].text
    assert bob.page("j/ada/big-share").status_code == 200       # its render done (or given up) before the next test


def test_an_entry_too_large_to_render_is_offered_for_download_and_holds_up_no_one(course):
    ada, bob, tina = course["ada"], course["bob"], course["tina"]
    huge = big_notebook("huge", 20_000, source="Cell {i}: $\\sum_{{k=1}}^{{{i}}} k^2$ and *more*.")
    assert ada.api("PUT", "entries/ada/huge", huge).status_code == 200       # its render starts now
    pages = {}
    viewing = threading.Thread(target=lambda: pages.update(huge=bob.page("j/ada/huge")))
    viewing.start()
    # Meanwhile a classmate's small new entry is rendered and shown by the other worker.
    tiny = entry_notebook("tiny", "Tiny", body="A tiny entry, shared while the huge one renders.")
    assert ada.api("PUT", "entries/ada/tiny", tiny).status_code == 200
    page = bob.page("j/ada/tiny")
    assert page.status_code == 200 and "A tiny entry, shared while" in page.text
    assert viewing.is_alive(), "the small entry waited for the huge one's render"
    viewing.join(300)
    first = pages["huge"]
    assert first.status_code == 200 and TOO_LARGE in first.text and 'href="/j/ada/huge/download"' in first.text
    again = bob.page("j/ada/huge")
    assert again.status_code == 200 and TOO_LARGE in again.text
    log = course["proc"].log_path.read_text()
    assert log.count("rendering ada/huge version 1 took more than 10 s") == 1, "tried again, not remembered"

    download = bob.page("j/ada/huge/download")
    assert download.status_code == 200 and download.headers["Content-Type"] == "application/x-ipynb+json"
    assert download.headers["Content-Disposition"] == 'attachment; filename="huge.ipynb"'
    assert len(download.json()["cells"]) == 20_000
    assert ada.api("DELETE", "entries/ada/huge").status_code == 204
    assert bob.page("j/ada/huge/download").status_code == 404          # as its page: withdrawn, for peers
    assert tina.page("j/ada/huge/download").status_code == 200
    assert bob.page("j/ada/no-such-entry/download").status_code == 404
