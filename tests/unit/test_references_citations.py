"""The citation parser: what is and is not a citation, and where it is."""

from references.citations import cited_keys, find_citations


def test_code_is_never_cited():
    text = "```python\nx = '[@fenced]'\n```\nand `@span` and ``[@double]`` but [@real]"
    assert cited_keys(text) == ["real"]


def test_addresses_urls_and_escapes_are_not_citations():
    text = "Mail sam@example.org, see https://medium.com/@writer, write \\@handle, follow [me](https://x.org/@me)"
    assert cited_keys(text) == []


def test_offsets_point_at_the_citation():
    text = "Before [@a, p. 3] middle @b [ch. 2] end"
    spans = [text[c.start:c.end] for c in find_citations(text)]
    assert spans == ["[@a, p. 3]", "@b [ch. 2]"]


def test_brackets_that_are_not_citations_stay_text():
    assert cited_keys("[a note about mail@x.org]") == []
    assert cited_keys("[see the link](http://x.org) [a; b]") == []


def test_keys_with_internal_punctuation_and_trailing_stop():
    assert cited_keys("As @doe:2001.a said. And [@nhs-ics/2022].") == ["doe:2001.a", "nhs-ics/2022"]


def test_cite2c_and_nbconvert_tags():
    text = '<cite data-cite="zotero/ABC123">(Smith 2000)</cite> and <cite data-cite=\'k2\'/>'
    assert cited_keys(text) == ["zotero/ABC123", "k2"]
