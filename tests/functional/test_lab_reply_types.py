"""The TypeScript's reply types (labextension/src/api.ts) against what the server extension really answers.

The types are written by hand beside the Python that answers; this reads each interface's fields and checks
a real reply of the same kind: every field the reply has is declared, and every field declared without
`?` is in the reply. A key added on one side only fails here.
"""

import re
from pathlib import Path

import pytest

from journal import Journal
from journal.comments.protocol import Actor
from journal.lab import live, moderation, sidebar

API = Path(__file__).resolve().parents[2] / "labextension" / "src" / "api.ts"
FIELD = re.compile(r"^\s+(\w+)(\??):", re.M)


def interfaces() -> dict[str, tuple[set, set]]:
    """name -> (every field, the required ones), from `export interface NAME { ... }` in api.ts."""
    found = {}
    for name, body in re.findall(r"export interface (\w+) \{(.*?)\n\}", API.read_text(encoding="utf-8"), re.S):
        fields = FIELD.findall(body)
        found[name] = ({f for f, _ in fields}, {f for f, optional in fields if not optional})
    return found


def assert_fits(reply: dict, name: str) -> None:
    declared, required = interfaces()[name]
    assert set(reply) <= declared, f"{name} lacks {sorted(set(reply) - declared)}"
    assert required <= set(reply), f"the reply lacks {sorted(required - set(reply))} of {name}"


@pytest.fixture
def journal(tmp_path):
    journal = Journal.create(tmp_path / "j", title="Ada's journal", author="Ada Student", username="ada")
    entry = journal.new_entry("Week one", status="published")
    journal.comments.as_actor(Actor("bob", "peer")).submit(entry.id, name="Bob", body="A thought.", role="peer")
    return journal


def test_the_sidebars_overview_and_its_rows(journal, tmp_path):
    reply = sidebar.overview(journal, tmp_path)
    assert_fits(reply, "IJournalReply")
    for row in reply["entries"]:
        assert_fits(row, "IEntryRow")


def test_publishing_status_entry_info_and_template_labels(journal):
    entry = journal.entries()[0]
    assert_fits(sidebar.status_of(journal, entry.path), "IStatusReply")
    assert_fits(sidebar.entry_info(entry.path), "IEntryInfo")
    for label in sidebar.template_labels().values():
        assert_fits(label, "ITemplate")


def test_the_moderation_queue_and_its_comments(journal):
    reply = moderation.queue(journal, "pending")
    assert_fits(reply, "IModerationReply")
    assert reply["comments"]
    for comment in reply["comments"]:
        assert_fits(comment, "IModerationComment")


def test_citing_and_the_works(journal):
    entry = journal.entries()[0]
    assert_fits(live.works(entry.path), "IWorksReply")
    reply = live.cite(entry.path, ["See [@schon1983]."])
    assert_fits(reply, "ICiteReply")
    for cell in reply["cells"]:
        for citation in cell:
            assert_fits(citation, "IRenderedCitation")
