"""Writing in a real JupyterLab (started here) through Debian's Chromium: the journal-lab extension end to end."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from axe_check import assert_clean
from browser_settings import new_tab

from nbformat.v4 import new_code_cell, new_output

from export.entries import export_one
from journal.anatomy import panel_index
from journal.comments.protocol import status_totals
from journal.figures import output_alt
from journal.publishing import warnings

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=60_000)  # a busy shared machine: replies from the server and the kernel can lag

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOAD = 180_000  # ms: kernels start slowly on a busy two-core machine
KOLB = "@book{kolb1984, author={Kolb, David A.}, title={Experiential learning}, year={1984}, publisher={Prentice Hall}}\n"
DEMO_POST = "2026-10-12-joining-up-care-means-learning-together.ipynb"
# A 1x1 PNG: a figure output as a kernel writes one, without running a kernel.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


@pytest.fixture(scope="module")
def lab(tmp_path_factory, start_lab):
    from journal.demo import build

    base = tmp_path_factory.mktemp("lab-browser")
    journal = build(base / "root" / "demo")
    (base / "home").mkdir()
    server = start_lab(base / "root", base / "home")
    server.journal = journal
    return server


@pytest.fixture
def page(browser, lab):
    """A fresh tab that can reach only this JupyterLab."""
    tab = new_tab(browser, lab.url, width=1400, timeout=LOAD)
    yield tab
    tab.context.close()


def relative(lab, path) -> str:
    return path.relative_to(lab.root).as_posix()


def open_notebook(page, lab, path):
    page.goto(lab.open_url(relative(lab, path)), timeout=LOAD)
    page.locator(".jp-NotebookPanel").first.wait_for()
    return page


def panel_shown(page):
    """The comment panel, rendered by the kernel: nobody ran its cell."""
    expect(page.locator(".jp-NotebookPanel .journal-comment-panel, .jp-NotebookPanel :text('Leave a comment')").first
           ).to_be_visible(timeout=LOAD)
    expect(page.get_by_text("model not found")).to_have_count(0)


def edit_prose_cell(page, index=1):
    """Edit Markdown cell `index`, cursor at its end."""
    panel_shown(page)  # the page stops moving once the panel is in
    cell = page.locator(".jp-NotebookPanel .jp-MarkdownCell").nth(index)
    cell.click()
    page.keyboard.press("Enter")
    page.locator(".jp-Notebook.jp-mod-editMode").wait_for()
    page.keyboard.press("Control+End")
    return cell


def save(page, path, key="Control+s"):
    before = path.stat().st_mtime_ns
    page.keyboard.press(key)
    for _ in range(300):  # a save can take seconds on a busy machine
        if path.stat().st_mtime_ns != before:
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                pass            # the server writes the file in place: caught half written, read it again
        page.wait_for_timeout(200)
    return json.loads(path.read_text(encoding="utf-8"))


def show_references(page):
    page.locator(".jp-SideBar.jp-mod-right .lm-TabBar-tab[title='References'], "
                 ".jp-SideBar.jp-mod-right li[data-id='journal-references']").first.click()
    panel = page.locator("#journal-references")
    expect(panel).to_be_visible()
    return panel


def test_the_comment_panel_appears_on_open_and_after_reopening(page, lab):
    path = lab.journal.entry_path = lab.root / "demo" / "entries" / DEMO_POST
    open_notebook(page, lab, path)
    panel_shown(page)
    page.locator(".jp-NotebookPanel .jp-MarkdownCell").first.click()
    saved = save(page, path)
    panel_cell = next(c for c in saved["cells"] if "journal-comments" in c["metadata"].get("tags", []))
    assert panel_cell["outputs"] == []  # no widget view saved that the next kernel cannot know
    page.reload()
    page.locator(".jp-NotebookPanel").first.wait_for()
    panel_shown(page)
    expect(page.get_by_text("Error displaying widget")).to_have_count(0)
    assert not page.errors


def test_cite_as_you_type_renders_lists_and_embeds(page, lab):
    entry = lab.journal.new_entry("Reading Schön", date="2026-10-30")
    entry.set_meta(references=KOLB)
    entry.save()
    open_notebook(page, lab, entry.path)
    panel = show_references(page)

    edit_prose_cell(page)
    page.keyboard.type(" Practice as research [@sch", delay=80)
    option = page.locator(".jp-Completer .jp-Completer-item", has_text="Schön")
    expect(option.first).to_be_visible()
    expect(page.locator(".jp-Completer .jp-Completer-item").first).to_contain_text(re.compile("reflective practitioner", re.I))
    option.first.click()
    page.keyboard.type("].", delay=50)
    page.keyboard.press("Shift+Enter")

    cited = page.locator(".jp-NotebookPanel .jp-journal-citation", has_text="(Schön, 1983)")
    expect(cited).to_be_visible()
    assert "the reflective practitioner" in cited.get_attribute("title").lower()
    expect(panel).to_contain_text("Schön, D.A. (1983)")
    expect(panel).to_contain_text(re.compile("The reflective practitioner", re.I))

    # schon1983 was only in references.bib: the open document took it in, Kolb stays.
    saved = save(page, entry.path)
    text = "".join(saved["cells"][1]["source"])
    assert "[@schon1983]." in text
    references = saved["metadata"]["journal"]["references"]
    assert "schon1983" in references and "kolb1984" in references

    page.reload()
    page.locator(".jp-NotebookPanel").first.wait_for()
    expect(page.locator(".jp-NotebookPanel .jp-journal-citation", has_text="(Schön, 1983)")).to_be_visible()
    assert not page.errors


def test_an_unknown_key_is_marked_and_listed(page, lab):
    entry = lab.journal.new_entry("Reading nobody", date="2026-10-31")
    open_notebook(page, lab, entry.path)
    panel = show_references(page)
    edit_prose_cell(page)
    page.keyboard.type(" See [@nobody2099, p. 3] and @senge1990", delay=20)
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Enter")
    missing = page.locator(".jp-NotebookPanel .jp-journal-citation.jp-journal-missing")
    expect(missing).to_have_text("(missing: nobody2099)")
    assert "not found" in missing.get_attribute("title")
    expect(page.locator(".jp-NotebookPanel .jp-journal-citation", has_text="Senge (1990)")).to_be_visible()
    expect(panel.locator(".jp-journal-missing-keys")).to_contain_text("nobody2099")


def open_sidebar(page, lab):
    page.goto(lab.open_url("demo/entries"), timeout=LOAD)
    page.locator(".jp-SideBar.jp-mod-left li[data-id='journal-sidebar']").click()
    sidebar = page.locator("#journal-sidebar")
    expect(sidebar).to_contain_text(lab.journal.title)
    return sidebar


def test_sidebar_makes_a_gibbs_entry(page, lab):
    sidebar = open_sidebar(page, lab)
    expect(sidebar.locator("li.jp-journal-entry")).to_have_count(len(lab.journal.entries()))
    sidebar.get_by_label("Title of a new entry").fill("Handover on the ward")
    sidebar.get_by_label("Template").select_option("gibbs")
    sidebar.get_by_role("button", name="New entry").click()
    expect(page.locator(".jp-NotebookPanel .jp-MarkdownCell h2", has_text="Action plan")).to_be_visible()
    made = [e for e in lab.journal.entries() if e.title == "Handover on the ward"]
    assert len(made) == 1 and "Feelings" in made[0].prose
    expect(sidebar.locator("li.jp-journal-entry", has_text="Handover on the ward")).to_contain_text("draft")


def test_publishing_an_untouched_template_warns_first_and_publishes_only_when_asked_again(page, lab):
    sidebar = open_sidebar(page, lab)
    sidebar.get_by_label("Title of a new entry").fill("Prompts only")
    sidebar.get_by_label("Template").select_option("gibbs")
    sidebar.get_by_role("button", name="New entry").click()
    expect(page.locator(".jp-NotebookPanel .jp-MarkdownCell h2", has_text="Action plan")).to_be_visible()
    row = sidebar.locator("li.jp-journal-entry", has_text="Prompts only")
    row.get_by_role("button", name="Publish Prompts only").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Publish Prompts only?")
    expect(dialog.locator("li").first).to_contain_text("prompt")
    dialog.get_by_role("button", name="Keep as draft").click()
    expect(dialog).to_have_count(0)
    assert not next(e for e in lab.journal.entries() if e.title == "Prompts only").published
    row.get_by_role("button", name="Publish Prompts only").click()
    page.locator(".jp-Dialog").get_by_role("button", name="Publish anyway").click()
    expect(row).to_contain_text("published")
    assert next(e for e in lab.journal.entries() if e.title == "Prompts only").published


def test_sidebar_publishes_and_exports_a_pdf(page, lab):
    sidebar = open_sidebar(page, lab)
    row = sidebar.locator("li.jp-journal-entry", has_text="Joining up care")
    row.get_by_role("button", name=re.compile("^(Publish|Unpublish) ")).first.wait_for()
    row.get_by_role("button", name=re.compile(r"^Export .* to PDF$")).click()
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=".pdf")).to_be_visible()
    pdf = lab.root / "demo" / "exports" / DEMO_POST.replace(".ipynb", ".pdf")
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")

    # A draft with nothing to warn about (an untouched template would ask first: tested above).
    title = next(e.title for e in lab.journal.entries() if not e.published and not warnings(lab.journal, e))
    draft = sidebar.locator("li.jp-journal-entry", has_text=title)
    draft.get_by_role("button", name=f"Publish {title}").click()
    expect(sidebar.locator("li.jp-journal-entry", has_text=title)).to_contain_text("published")
    assert next(e for e in lab.journal.entries() if e.title == title).published


def test_export_menu_names_our_exporters(page, lab):
    open_notebook(page, lab, lab.root / "demo" / "entries" / DEMO_POST)
    page.wait_for_timeout(6000)  # the export items are filled in lazily, then relabelled
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.locator(".lm-Menu-itemLabel", has_text="Save and Export Notebook As").hover()
    expect(page.locator(".lm-Menu-itemLabel", has_text="Journal PDF")).to_be_visible()
    expect(page.locator(".lm-Menu-itemLabel", has_text="Journal HTML")).to_be_visible()
    expect(page.locator(".lm-Menu-itemLabel", has_text="Journal_pdf")).to_have_count(0)


def insert_citation(page, query_and_keys, locator="", narrative=False, toolbar=False):
    """Through the Insert Citation dialog (its shortcut, or the cell toolbar), in the Markdown cell being edited."""
    if toolbar:
        page.locator(".jp-NotebookPanel .jp-cell-toolbar [data-command='journal:insert-citation']").click()
    else:
        page.keyboard.press("Control+Alt+c")
    dialog = page.locator(".jp-Dialog")
    search = dialog.get_by_label("Search works")
    expect(search).to_be_focused()
    for query, key in query_and_keys:
        search.fill(query)
        dialog.locator(f"input[type=checkbox][value='{key}']").check()
    if locator:
        dialog.get_by_label("Locator").fill(locator)
    if narrative:
        dialog.get_by_label(re.compile("Narrative")).check()
    dialog.get_by_role("button", name="Insert").click()
    expect(dialog).to_have_count(0)


def test_insert_citation_dialog_handles_several_works_locators_and_the_narrative_form(page, lab):
    entry = lab.journal.new_entry("Policy reading", date="2026-11-01")
    open_notebook(page, lab, entry.path)
    edit_prose_cell(page)
    page.keyboard.type(" Policy says ", delay=10)
    insert_citation(page, [("health 2010a", "doh2010a"), ("health 2010b", "doh2010b")], toolbar=True)
    page.keyboard.type(" while ", delay=10)
    insert_citation(page, [("fifth discipline", "senge1990")], locator="p. 40", narrative=True)
    page.keyboard.type(" argues.", delay=10)
    page.keyboard.press("Shift+Enter")
    cells = page.locator(".jp-NotebookPanel .jp-journal-citation")
    expect(cells.filter(has_text="(Department of Health, 2010a, 2010b)")).to_be_visible()
    expect(cells.filter(has_text="Senge (1990, p. 40)")).to_be_visible()
    saved = save(page, entry.path)
    assert "[@doh2010a; @doh2010b]" in "".join(saved["cells"][1]["source"])
    assert "@senge1990 [p. 40]" in "".join(saved["cells"][1]["source"])


def test_overwriting_after_journal_cite_keeps_the_work_and_the_text(page, lab, run_cli):
    """`journal cite` changes the open entry on disk; the student saves and chooses Overwrite."""
    entry = lab.journal.new_entry("While open", date="2026-11-02")
    open_notebook(page, lab, entry.path)
    panel_shown(page)  # the kernel is up and the page is still: only the command changes the file now
    page.wait_for_timeout(1500)  # the file's time on disk must move past JupyterLab's check margin
    run_cli("cite", entry.path.name, "glasby2014", "--dir", lab.journal.path, check=True)
    edit_prose_cell(page)
    page.keyboard.type(" Text written meanwhile.", delay=10)
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    dialog = page.locator(".jp-Dialog", has_text="File Changed")
    try:
        dialog.get_by_role("button", name="Overwrite").click(timeout=20_000)
    except playwright_api.TimeoutError:
        # JupyterLab asks only when the disk's time is past its margin; either way the save must keep both.
        pass
    expect(dialog).to_have_count(0)
    for _ in range(300):  # a save can take seconds on a busy machine
        saved = json.loads(entry.path.read_text(encoding="utf-8"))
        if "Text written meanwhile." in "".join(saved["cells"][1]["source"]):
            break
        page.wait_for_timeout(200)
    assert "Text written meanwhile." in "".join(saved["cells"][1]["source"])
    assert "glasby2014" in saved["metadata"]["journal"]["references"]


def test_tab_reaches_the_comment_form_in_a_few_presses(page, lab):
    """From the panel's heading, past a thread of comments with a Reply button each."""
    open_notebook(page, lab, lab.root / "demo" / "entries" / DEMO_POST)
    panel_shown(page)
    replies = page.locator(".jp-NotebookPanel button", has_text="Reply")
    expect(replies.first).to_be_visible()
    assert replies.count() >= 5
    page.locator(".jp-NotebookPanel", has_text="thoughts on").get_by_text(re.compile(r"\d+ thoughts? on")).first.click()
    in_form = ("() => { const a = document.activeElement;"
               " return !!a && ['INPUT', 'TEXTAREA'].includes(a.tagName) && !!a.closest('.jp-OutputArea')"
               " && ['your name', 'Leave a thought'].includes(a.placeholder); }")
    presses = 0
    while not page.evaluate(in_form) and presses < 4:
        focused = page.evaluate("() => document.activeElement && document.activeElement.textContent.trim()")
        if focused == "Leave a comment":
            page.keyboard.press("Enter")
            page.wait_for_function(in_form, timeout=30_000)  # the kernel moves the focus: a round trip
        else:
            page.keyboard.press("Tab")
        presses += 1
    assert page.evaluate(in_form), f"not in the comment form after {presses} key presses"
    assert presses <= 3
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # focus is visible


