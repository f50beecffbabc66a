"""The export's small parts: id scoping, maths detection, comment HTML, title detection, sanitising, fingerprints."""

import nbformat
import pandas as pd

from export.fingerprint import digest, is_current, record
from export.portfolio import scope_ids
from export.preprocessors.comments import thread_html
from export.preprocessors.hiding import HideCells
from export.preprocessors.maths import MathsToSVG, find_maths
from export.preprocessors.scaffolding import DropScaffolding, is_title_cell
from export.sanitize import safe_html


def test_scope_ids_keeps_outside_links_and_the_entry_anchor():
    html = '<article id="entry-a"><a href="#ref-x">x</a><li id="ref-x"></li><a href="https://e.org/#y">y</a>'
    out = scope_ids(html, "a")
    assert 'id="entry-a"' in out and 'href="#a--ref-x"' in out and 'id="a--ref-x"' in out
    assert 'href="https://e.org/#y"' in out


def test_maths_is_found_outside_code_and_not_in_prices():
    assert find_maths("the area is $\\pi r^2$.")
    assert find_maths("$$\\sum_i x_i$$")
    assert not find_maths("it cost $5, then $10")
    assert not find_maths("```\n$x$\n```")


def test_maths_becomes_svg_and_bad_tex_stays_readable():
    out = MathsToSVG().render_markdown("energy $E=mc^2$ and `$keep$` and $\\begin{align}x\\end{align}$")
    assert 'class="math"' in out and "data:image/svg+xml;base64," in out
    assert "`$keep$`" in out
    assert '<code class="math-source">' in out


def test_thread_html_escapes_and_nests():
    frame = pd.DataFrame([
        {"id": "c1", "author_name": "<b>Eve</b>", "author_role": "peer", "body": "<script>alert(1)</script>\n\nsecond",
         "submitted_at": "2026-10-12T10:00:00", "depth": 0},
        {"id": "c2", "author_name": "Sam", "author_role": "author", "body": "reply", "submitted_at": "", "depth": 1},
    ])
    html = thread_html(frame)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert 'class="comment depth-1"' in html and "(author)" in html
    assert html.count("<p>") == 3
    assert thread_html(frame.iloc[0:0]) == ""
    assert "<h2>2 thoughts on “Week &lt;1&gt;”</h2>" in thread_html(frame, "Week <1>")


def test_title_cell_and_scaffolding_are_dropped():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# My  title"),
        nbformat.v4.new_markdown_cell("Body"),
        nbformat.v4.new_code_cell("panel()", metadata={"tags": ["journal-comments"]}),
    ])
    assert is_title_cell(nb.cells[0], "My title") and not is_title_cell(nb.cells[1], "My title")
    out, _ = DropScaffolding().preprocess(nb, {"journal": {"title": "My title"}})
    assert [c.source for c in out.cells] == ["Body"]


def test_hiding_honours_tags_and_jupyterlab_collapse():
    out = nbformat.v4.new_output("stream", text="shown")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("gone", metadata={"tags": ["remove_cell"]}),
        nbformat.v4.new_code_cell("no input", metadata={"tags": ["remove_input"]}, outputs=[out]),
        nbformat.v4.new_code_cell("no output", metadata={"tags": ["remove_output"]}, outputs=[out]),
        nbformat.v4.new_code_cell("collapsed", metadata={"jupyter": {"source_hidden": True}}),
    ])
    cells, _ = HideCells().preprocess(nb, {})
    assert [c.source for c in cells.cells] == ["no input", "no output", "collapsed"]
    assert cells.cells[0].metadata["transient"]["remove_source"] and cells.cells[0].outputs
    assert cells.cells[1].outputs == []
    assert cells.cells[2].metadata["transient"]["remove_source"]


def test_safe_html_keeps_tables_and_drops_scripts():
    html = str(safe_html('<style>td{}</style><table><thead><tr><th>h</th></tr></thead></table>'
                         '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">j</a><script>bad()</script>'))
    assert "<th>h</th>" in html and "<thead>" in html
    assert "onerror" not in html and "javascript:" not in html and "bad()" not in html and "td{}" not in html


def test_fingerprint_sidecar(tmp_path):
    out = tmp_path / "x.pdf"
    assert not is_current(out, "abc")
    out.write_bytes(b"%PDF")
    record(out, "abc")
    assert is_current(out, "abc") and not is_current(out, "abd")
    assert digest("a", b"b") != digest("ab") and digest([1]) == digest([1])


def test_safe_html_keeps_embedded_images_and_their_safe_style():
    # Maths arrives as <img src="data:image/svg+xml;base64,..."> with a baseline shift; pictures in
    # Markdown and HTML outputs are data URIs too. Losing the src leaves empty boxes in every export.
    svg = '<img class="math" src="data:image/svg+xml;base64,PHN2Zy8+" style="vertical-align: -2.10pt">'
    png = '<img src="data:image/png;base64,iVBORw0KGgo=" style="width: 320px">'
    html = str(safe_html(svg + png))
    assert 'src="data:image/svg+xml;base64,PHN2Zy8+"' in html and 'src="data:image/png;base64,iVBORw0KGgo="' in html
    assert "vertical-align: -2.10pt" in html and "width: 320px" in html


def test_safe_html_drops_data_uris_that_are_not_pictures():
    html = str(safe_html('<a href="data:text/html,<script>alert(1)</script>">d</a>'
                         '<img src="data:text/html;base64,PHNjcmlwdD4=">'
                         '<img src="data:image/png;base64,AAAA" style="background: url(x)">'))
    assert "data:text" not in html and "background" not in html
