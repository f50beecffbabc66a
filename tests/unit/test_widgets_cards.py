"""Comment bodies and names become safe HTML: everything escaped, paragraphs kept, URLs linked."""

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from widgets import cards as render

# The only markup body_html may produce.
OUR_TAGS = re.compile(r'</?p>|<br>|<a href="[^"<>]*" rel="nofollow noopener" target="_blank">|</a>')
HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"><svg onload=alert(1)>',
           "javascript:alert(1)", "http://x.org/\"onmouseover=alert(1)", "&lt;b&gt;"]


def test_hostile_bodies_show_as_text():
    for body in HOSTILE:
        html = render.body_html(body)
        assert OUR_TAGS.sub("", html).count("<") == 0, html
        assert unescape(OUR_TAGS.sub("", html)) == body


def test_paragraphs_and_line_breaks():
    assert render.body_html("one\ntwo\n\n\n three\r\n\r\nfour") == "<p>one<br>two</p><p>three</p><p>four</p>"
    assert render.body_html("   \n ") == ""
    assert render.body_html(None) == ""


def test_urls_become_nofollow_links_without_trailing_punctuation():
    html = render.body_html("See https://example.org/a_(b) and (http://example.org/x).")
    assert html.count('rel="nofollow noopener"') == 2
    assert 'href="https://example.org/a_(b)"' in html
    assert 'href="http://example.org/x"' in html and "</a>)." in html


def test_only_http_urls_are_linked():
    for body in ("javascript:alert(1)", "ftp://example.org/file", "data:text/html,<b>x</b>"):
        assert "<a " not in render.body_html(body)


def test_link_text_and_href_are_escaped():
    html = render.body_html("http://example.org/?a=1&b=<x>")
    assert 'href="http://example.org/?a=1&amp;b="' in html
    assert "&lt;x&gt;" in html


@given(st.text())
def test_any_body_yields_only_our_markup(body):
    html = render.body_html(body)
    assert "<" not in OUR_TAGS.sub("", html)
    # Nothing typed is lost: the text content is the body with whitespace between paragraphs collapsed.
    shown = unescape(re.sub(r"<[^>]+>", "", html))
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", body.replace("\r", ""))


@given(st.text())
def test_any_name_is_escaped_in_a_comment_card(name):
    row = {"id": "c1", "author_name": name, "author_role": "peer", "submitted_at": "2026-10-12T09:30:00",
           "body": "hello"}
    card = render.comment_html(row)
    strong = re.search(r"<strong>(.*?)</strong>", card, re.S).group(1)
    assert "<" not in strong
    assert unescape(strong) == (name or "Anonymous")


def test_badges_for_author_and_tutor_only():
    assert "author" in render.badge("author") and "tutor" in render.badge("tutor")
    assert render.badge("peer") == "" and render.badge("<b>") == ""


def test_heading_wording():
    assert render.thoughts_heading(1, "Week one") == "<h3>1 thought on “Week one”</h3>"
    assert render.thoughts_heading(12, "A & B") == "<h3>12 thoughts on “A &amp; B”</h3>"
    assert render.thoughts_heading(0, "Anything") == "<h3>No comments yet</h3>"


def test_when_accepts_text_datetimes_and_missing_values():
    import datetime as dt

    assert render.when(dt.datetime(2026, 3, 5, 7, 8)) == "5 Mar 2026, 07:08"
    assert render.when(None) == "" and render.when(float("nan")) == ""
    assert render.when("<not a date>") == "&lt;not a date&gt;"