def test_the_moderation_count_fits_its_button_in_a_narrow_sidebar(page, lab):
    button = open_sidebar(page, lab).locator(".jp-journal-moderate")
    expect(button).to_contain_text("awaiting moderation")
    spill = button.evaluate("b => [b.scrollHeight - b.clientHeight, b.scrollWidth - b.clientWidth]")
    assert max(spill) <= 1, f"the text spills out of its button by {spill} px"


def test_the_moderation_count_opens_a_main_area_panel_that_stays_current(page, lab):
    store = lab.journal.comments
    sidebar = open_sidebar(page, lab)
    pending = status_totals(store.counts())["pending"]
    assert pending > 0
    button = sidebar.get_by_role("button", name=re.compile(rf"^{pending} comments? awaiting moderation$"))
    button.click()
    panel = page.locator("#journal-moderation-panel")
    expect(panel.get_by_role("tab", name=re.compile(r"^Pending \(\d+\)$"))).to_have_attribute("aria-selected", "true")
    expect(page.locator(".jp-CodeConsole")).to_have_count(0)   # no console, no banner, no prompt
    status = panel.get_by_role("status")
    expect(status).to_have_count(1)
    expect(status).to_have_text("")
    assert_clean(page, include="#journal-moderation-panel", where="the moderation panel")
    assert_clean(page, include="#journal-sidebar", where="the sidebar")

    first = panel.locator("article.jp-journal-mod-comment").first
    name = first.locator("strong bdi").inner_text()
    entry = first.locator("em").inner_text()
    # Times read as the comment panel writes them ("12 Oct 2026, 14:05"), not in the browser's locale.
    expect(first.locator("time")).to_have_text(re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$"))
    expect(first.get_by_label(f"Select comment by {name} on {entry}")).to_be_visible()
    first.get_by_role("button", name=f"Approve comment by {name} on {entry}").click()
    expect(status).to_have_text("Approved 1 comment.")
    # The sidebar follows at once, and agrees with the panel's tab.
    expect(sidebar.locator(".jp-journal-moderate")).to_have_text(f"{pending - 1} comment{'' if pending == 2 else 's'}"
                                                                  " awaiting moderation")
    expect(panel.get_by_role("tab", name=f"Pending ({pending - 1})")).to_be_visible()
    panel.get_by_role("tab", name=re.compile("^Approved")).click()
    expect(status).to_have_text("")                              # the message belonged to the list left

    # A peer comments in another process: both update without being hidden and shown again.
    entry_id = lab.journal.entries()[0].id
    store.submit(entry_id, name="Late Peer", body="Written while the panels were open.", role="peer")
    expect(sidebar.locator(".jp-journal-moderate")).to_contain_text(f"{pending} comment", timeout=15_000)
    expect(panel.get_by_role("tab", name=f"Pending ({pending})")).to_be_visible(timeout=15_000)

    # Edit keeps the old text in the log; Empty trash leaves a tombstone.
    panel.get_by_role("tab", name=re.compile("^Pending")).click()
    late = panel.locator("article.jp-journal-mod-comment", has_text="Late Peer")
    late.get_by_role("button", name=re.compile("^Edit comment by Late Peer")).click()
    panel.get_by_role("textbox", name="Edit the comment by Late Peer").fill("Written while the panels were open (edited).")
    panel.get_by_role("button", name="Save edit").click()
    expect(status).to_have_text(re.compile("^Comment edited"))
    cid = next(c for c in store.frame(status="pending").to_dict("records") if c["author_name"] == "Late Peer")["id"]
    assert "Written while the panels were open." in [r["body"] for r in store.history(cid)]
    late.get_by_role("button", name=re.compile("^Trash comment by Late Peer")).click()
    expect(status).to_have_text("Moved to the trash 1 comment.")
    panel.get_by_role("tab", name=re.compile("^Trash")).click()
    trashed = status_totals(store.counts())["trash"]
    panel.get_by_role("button", name=re.compile("^Empty trash")).click()
    expect(status).to_have_text(f"{trashed} comment{'' if trashed == 1 else 's'} deleted for good.")
    assert store.get(cid, missing_ok=True) is None
    assert_clean(page, include="#journal-moderation-panel", where="the moderation panel's trash")


def test_reload_from_disk_brings_the_comment_panel_back_without_its_code_line(page, lab):
    open_notebook(page, lab, lab.root / "demo" / "entries" / DEMO_POST)
    panel_shown(page)
    expect(page.locator(".jp-NotebookPanel .jp-journal-PanelCell .jp-Cell-inputWrapper")).to_be_hidden()
    # The file is unchanged on disk, so JupyterLab's "file changed" signal stays quiet: the panel must come
    # back from the new cells alone. The old panel is marked, so only a new one counts.
    page.locator(".jp-NotebookPanel .journal-comment-panel").first.evaluate("el => el.dataset.before = 'reload'")
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.locator(".lm-Menu-itemLabel", has_text="Reload Notebook from Disk").click()
    expect(page.locator(".jp-NotebookPanel .journal-comment-panel[data-before]")).to_have_count(0, timeout=LOAD)
    expect(page.locator(".jp-NotebookPanel .journal-comment-panel")).to_be_visible(timeout=LOAD)
    expect(page.locator(".jp-NotebookPanel .jp-journal-PanelCell .jp-Cell-inputWrapper")).to_be_hidden()


def front_tab(page):
    """The main area's tab of the document in front."""
    return page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")


def test_an_entrys_tab_reads_its_title_and_its_tooltip_its_file_name(page, lab):
    path = lab.root / "demo" / "entries" / DEMO_POST
    files = sorted(path.parent.glob("*.ipynb"))
    open_notebook(page, lab, path)
    tab = front_tab(page)
    expect(tab.locator(".lm-TabBar-tabLabel")).to_have_text(lab.journal.entry(DEMO_POST).title)
    expect(tab).to_have_attribute("title", re.compile(f"Name: {re.escape(DEMO_POST)}"))
    panel_shown(page)
    assert sorted(path.parent.glob("*.ipynb")) == files, "JupyterLab renamed the file after its new tab label"


def test_an_entrys_tab_follows_a_rename_and_a_new_title(page, lab):
    entry = lab.journal.new_entry("Tabs by title")
    open_notebook(page, lab, entry.path)
    panel_shown(page)                           # the panel's run changes nothing after the save below
    tab = front_tab(page)
    expect(tab.locator(".lm-TabBar-tabLabel")).to_have_text("Tabs by title")
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.locator(".lm-Menu-itemLabel", has_text="Rename Notebook").click()
    page.locator(".jp-Dialog input").fill("renamed.ipynb")
    page.locator(".jp-Dialog").get_by_role("button", name="Rename").click()
    expect(tab).to_have_attribute("title", re.compile("Name: renamed.ipynb"))
    expect(tab.locator(".lm-TabBar-tabLabel")).to_have_text("Tabs by title")
    renamed = entry.path.with_name("renamed.ipynb")
    nb = save(page, renamed)                    # nothing unsaved: the reload below asks nothing
    nb["metadata"]["journal"]["title"] = "Tabs by their new title"
    renamed.write_text(json.dumps(nb), encoding="utf-8")
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.locator(".lm-Menu-itemLabel", has_text="Reload Notebook from Disk").click()
    expect(tab.locator(".lm-TabBar-tabLabel")).to_have_text("Tabs by their new title")
    assert renamed.is_file() and not entry.path.exists()
    renamed.unlink()                            # the demo journal as the module's other tests know it


def test_comment_panel_controls_are_named_and_its_status_region_is_there_from_the_start(page, lab):
    open_notebook(page, lab, lab.root / "demo" / "entries" / DEMO_POST)
    panel_shown(page)
    comments = page.locator(".jp-NotebookPanel .journal-comment-panel")
    status = comments.get_by_role("status")
    expect(status).to_have_count(1)
    expect(status).to_have_text("")
    author = lab.journal.comments.thread(lab.journal.entry(DEMO_POST).id).iloc[0]["author_name"]
    expect(comments.get_by_role("button", name=f"Reply to {author}").first).to_be_visible()
    comments.get_by_role("button", name="Post comment").click()       # an empty comment is refused
    expect(status).not_to_have_text("")
    assert_clean(page, include=".jp-NotebookPanel .journal-comment-panel", where="the comment panel")


def test_a_student_cites_with_insert_citation_by_keyboard_alone(page, lab):
    entry = lab.journal.new_entry("Cited by keyboard", date="2026-11-03")
    open_notebook(page, lab, entry.path)
    edit_prose_cell(page)
    page.keyboard.type(" Policy says ", delay=10)
    page.keyboard.press("Control+Alt+c")
    dialog = page.locator(".jp-Dialog")
    expect(dialog.get_by_label("Search works")).to_be_focused()
    narrative = dialog.get_by_label(re.compile("Narrative"))
    expect(narrative).to_be_disabled()
    assert_clean(page, include=".jp-Dialog .jp-journal-CitationForm", where="the Insert Citation dialog")
    focused = "() => document.activeElement && (document.activeElement.value || document.activeElement.textContent)"
    for query, key in (("health 2010b", "doh2010b"), ("health 2010a", "doh2010a")):
        while page.evaluate("() => document.activeElement.getAttribute('aria-label')") != "Search works":
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Control+a")
        page.keyboard.type(query, delay=10)
        for _ in range(20):
            if page.evaluate(focused) == key:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        expect(dialog.locator(f"input[type=checkbox][value='{key}']")).to_be_checked()
    expect(narrative).to_be_disabled()
    expect(dialog.get_by_text("Narrative (one work only)")).to_be_visible()
    for _ in range(20):
        if page.evaluate(focused).strip() == "Insert":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    page.keyboard.press("Shift+Enter")
    expect(page.locator(".jp-NotebookPanel .jp-journal-citation", has_text="(Department of Health, 2010a, 2010b)")
           ).to_be_visible()
    saved = save(page, entry.path)
    assert "[@doh2010a; @doh2010b]" in "".join(saved["cells"][1]["source"])   # the style's order, not the ticks'


def test_the_narrative_checkbox_shows_the_form_that_will_be_written(page, lab):
    entry = lab.journal.new_entry("Narrative preview", date="2026-11-04")
    open_notebook(page, lab, entry.path)
    edit_prose_cell(page)
    page.keyboard.press("Control+Alt+c")
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_label("Search works").fill("fifth discipline")
    dialog.locator("input[type=checkbox][value='senge1990']").check()
    dialog.get_by_label("Locator").fill("p. 40")
    expect(dialog.get_by_label(re.compile("Narrative"))).to_be_enabled()
    expect(dialog.get_by_text("Narrative: Senge (1990, p. 40)")).to_be_visible()
    expect(dialog.get_by_text(re.compile("Schön"))).to_have_count(0)
    page.keyboard.press("Escape")


def test_references_panel_is_clean_for_axe(page, lab):
    open_notebook(page, lab, lab.root / "demo" / "entries" / DEMO_POST)
    panel = show_references(page)
    expect(panel).to_contain_text("References")
    assert_clean(page, include="#journal-references", where="the References panel")



def test_a_plot_made_in_jupyterlab_keeps_its_title_and_axes_as_its_text_alternative(page, lab):
    """The kernel JupyterLab starts for an entry gets the journal's figure hook, silently, and again after a
    restart: a plot the student makes carries its description into every export."""
    entry = lab.journal.new_entry("Charting my week", date="2026-10-31")
    code = ("import matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots()\n"
            "ax.plot([1, 2, 3], [120, 300, 260])\n"
            "ax.set(title='Words written', xlabel='day', ylabel='words')\n"
            "plt.show()")
    cells = entry.notebook["cells"]
    cells.insert(panel_index(cells), new_code_cell(code))
    entry.save()
    open_notebook(page, lab, entry.path)
    panel_shown(page)
    for restart in (False, True):
        if restart:
            page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Restart Kernel…?$")).click()
            page.locator(".jp-Dialog .jp-Dialog-button", has_text="Restart").click()
            expect(page.locator(".jp-StatusBar-Item", has_text=re.compile(r"\| Idle$"))).to_have_count(1, timeout=LOAD)
        plot = page.locator(".jp-NotebookPanel .jp-CodeCell").filter(has_text="Words written").first
        plot.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        expect(plot.locator(".jp-OutputArea-output img, .jp-OutputArea-output svg").first).to_be_visible(timeout=LOAD)
        saved = nbformat.from_dict(save(page, entry.path))
        outputs = next(cell for cell in saved.cells if "Words written" in "".join(cell.source)).outputs
        assert [output_alt(o) for o in outputs if o.output_type == "display_data"] == \
            ["Words written (x: day; y: words)"], f"after a restart: {restart}"


def test_describe_this_figure_from_the_sidebar_by_keyboard_writes_the_alt_every_export_reads(page, lab):
    """A figure whose cell says only "Chart": the student selects the cell, the sidebar offers "Describe this
    figure", the dialog starts from the cell's text, and what they type is the <img alt> of the export."""
    entry = lab.journal.new_entry("A chart to describe", date="2026-11-03")
    figure = new_code_cell("show_chart()", metadata={"alt": "Chart"}, outputs=[
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure size 640x480>"})])
    cells = entry.notebook["cells"]
    cells.insert(panel_index(cells), figure)
    entry.save()
    open_notebook(page, lab, entry.path)
    panel_shown(page)
    page.locator(".jp-SideBar.jp-mod-left li[data-id='journal-sidebar']").click()
    describe = page.locator("#journal-sidebar").get_by_role("button", name="Describe this figure")
    page.locator(".jp-NotebookPanel .jp-MarkdownCell").first.click()
    expect(describe).to_be_hidden()  # a prose cell has no figure
    code = page.locator(".jp-NotebookPanel .jp-CodeCell").filter(has_text="show_chart()")
    code.locator(".jp-InputPrompt").click()
    expect(describe).to_be_visible()
    expect(code.locator(".jp-cell-toolbar [data-command='journal:describe-figure']")).to_be_visible()

    describe.focus()
    page.keyboard.press("Enter")
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Describe this figure")
    field = dialog.get_by_label("What the figure shows, for readers who cannot see it")
    expect(field).to_be_focused()
    expect(field).to_have_value("Chart")
    assert_clean(page, include=".jp-Dialog", where="the Describe this figure dialog")
    page.keyboard.press("Control+a")
    page.keyboard.type("Words written per day, rising from 120 to 300", delay=10)
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)

    saved = nbformat.from_dict(save(page, entry.path))
    [cell] = [c for c in saved.cells if "".join(c.source) == "show_chart()"]
    assert cell.outputs[0].metadata["alt"] == "Words written per day, rising from 120 to 300"
    assert output_alt(cell.outputs[0]) == "Words written per day, rising from 120 to 300"
    outcome = export_one(lab.journal, lab.journal.entry(entry.path), "html")
    alts = re.findall(r'<img\b[^>]*\balt="([^"]*)"', outcome.path.read_text(encoding="utf-8"))
    assert alts == ["Words written per day, rising from 120 to 300"], alts
