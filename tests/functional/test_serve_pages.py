"""The folder `journal serve` hands to Voilà, and the command's refusals before any server starts."""

import json
import socket

import pytest

from journal.entry import PANEL_TAG, REFERENCE_LIST_TAG
from journal.serve import INDEX, page_name, prepare
from journal.serve.index import listing_html


def _cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb, [(c["cell_type"], "".join(c["source"]), c["metadata"].get("tags", [])) for c in nb["cells"]]


@pytest.fixture
def site(demo, tmp_path):
    (demo.entries_dir / "figures").mkdir()
    (demo.entries_dir / "figures" / "ward.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (demo.entries_dir / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    root = tmp_path / "site"
    return demo, root, prepare(demo, root)


def test_only_published_pages_and_their_files_are_served(site):
    demo, root, names = site
    published = [e for e in demo.entries() if e.published]
    drafts = [e for e in demo.entries() if not e.published]
    assert drafts, "the demo has a draft to leave out"
    assert names == [page_name(e) for e in published]
    served = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert served == sorted([INDEX, *names, "data.csv", "figures/ward.png"])
    for private in ("journal.toml", "comments.csv", "references.bib"):
        assert not any(p.name == private for p in root.rglob("*"))


def test_entry_page_has_citations_references_and_the_panel_last(site):
    demo, root, _ = site
    entry = next(e for e in demo.entries() if e.published and "senge1990" in e.citations)
    nb, cells = _cells(root / page_name(entry))
    assert nb["metadata"]["title"] == entry.title
    assert nb["metadata"]["journal"]["id"] == entry.id
    prose = "\n".join(src for kind, src, _ in cells if kind == "markdown")
    assert '<a class="citation" href="#ref-senge1990">' in prose
    assert "[@senge1990" not in prose and "@senge1990" not in prose
    kinds_tags = [(kind, tags) for kind, _, tags in cells]
    assert kinds_tags[-1] == ("code", [PANEL_TAG])
    assert cells[-1][1] == f"from widgets import comment_panel\ncomment_panel({entry.id!r})"
    assert kinds_tags[-2] == ("markdown", [REFERENCE_LIST_TAG])
    assert 'id="ref-senge1990"' in cells[-2][1]
    assert sum(PANEL_TAG in tags for *_, tags in cells) == 1
    assert cells[0][1] == f"# {entry.title}"
    assert all("raises-exception" in tags for kind, _, tags in cells[:-1] if kind == "code")


def test_a_stale_reference_list_and_a_misplaced_panel_are_replaced(journal, tmp_path):
    entry = journal.new_entry("Moved things", status="published")
    nb = entry.notebook
    panel = nb["cells"].pop()
    nb["cells"].insert(1, panel)
    nb["cells"].append({"cell_type": "markdown", "id": "old-refs", "metadata": {"tags": [REFERENCE_LIST_TAG]},
                        "source": "## References\n\nan old list"})
    entry.save()
    prepare(journal, tmp_path / "site")
    _, cells = _cells(tmp_path / "site" / page_name(entry))
    assert not any("an old list" in src for _, src, _ in cells)
    assert [tags for *_, tags in cells].count([PANEL_TAG]) == 1
    assert cells[-1][2] == [PANEL_TAG]


def test_an_entry_called_index_does_not_replace_the_index(journal, tmp_path):
    entry = journal.new_entry("Index", status="published")
    entry.path = entry.path.rename(entry.path.with_name(INDEX))
    names = prepare(journal, tmp_path / "site")
    assert names == ["entry-index.ipynb"]
    _, cells = _cells(tmp_path / "site" / INDEX)
    assert "show_index()" in cells[-1][1]


def test_listing_escapes_titles_and_tags_and_links_pages_newest_first(journal, tmp_path):
    older = journal.new_entry("Plain <b>bold</b> & co", date="2026-01-02", status="published",
                              tags=["<script>x</script>"])
    newer = journal.new_entry("Second", date="2026-02-03", status="published")
    journal.new_entry("Secret draft", date="2026-03-01")
    root = tmp_path / "site"
    prepare(journal, root)
    html = listing_html(journal, root)
    assert "<b>bold</b>" not in html and "Plain &lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Secret draft" not in html
    assert html.index(page_name(newer)) < html.index(page_name(older))
    assert f'href="{page_name(older)}"' in html
    assert "3 February 2026" in html and "no comments yet" in html
    # A page that is not in the served folder is not linked (published after the server started).
    (root / page_name(newer)).unlink()
    assert page_name(newer) not in listing_html(journal, root)


def test_empty_journal_says_nothing_is_published(journal, tmp_path):
    prepare(journal, tmp_path / "site")
    assert "Nothing is published here yet" in listing_html(journal, tmp_path / "site")


def test_port_in_use_fails_with_a_suggestion_and_starts_nothing(demo, run_cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run_cli("serve", "--dir", demo.path, "--port", port, "--no-browser")
    assert proc.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in proc.stderr and "try --port" in proc.stderr
    assert "Serving" not in proc.stdout


def test_other_hosts_warn_about_the_network_and_the_token(demo, run_cli):
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        bare = run_cli("serve", "--dir", demo.path, "--host", "0.0.0.0", "--port", port, "--no-browser")
        tokened = run_cli("serve", "--dir", demo.path, "--host", "0.0.0.0", "--port", port, "--no-browser",
                          "--token", "abc")
    assert "warning: listening on 0.0.0.0: peers on the network can reach" in bare.stderr
    assert "give them a token (--token)" in bare.stderr
    assert "warning" in tokened.stderr and "--token)" not in tokened.stderr
    assert bare.returncode == tokened.returncode == 1


def test_local_host_does_not_warn(demo, run_cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = run_cli("serve", "--dir", demo.path, "--port", busy.getsockname()[1], "--no-browser")
    assert "warning" not in proc.stderr


def test_not_a_journal_is_a_clear_error(tmp_path, run_cli):
    proc = run_cli("serve", "--dir", tmp_path, "--no-browser")
    assert proc.returncode == 1 and "not a journal folder" in proc.stderr


def test_links_to_files_outside_the_journal_are_never_copied(journal, tmp_path):
    # A link inside a sub-folder must not pull a file (or a whole tree) from elsewhere into the site.
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "passport.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    figures = journal.entries_dir / "figures"
    figures.mkdir(parents=True)
    (figures / "ward.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (figures / "passport.png").symlink_to(outside / "passport.png")
    (figures / "home").symlink_to(outside, target_is_directory=True)
    (journal.entries_dir / "top.png").symlink_to(outside / "passport.png")
    root = tmp_path / "site"
    prepare(journal, root)
    served = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert served == sorted([INDEX, "figures", "figures/ward.png"])


def test_a_library_that_is_not_utf8_is_named(demo, tmp_path):
    from references.errors import ReferencesError

    demo.library_path.write_bytes(demo.library_path.read_bytes() + b"\n@book{cafe, title={Caf\xe9}}\n")
    with pytest.raises(ReferencesError, match=r"references\.bib: cannot read"):
        prepare(demo, tmp_path / "site")
