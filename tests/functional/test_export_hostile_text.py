"""Odd text stays harmless in exports and listings: direction marks, endless words, terminal escapes."""

import io

import pytest
from pypdf import PdfReader

from export.entries import EntryRenderer, export_entries
from export.options import ExportOptions
from export.preprocessors.comments import LONG_WORD, breakable, thread_html

POST = "joining-up-care-means-learning-together"
RLO = "\u202e"


def approve(journal, body, name="Peer"):
    comment = journal.comments.submit(POST, name=name, body=body, email="p@example.org", role="peer")
    journal.comments.approve(comment.id)
    return comment


def test_a_name_with_a_direction_override_cannot_reorder_the_date_after_it(demo, tmp_path):
    approve(demo, f"A body {RLO}that turns", name=f"RTL{RLO}evil")
    html = EntryRenderer(demo, ExportOptions.for_journal(demo, to=("html",)), tmp_path).html(demo.entry(POST))
    assert f'<span class="comment-author"><bdi>RTL{RLO}evil</bdi></span>' in html
    # The body is isolated by the stylesheet both the HTML and the PDF use.
    assert ".comment-author, .comment-body, .comment-body p { unicode-bidi: isolate; }" in html


def test_breakable_cuts_only_endless_words_and_never_inside_tags_or_entities():
    word = "x" * 65_525
    out = breakable(f"<p>{word}</p>")
    pieces = out[3:-4].split("\u200b")
    assert "".join(pieces) == word and max(map(len, pieces)) <= 10
    ordinary = "<p>An understandably long sentence of prose with internationalisation in it.</p>"
    assert breakable(ordinary) == ordinary                       # words of prose stay whole, so search works
    link = '<a href="https://example.org/' + "p" * 80 + '">' + "&amp;" * LONG_WORD + "</a>"
    out = breakable(link)
    assert out.startswith('<a href="https://example.org/' + "p" * 80 + '">')   # the address is untouched
    assert out.replace("\u200b", "") == link and "&am\u200b" not in out


@pytest.mark.slow
def test_a_pdf_with_an_endless_word_wraps_it_on_the_page(demo, tmp_path):
    approve(demo, "w" * 65_525, name="Long Word")
    options = ExportOptions.for_journal(demo, to=("pdf",))
    [outcome] = export_entries(demo, [demo.entry(POST)], options, out=tmp_path / "out")
    assert outcome.status == "written", outcome.error
    reader = PdfReader(outcome.path)
    lines = [line for page in reader.pages for line in page.extract_text().splitlines() if set(line) == {"w"}]
    assert sum(map(len, lines)) == 65_525                        # every character is printed
    assert len(lines) > 100 and max(map(len, lines)) < 120       # on many lines, each one the page's width


def test_thread_html_escapes_and_isolates_every_name():
    import pandas as pd

    thread = pd.DataFrame([{"id": "c1", "author_name": f"<b>{RLO}x", "author_role": "peer", "body": "hi", "depth": 0,
                            "submitted_at": "2026-11-01T10:00:00Z"}])
    html = thread_html(thread, "Week one")
    assert f"<bdi>&lt;b&gt;{RLO}x</bdi>" in html and "<b>" not in html


def test_journal_list_shows_control_characters_in_titles_as_escapes(journal, run_cli):
    journal.new_entry(f"Plain {RLO}desrever\x1b[2J title")
    table = run_cli("list", "--dir", journal.path, check=True).stdout
    assert "Plain \\u202edesrever\\x1b[2J title" in table
    assert RLO not in table and "\x1b" not in table
