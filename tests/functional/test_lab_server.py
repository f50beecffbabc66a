"""The `journal.lab` server extension through its HTTP API, in a real Jupyter server (pytest-jupyter)."""

from __future__ import annotations

import functools
import inspect
import json
import subprocess
import sys

import nbformat
import pytest
from tornado.httpclient import HTTPClientError

# pytest-jupyter's fixtures, for this module only: registered as a plugin, its autouse event loop would
# wrap every test of the session (and close under Playwright's).
from pytest_jupyter.jupyter_server import *  # noqa: F401,F403


def in_loop(test):
    """Run the coroutine `test` in pytest-jupyter's loop (its own runner is a plugin hook, not used here)."""
    @functools.wraps(test)
    def run(*args, jp_asyncio_loop, **kwargs):
        return jp_asyncio_loop.run_until_complete(test(*args, **kwargs))

    signature = inspect.signature(test)
    run.__signature__ = signature.replace(parameters=[
        *signature.parameters.values(), inspect.Parameter("jp_asyncio_loop", inspect.Parameter.KEYWORD_ONLY)])
    return run

SCHON = "@book{schon1983, author={Sch{\\\"o}n, Donald A.}, title={The reflective practitioner}, year={1983}, publisher={Basic Books}}\n"
SENGE = "@book{senge1990, author={Senge, Peter}, title={The fifth discipline}, year={1990}, publisher={Doubleday}}\n"
KOLB = "@book{kolb1984, author={Kolb, David A.}, title={Experiential learning}, year={1984}, publisher={Prentice Hall}}\n"


@pytest.fixture
def jp_server_config():
    return {"ServerApp": {"jpserver_extensions": {"journal.lab": True}}}


@pytest.fixture
def lab_journal(jp_root_dir):
    from journal import Journal

    journal = Journal.create(jp_root_dir / "j", title="Lab journal", author="Ada Student", username="ada")
    journal.library_path.write_text(SCHON + SENGE, encoding="utf-8")
    entry = journal.new_entry("Week one", template="gibbs", date="2026-10-01")
    entry.set_meta(references=KOLB)
    entry.save()
    return journal


async def call(jp_fetch, endpoint, body=None, **params):
    method = "POST" if body is not None else "GET"
    kwargs = {"body": json.dumps(body)} if body is not None else {}
    response = await jp_fetch("journal-lab", endpoint, method=method, params=params, **kwargs)
    return json.loads(response.body)


@in_loop
async def test_cite_renders_live_text_and_embeds_library_works(jp_fetch, lab_journal):
    cells = ["As [@schon1983, p. 49] shows, and @senge1990 argues", "[@kolb1984; @nobody2020]", "no citation"]
    reply = await call(jp_fetch, "cite", {"path": "j/entries/2026-10-01-week-one.ipynb", "cells": cells,
                                          "embedded": KOLB})
    first = reply["cells"][0]
    assert [(c["source"], c["text"]) for c in first] == [("[@schon1983, p. 49]", "(Schön, 1983, p. 49)"),
                                                         ("@senge1990", "Senge (1990)")]
    assert reply["cells"][1][0]["missing"] == ["nobody2020"]
    assert reply["cells"][2] == []
    assert reply["missing"] == ["nobody2020"]
    assert "Schön, D.A. (1983)" in reply["references"]["schon1983"]
    assert "<em>The reflective practitioner</em>" in reply["list_html"]
    # Works found only in references.bib come back merged into the embedded BibTeX, Kolb kept.
    assert reply["library_only"] == ["schon1983", "senge1990"]
    embedded = reply["embed"]
    assert "schon1983" in embedded and "senge1990" in embedded and "kolb1984" in embedded


@in_loop
async def test_cite_uses_the_journal_style(jp_fetch, lab_journal):
    settings = lab_journal.path / "journal.toml"
    settings.write_text(settings.read_text().replace('style = "harvard"', 'style = "apa"'))
    reply = await call(jp_fetch, "cite", {"path": "j/entries/2026-10-01-week-one.ipynb",
                                          "cells": ["[@schon1983]"], "embedded": ""})
    assert reply["style"] == "apa"
    assert reply["cells"][0][0]["text"] == "(Schön, 1983)"
    assert reply["references"]["schon1983"].startswith("Schön, D. A. (1983)")


@in_loop
async def test_works_lists_embedded_before_the_library(jp_fetch, lab_journal):
    reply = await call(jp_fetch, "works", {"path": "j/entries/2026-10-01-week-one.ipynb", "embedded": KOLB})
    assert [(w["key"], w["where"]) for w in reply["works"]][0] == ("kolb1984", "entry")
    schon = next(w for w in reply["works"] if w["key"] == "schon1983")
    assert (schon["author"], schon["year"], schon["title"], schon["where"]) == (
        "Schön", "1983", "The reflective practitioner", "library")


