"""`journal serve`'s journal as the server sees it (published entries only, pictures inside the folder only),
and the command's refusals before any server starts."""

import socket

import pytest

from journal.course.errors import EntryNotFound
from journal.course.single import SingleJournalStore, journal_login


def test_only_published_entries_are_seen_newest_first(demo):
    store = SingleJournalStore(demo)
    published = [e for e in demo.entries() if e.published]
    drafts = [e for e in demo.entries() if not e.published]
    assert drafts, "the demo has a draft to leave out"
    seen = store.entries(store.login)
    assert [e.entry_id for e in seen] == [e.id for e in sorted(published, key=lambda e: e.date, reverse=True)]
    for draft in drafts:
        with pytest.raises(EntryNotFound):
            store.entry(store.login, draft.id)
    with pytest.raises(EntryNotFound):
        store.entries("someone-else")


def test_a_changed_entry_is_read_again(journal):
    store = SingleJournalStore(journal)
    entry = journal.new_entry("Becomes public", status="draft")
    assert store.entries() == []
    entry.set_meta(status="published")
    entry.save()
    assert [e.title for e in store.entries()] == ["Becomes public"]


def test_sharing_goes_through_the_journal_not_the_server(journal):
    store = SingleJournalStore(journal)
    from journal.errors import JournalError

    with pytest.raises(JournalError, match="publish there instead"):
        store.share(store.login, {})


def test_the_login_in_addresses_is_safe(journal, tmp_path):
    from journal import Journal

    assert journal_login(journal) == "ada"
    odd = Journal.create(tmp_path / "../odd name", title="T", author="A", username="")
    assert journal_login(odd) == "odd-name"


def test_links_to_files_outside_the_journal_are_never_served(journal, tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "passport.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    figures = journal.entries_dir / "figures"
    figures.mkdir(parents=True)
    (figures / "ward.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (figures / "passport.png").symlink_to(outside / "passport.png")
    (figures / "home").symlink_to(outside, target_is_directory=True)
    (journal.entries_dir / "top.png").symlink_to(outside / "passport.png")
    store = SingleJournalStore(journal)
    assert store.picture("ada", "figures/ward.png").startswith(b"\x89PNG")
    for name in ("figures/passport.png", "figures/home/passport.png", "top.png", "../../private/passport.png",
                 "figures/.hidden.png", "../journal.toml"):
        with pytest.raises(EntryNotFound):
            store.picture("ada", name)


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


def test_not_a_journal_is_a_clear_error(tmp_path, run_cli):
    proc = run_cli("serve", "--dir", tmp_path, "--no-browser")
    assert proc.returncode == 1 and "not a journal folder" in proc.stderr
