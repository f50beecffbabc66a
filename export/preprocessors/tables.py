"""Tables from code cells (pandas and the like) read well aloud and on paper: a caption, header cells that say
what they head (`scope`), and no column of row numbers when the index is pandas' default 0, 1, 2 …"""

from __future__ import annotations

from bs4 import BeautifulSoup
from nbconvert.preprocessors import Preprocessor


def generic(number: int) -> str:
    return f"Table {number}: output of the code cell"


def _first_header(row):
    first = row.find(["th", "td"], recursive=False)
    return first if first is not None and first.name == "th" else None


def _default_index(table) -> bool:
    """A pandas table whose row headers are 0, 1, 2 … under an empty corner: numbers nobody chose."""
    if "dataframe" not in (table.get("class") or []):
        return False
    head = table.find("thead")
    body_rows = table.find("tbody").find_all("tr", recursive=False) if table.find("tbody") else []
    head_rows = head.find_all("tr", recursive=False) if head else []
    if not body_rows or not head_rows:
        return False
    corners = [_first_header(r) for r in head_rows]
    if any(c is None or c.get_text(strip=True) or c.get("colspan", "1") != "1" for c in corners):
        return False
    numbers = [_first_header(r) for r in body_rows]
    return all(h is not None and h.get("rowspan", "1") == "1" and h.get_text(strip=True) == str(i)
               for i, h in enumerate(numbers))


def accessible(table, number: int) -> None:
    """Give `table` (a BeautifulSoup tag) its caption and scopes; drop a default RangeIndex column."""
    if _default_index(table):
        for row in table.find_all("tr"):
            _first_header(row).decompose()
    if table.find("caption") is None:
        caption = BeautifulSoup("", "html.parser").new_tag("caption")
        caption.string = generic(number)
        table.insert(0, caption)
    for cell in table.find_all("th"):
        if not cell.get("scope"):
            cell["scope"] = "col" if cell.find_parent("thead") is not None else "row"


class DescribeTables(Preprocessor):
    """Captions ("Table N: output of the code cell" unless the table has one), scopes, no default index."""

    def preprocess(self, nb, resources):
        number = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                html = (output.get("data") or {}).get("text/html")
                html = "".join(html) if isinstance(html, list) else html
                if not html or "<table" not in html.lower():
                    continue
                soup = BeautifulSoup(html, "html.parser")
                for table in soup.find_all("table"):
                    number += 1
                    accessible(table, number)
                output["data"]["text/html"] = str(soup)
        return nb, resources
