"""A PDF export loads nothing from outside the journal: no network request, no file from elsewhere on disk."""

import base64
import http.server
import logging
import threading

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output
from PIL import Image
from pypdf import PdfReader

from export.entries import export_entries
from export.options import ExportOptions

SECRET = (7, 5)   # pixel sizes tell the pictures apart in the PDF
INSIDE = (3, 3)


@pytest.fixture
def counting_server():
    """An HTTP server on 127.0.0.1 (a free port) that counts the requests it gets; stopped by the test."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_png_bytes((9, 9)))

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _png_bytes(size) -> bytes:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _picture_sizes(pdf) -> list[tuple[int, int]]:
    return sorted(image.image.size for page in PdfReader(pdf).pages for image in page.images)


@pytest.fixture
def hostile_entry(journal, tmp_path, counting_server):
    """An entry pointing at the network, at a picture outside the journal (four ways) and at one inside it."""
    url, _ = counting_server
    outside = tmp_path / "outside"
    outside.mkdir()
    # One file per way in: WeasyPrint loads each address once, so shared files would hide a way.
    for name in ("relative", "absolute", "output", "svg", "linked"):
        (outside / f"{name}.png").write_bytes(_png_bytes(SECRET))
    (journal.entries_dir / "inside.png").write_bytes(_png_bytes(INSIDE))
    (journal.entries_dir / "link.png").symlink_to(outside / "linked.png")   # inside the journal, pointing out
    entry = journal.new_entry("Pictures from everywhere", status="published")
    relative = "../" * len(entry.path.parent.relative_to(tmp_path).parts) + "outside/relative.png"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" '
           f'height="20"><image xlink:href="file://{outside}/svg.png" width="20" height="20"/></svg>')
    html_output = new_output("display_data", data={"text/html": f'<p>out</p><img src="{outside}/output.png">',
                                                   "text/plain": "out"})
    svg_output = new_output("display_data", data={"image/svg+xml": svg, "text/plain": "svg"})
    nb = nbformat.read(entry.path, as_version=4)
    nb.cells[1:1] = [
        new_markdown_cell(f"![net]({url}/network.png) ![rel]({relative}) ![abs]({outside}/absolute.png) ![link](link.png)"),
        new_markdown_cell(f'<img src="{url}/tag.png"> and the picture beside the entry: ![in](inside.png)'),
        new_code_cell("show()", outputs=[html_output, svg_output], execution_count=1),
    ]
    nbformat.write(nb, entry.path)
    return journal.entry(entry.id)


def test_a_pdf_fetches_nothing_outside_the_journal(journal, hostile_entry, counting_server, tmp_path, caplog):
    _, hits = counting_server
    options = ExportOptions.for_journal(journal, to=("pdf",))
    with caplog.at_level(logging.WARNING, logger="export"):
        [outcome] = export_entries(journal, [hostile_entry], options, out=tmp_path / "out")
    assert outcome.status == "written", outcome.error
    assert hits == []                                        # not one request reached the network
    sizes = _picture_sizes(outcome.path)
    assert SECRET not in sizes and (9, 9) not in sizes       # nothing from outside, nothing fetched
    assert INSIDE in sizes                                   # a picture beside the entry still shows
    refused = [r.getMessage() for r in caplog.records if r.name == "export"]
    assert all(hostile_entry.path.name in message for message in refused)
    assert any("network.png" in m for m in refused) and any("tag.png" in m for m in refused)
    for way in ("outside/relative.png", "outside/absolute.png", "outside/output.png", "outside/svg.png",
                "entries/link.png"):                         # a link that resolves outside is refused too
        assert any(way in m for m in refused), way


def test_allowed_addresses_are_data_and_files_really_inside_the_journal(journal, tmp_path):
    from export.fetcher import allowed

    secret = tmp_path / "outside" / "secret.png"
    assert not allowed(f"file://{secret}", journal.path)
    assert not allowed(f"file://{journal.path}/../outside/secret.png", journal.path)
    assert not allowed("file://otherhost/share/x.png", journal.path)
    assert allowed(f"file://{journal.entries_dir}/inside.png", journal.path)


def test_nbconvert_exporter_of_a_notebook_on_its_own_keeps_to_its_folder(tmp_path, counting_server):
    from export.pdf import JournalPDFExporter

    url, hits = counting_server
    (tmp_path / "secret.png").write_bytes(_png_bytes(SECRET))
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "beside.png").write_bytes(_png_bytes(INSIDE))
    nb = nbformat.v4.new_notebook(cells=[new_markdown_cell(f"![a](../secret.png) ![b]({url}/x.png) ![c](beside.png)")])
    path = tmp_path / "alone" / "note.ipynb"
    nbformat.write(nb, path)
    pdf, _ = JournalPDFExporter().from_filename(str(path))
    (tmp_path / "note.pdf").write_bytes(pdf)
    assert hits == [] and _picture_sizes(tmp_path / "note.pdf") == [INSIDE]
