"""The templates' prompts are not the student's writing: they count no words, are left out of exports with
the headings of sections left unwritten, and publishing warns about them (and about missing citations)."""

import json

from export.entries import export_entries
from export.options import ExportOptions
from journal.prompts import unwritten

FEELINGS = "I was nervous before the handover, then calmer once the team took my questions seriously."


def gibbs(journal, title="Week one"):
    return journal.new_entry(title, template="gibbs")


def write_under(entry, heading, text):
    """Write `text` under `heading`, after its prompt (the prompt stays, as students often leave it)."""
    cell = next(c for c in entry.notebook["cells"] if c["source"].startswith(f"## {heading}"))
    cell["source"] += "\n\n" + text
    entry.save()


def test_an_untouched_scaffold_counts_only_its_title(journal, run_cli):
    for name in ("gibbs", "kolb", "driscoll", "blank"):
        journal.new_entry(f"Untouched {name}", template=name)
    listed = json.loads(run_cli("list", "--json", "--dir", journal.path, check=True).stdout)
    assert {r["title"]: r["words"] for r in listed} == {f"Untouched {n}": 2 for n in ("gibbs", "kolb", "driscoll",
                                                                                        "blank")}


def test_words_count_what_was_written_under_the_prompts(journal):
    entry = gibbs(journal)
    write_under(entry, "Feelings", FEELINGS)
    reread = journal.entry(entry.id)
    assert reread.words == 2 + 1 + 15      # the title, the written section's heading, the text
    assert unwritten(reread.notebook) == ["Description", "Evaluation", "Analysis", "Conclusion", "Action plan"]


def test_exports_leave_out_prompts_and_unwritten_sections(journal, tmp_path):
    entry = gibbs(journal)
    write_under(entry, "Feelings", FEELINGS)
    [outcome] = export_entries(journal, [entry], ExportOptions.for_journal(journal, to=("html",)), out=tmp_path)
    html = outcome.path.read_text(encoding="utf-8")
    assert "nervous before the handover" in html and ">Feelings<" in html
    assert "What were you thinking and feeling" not in html          # its prompt
    assert "Set the scene" not in html and ">Description<" not in html and ">Action plan<" not in html


def test_publish_warns_and_publishes_only_when_asked_again(journal, run_cli):
    journal.library_path.write_text("@book{schon1983, author={Sch{\\\"o}n, Donald A.}, title={The Reflective "
                                    "Practitioner}, publisher={Basic Books}, year={1983}}\n", encoding="utf-8")
    entry = gibbs(journal)
    for heading in ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion"):
        write_under(entry, heading, f"Written under {heading} [@schon1983].")
    write_under(entry, "Action plan", "Read more [@nobody2020].")
    first = run_cli("publish", "Week one", "--dir", journal.path)
    assert first.returncode == 1 and "week-one  published" not in first.stdout
    assert "“Description”" not in first.stderr
    assert "[@nobody2020] is found in no bibliography: it prints as “(missing: nobody2020)”" in first.stderr
    assert "journal publish week-one --force" in first.stderr
    assert not journal.entry(entry.id).published
    again = run_cli("publish", "week-one", "--force", "--dir", journal.path)
    assert again.returncode == 0 and "week-one  published" in again.stdout and journal.entry(entry.id).published


def test_new_with_publish_leaves_an_unwritten_scaffold_a_draft(journal, run_cli):
    made = run_cli("new", "Placement", "--template", "driscoll", "--publish", "--dir", journal.path)
    assert made.returncode == 1
    assert [line.split("“")[1].split("”")[0] for line in made.stderr.splitlines() if "“" in line] == [
        "What?", "So what?", "Now what?"]
    assert not journal.entry("placement").published
    blank = run_cli("new", "Reading", "--publish", "--dir", journal.path)
    assert "nothing is written yet besides the template's prompt" in blank.stderr
    assert run_cli("new", "Forced", "--template", "kolb", "--publish", "--force", "--dir", journal.path).returncode == 0
    assert journal.entry("forced").published
