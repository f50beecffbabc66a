"""Entries: metadata checks, word counts, clear errors for broken notebooks."""

import json

import pytest

from journal.entry import Entry, count_words
from journal.errors import EntryError

pytestmark = pytest.mark.invalid_notebooks


def nb(meta=None, cells=()):
    return {"nbformat": 4, "nbformat_minor": 5, "cells": list(cells),
            "metadata": {} if meta is None else {"journal": meta}}


GOOD = {"id": "a", "title": "A", "date": "2026-01-02", "tags": [], "status": "draft", "references": ""}


def save(tmp_path, data, raw=None):
    path = tmp_path / "2026-01-02-a.ipynb"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return path


def test_fields(tmp_path):
    entry = Entry.load(save(tmp_path, nb(dict(GOOD, tags=["x"], author="Ada"))))
    assert (entry.id, entry.title, entry.author, entry.tags, entry.status) == ("a", "A", "Ada", ["x"], "draft")
    assert entry.date.isoformat() == "2026-01-02"


@pytest.mark.parametrize("data, raw, message", [
    (None, "{not json", "not a notebook (invalid JSON at line 1"),
    (None, "[1, 2]", "not a notebook (no list of cells)"),
    ({"nbformat": 3, "cells": [], "metadata": {}}, None, "notebook format 3 is not supported"),
    (nb(), None, "no 'journal' metadata"),
    (nb(dict(GOOD, id="")), None, "'journal.id' is missing"),
    (nb(dict(GOOD, date="12/10/2026")), None, "'journal.date' is not an ISO date"),
    (nb(dict(GOOD, status="done")), None, "'journal.status' must be draft or published, not 'done'"),
    (nb(dict(GOOD, tags="x")), None, "'journal.tags' must be a list of strings"),
    (nb(dict(GOOD, references=["x"])), None, "'journal.references' must be BibTeX source"),
])
def test_bad_notebooks_name_file_and_field(tmp_path, data, raw, message):
    path = save(tmp_path, data, raw)
    with pytest.raises(EntryError) as err:
        Entry.load(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_words_skip_code_markup_and_generated_reference_list(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Title here\n\nOne *two* [three](http://x.org/a-b-c)."},
        {"cell_type": "code", "metadata": {}, "source": "many words in code do not count", "outputs": [],
         "execution_count": None},
        {"cell_type": "markdown", "metadata": {"tags": ["journal-references"]}, "source": "Ref list words"},
        {"cell_type": "markdown", "metadata": {}, "source": "Inline `code here` and <b>bold</b> [@key, p. 4]"},
    ]
    entry = Entry.load(save(tmp_path, nb(GOOD, cells)))
    assert entry.words == 2 + 3 + 3


def test_count_words_plain():
    assert count_words("") == 0
    assert count_words("It's a well-known fact — isn't it?") == 6
