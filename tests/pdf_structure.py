"""A tagged PDF's structure tree as a screen reader walks it: each element's tag, depth, /Alt and text.

Text comes from the pages' marked content: each run of text is kept under the MCID of the `BDC` that
opened it, and an element's text is that of the MCIDs it holds, in tree order. Import it from a test with
`from pdf_structure import ...` (tests/conftest.py puts this folder on sys.path).
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass
class Element:
    tag: str            # without its slash: "H1", "L", "LI", "Figure", "Table", "TH" …
    depth: int
    alt: str
    text: str
    attributes: dict


def _marked_text(reader) -> dict:
    """{(page index, MCID): text} of every page."""
    found: dict = {}
    for index, page in enumerate(reader.pages):
        open_ids: list = []

        def before(op, args, cm, tm, open_ids=open_ids):
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                open_ids.append(props.get("/MCID") if isinstance(props, DictionaryObject) else None)
            elif op == b"BMC":
                open_ids.append(None)
            elif op == b"EMC" and open_ids:
                open_ids.pop()

        def text(chunk, cm, tm, font, size, open_ids=open_ids, index=index):
            mcid = next((m for m in reversed(open_ids) if m is not None), None)
            if mcid is not None:
                found[(index, int(mcid))] = found.get((index, int(mcid)), "") + chunk

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def structure(path) -> tuple[list[Element], dict]:
    """The elements of the structure tree in reading order, and the document catalog."""
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    marked = _marked_text(reader)
    out: list[Element] = []

    def kids_of(element):
        kids = element.get("/K")
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        return list(kids) if isinstance(kids, ArrayObject) else [] if kids is None else [kids]

    def walk(element, depth, page) -> str:
        element = element.get_object()
        if "/Pg" in element:
            page = pages.get(element.raw_get("/Pg").idnum, page)
        node = Element(str(element["/S"])[1:], depth, str(element.get("/Alt", "")), "",
                       dict(element.get("/A") or {}))
        out.append(node)
        texts = []
        for kid in kids_of(element):
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, int):
                texts.append(marked.get((page, kid), ""))
            elif isinstance(kid, DictionaryObject) and "/S" in kid:
                texts.append(walk(kid, depth + 1, page))
        node.text = " ".join(" ".join(texts).split())
        return node.text

    root = catalog["/StructTreeRoot"].get_object()
    for top in kids_of(root):
        walk(top, 0, 0)
    return out, catalog


def children(elements: list[Element], parent: Element) -> list[Element]:
    """The elements directly under `parent`, in order."""
    start = next(i for i, e in enumerate(elements) if e is parent) + 1
    out = []
    for element in elements[start:]:
        if element.depth <= parent.depth:
            break
        if element.depth == parent.depth + 1:
            out.append(element)
    return out
