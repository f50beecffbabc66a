"""What `journal cite` and `journal refs add` share: the journal's library, and embedding works with a report."""

import sys


def library(journal):
    """The journal's references.bib, loaded; a file that cannot be read is a ReferencesError naming it."""
    from ..citing import library_of

    return library_of(journal)


def works_of(entries, keys, source):
    """(key, pybtex Entry) of each of `keys` in `entries` (a bibliography's), once each; a key that is not
    there is a ReferencesError naming `source`, with the key most likely meant."""
    from references.errors import ReferencesError

    from ..suggest import did_you_mean

    unknown = [k for k in keys if k not in entries]
    if unknown:
        named = ", ".join(f"{k}{did_you_mean(k, list(entries))}" for k in unknown)
        raise ReferencesError(f"{source}: no work with key {named}")
    return [(k, entries[k]) for k in dict.fromkeys(keys)]


def embed(entry, works, *, replace=False) -> int:
    """Embed (key, pybtex Entry) works in `entry`, save it and say what happened; 1 when a work was kept."""
    from ..citing import embed as embed_works

    done = embed_works(entry.notebook, works, replace=replace, source=entry.path.name)
    if done.added:
        entry.save()
    print(f"{entry.id}: embedded {len(done.added)} work(s){': ' + ', '.join(done.added) if done.added else ''}")
    if done.same:
        print(f"{entry.id}: already embedded: {', '.join(done.same)}")
    for key in done.kept:
        print(f"{entry.id}: {key} is embedded with different content; kept it (use --replace)", file=sys.stderr)
    return 1 if done.kept else 0