@in_loop
async def test_paths_outside_the_root_and_bad_bodies_are_refused(jp_fetch, lab_journal):
    for body, status in [({"path": "../outside.ipynb", "cells": []}, 400),
                         ({"path": "j/entries/none.ipynb", "cells": []}, 404),
                         ({"path": "j/journal.toml", "cells": []}, 400),
                         ({"path": "j/entries/2026-10-01-week-one.ipynb", "cells": "text"}, 400)]:
        with pytest.raises(HTTPClientError) as err:
            await call(jp_fetch, "cite", body)
        assert err.value.code == status, body
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("journal-lab", "cite", method="POST", body="not json")
    assert err.value.code == 400


@in_loop
async def test_journal_overview_new_entry_status_and_export(jp_fetch, lab_journal, jp_root_dir):
    overview = await call(jp_fetch, "journal", path="j/entries")
    assert overview["title"] == "Lab journal" and overview["role"] == "author" and overview["pending"] == 0
    assert [e["path"] for e in overview["entries"]] == ["j/entries/2026-10-01-week-one.ipynb"]
    assert set(overview["templates"]) == {"blank", "gibbs", "kolb", "driscoll"}

    made = await call(jp_fetch, "journal", {"path": "j", "title": "Placement week", "template": "kolb"})
    assert made["path"].startswith("j/entries/") and made["path"].endswith("-placement-week.ipynb")
    assert (jp_root_dir / made["path"]).is_file()
    with pytest.raises(HTTPClientError) as err:
        await call(jp_fetch, "journal", {"path": "j", "title": "x", "template": "nonsense"})
    assert err.value.code == 400

    # An untouched scaffold is published only when asked again: the answer names each unwritten section.
    asked = await call(jp_fetch, "status", {"path": made["path"], "status": "published"})
    assert asked["status"] == "draft" and len(asked["warnings"]) == 4
    assert "“Concrete experience” holds only its prompt" in asked["warnings"][0]
    assert (await call(jp_fetch, "status", path=made["path"]))["warnings"] == asked["warnings"]
    assert not lab_journal.entry(jp_root_dir / made["path"]).published
    forced = await call(jp_fetch, "status", {"path": made["path"], "status": "published", "force": True})
    assert forced["status"] == "published" and lab_journal.entry(jp_root_dir / made["path"]).published

    out = await call(jp_fetch, "export", {"path": made["path"], "to": "html"})
    assert out["path"].startswith("j/exports/") and out["path"].endswith(".html")
    assert "Placement week" in (jp_root_dir / out["path"]).read_text(encoding="utf-8")


@in_loop
async def test_a_peer_never_learns_what_waits_for_moderation(jp_fetch, lab_journal, monkeypatch):
    lab_journal.comments.submit("week-one", name="Priya", body="Held for moderation, please.", role="peer")
    assert (await call(jp_fetch, "journal", path="j"))["pending"] == 1
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    overview = await call(jp_fetch, "journal", path="j")
    assert overview["pending"] is None and "pending" not in overview["entries"][0]


@in_loop
async def test_a_peer_is_offered_and_allowed_no_new_entry_and_no_publishing(jp_fetch, lab_journal, monkeypatch):
    assert (await call(jp_fetch, "journal", path="j"))["can_write"] is True
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    assert (await call(jp_fetch, "journal", path="j"))["can_write"] is False
    for endpoint, body in [("journal", {"path": "j", "title": "Not mine", "template": "blank"}),
                           ("status", {"path": "j/entries/2026-10-01-week-one.ipynb", "status": "published"})]:
        with pytest.raises(HTTPClientError) as err:
            await call(jp_fetch, endpoint, body)
        assert err.value.code == 403, endpoint
        assert "you act as a peer" in json.loads(err.value.response.body)["message"]
    assert [e.title for e in lab_journal.entries()] == ["Week one"] and not lab_journal.entries()[0].published
    with pytest.raises(HTTPClientError) as err:
        await call(jp_fetch, "moderation", {"path": "j", "action": "approve", "ids": ["x"]})
    assert err.value.code == 403


@in_loop
async def test_moderation_lists_acts_edits_and_empties_the_trash(jp_fetch, lab_journal):
    store = lab_journal.comments
    held = [store.submit("week-one", name=name, body=f"{name} was here.", role="peer") for name in ("Priya", "Sam")]
    queue = await call(jp_fetch, "moderation", path="j", status="pending")
    assert queue["totals"] == {"pending": 2, "approved": 0, "spam": 0, "trash": 0}
    assert [c["author_name"] for c in queue["comments"]] == ["Sam", "Priya"]  # newest first
    assert queue["comments"][0]["entry_title"] == "Week one" and "edit" in queue["actions"]
    said = await call(jp_fetch, "moderation", {"path": "j", "action": "approve", "ids": [held[0].id]})
    assert said["message"] == "Approved 1 comment."
    # The sidebar's count is the panel's: one sum, one number.
    assert (await call(jp_fetch, "journal", path="j"))["pending"] == 1
    await call(jp_fetch, "moderation", {"path": "j", "action": "edit", "ids": [held[0].id], "body": "Priya was here!"})
    assert store.get(held[0].id).body == "Priya was here!"
    assert "Priya was here." in [r["body"] for r in store.history(held[0].id)]
    await call(jp_fetch, "moderation", {"path": "j", "action": "reply", "ids": [held[0].id], "body": "Thanks."})
    assert store.thread("week-one")["author_name"].tolist() == ["Priya", "Ada Student"]
    await call(jp_fetch, "moderation", {"path": "j", "action": "trash", "ids": [held[1].id]})
    said = await call(jp_fetch, "moderation", {"path": "j", "action": "empty-trash", "ids": []})
    assert said["message"] == "1 comment deleted for good."
    assert (await call(jp_fetch, "moderation", path="j", status="trash"))["totals"]["trash"] == 0
    with pytest.raises(HTTPClientError) as err:
        await call(jp_fetch, "moderation", {"path": "j", "action": "approve", "ids": [held[1].id]})
    assert err.value.code == 404


