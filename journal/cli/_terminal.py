"""Other people's text on a terminal: names, titles, bodies and subjects printed by the CLI."""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """Other people's text made safe for a terminal: control and direction characters become escapes.

    >>> printable("hi\\x1b[2J\\u202e!")
    'hi\\\\x1b[2J\\\\u202e!'
    """
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def printable_lines(text: str) -> str:
    """`printable` line by line, so a multi-line text keeps its line breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))
