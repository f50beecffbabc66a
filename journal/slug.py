"""Stable, readable ids for entries, made from their titles."""

import re
import unicodedata


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug.

    >>> slugify("Joining up care: why organisations must learn, together!")
    'joining-up-care-why-organisations-must-learn-together'
    >>> slugify("Schön's reflective practitioner")
    'schons-reflective-practitioner'
    >>> slugify("???")
    'entry'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "entry"