@in_loop
async def test_the_stamp_moves_when_a_comment_comes_or_an_entry_is_saved(jp_fetch, lab_journal):
    first = (await call(jp_fetch, "stamp", path="j"))["stamp"]
    assert first and (await call(jp_fetch, "stamp", path="j/entries"))["stamp"] == first
    lab_journal.comments.submit("week-one", name="Priya", body="A new thought.", role="peer")
    second = (await call(jp_fetch, "stamp", path="j"))["stamp"]
    assert second != first
    entry = lab_journal.entry("week-one")
    entry.set_meta(status="published")
    entry.save()
    assert (await call(jp_fetch, "stamp", path="j"))["stamp"] != second


@in_loop
async def test_templates_come_with_their_labels(jp_fetch):
    labels = await call(jp_fetch, "templates")
    assert labels["gibbs"]["label"] == "Gibbs entry" and "reflective cycle" in labels["gibbs"]["description"]
    assert list(labels)[0] == "blank"


@in_loop
async def test_a_folder_outside_any_journal_is_a_404_with_a_message(jp_fetch, jp_root_dir):
    (jp_root_dir / "plain").mkdir()
    with pytest.raises(HTTPClientError) as err:
        await call(jp_fetch, "journal", path="plain")
    assert err.value.code == 404
    assert "journal.toml" in json.loads(err.value.response.body)["message"]


@in_loop
async def test_entry_info_names_the_only_panel_code_to_run(jp_fetch, lab_journal):
    info = await call(jp_fetch, "entry", path="j/entries/2026-10-01-week-one.ipynb")
    assert info == {"entry": True, "journal": True, "id": "week-one",
                    "panel_source": "from widgets import comment_panel\ncomment_panel('week-one')",
                    "kernel_setup": "%load_ext journal.figures",
                    "panel_tag": "journal-comments", "list_tag": "journal-references",
                    "figures": {"alt": "alt", "image_types": ["image/svg+xml", "image/png", "image/jpeg"],
                                "shown_before": ["text/html", "text/markdown"]}}


@in_loop
async def test_exporter_labels_come_from_the_exporters(jp_fetch):
    assert await call(jp_fetch, "exporters") == {"journal_html": "Journal HTML", "journal_pdf": "Journal PDF"}


@in_loop
async def test_saving_over_a_cli_change_keeps_the_embedded_works(jp_fetch, lab_journal, jp_root_dir):
    """JupyterLab holds the entry; `journal cite` embeds a work; the student saves ("Overwrite")."""
    api_path = "j/entries/2026-10-01-week-one.ipynb"
    model = json.loads((await jp_fetch("api", "contents", api_path, method="GET")).body)
    subprocess.run([sys.executable, "-m", "journal", "cite", "week-one", "schon1983", "--dir", str(lab_journal.path)],
                   check=True, capture_output=True)
    assert "schon1983" in lab_journal.entry("week-one").references
    # The open document: the student's new text, and the references as they were when it was opened.
    content = model["content"]
    content["cells"][1]["source"] = "## Description\n\nMy new paragraph [@schon1983]."
    panel = next(c for c in content["cells"] if "journal-comments" in c["metadata"].get("tags", []))
    panel["outputs"] = [{"output_type": "display_data", "metadata": {},
                         "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "gone", "version_major": 2,
                                                                              "version_minor": 0}}}]
    await jp_fetch("api", "contents", api_path, method="PUT",
                   body=json.dumps({"type": "notebook", "format": "json", "content": content}))
    saved = nbformat.read(jp_root_dir / api_path, as_version=4)
    assert "My new paragraph" in saved.cells[1].source
    refs = saved.metadata["journal"]["references"]
    assert "schon1983" in refs and "kolb1984" in refs
    saved_panel = next(c for c in saved.cells if "journal-comments" in c.metadata.get("tags", []))
    assert saved_panel.outputs == []  # no dead widget view to show "model not found" on reopening


@in_loop
async def test_saving_a_plain_notebook_is_left_alone(jp_fetch, jp_root_dir):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("1", metadata={"tags": ["journal-comments"]},
                                              outputs=[nbformat.v4.new_output("stream", text="kept")]))
    await jp_fetch("api", "contents", "plain.ipynb", method="PUT",
                   body=json.dumps({"type": "notebook", "format": "json", "content": nb}))
    assert nbformat.read(jp_root_dir / "plain.ipynb", as_version=4).cells[0].outputs[0]["text"] == "kept"
