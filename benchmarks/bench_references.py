"""Harvard formatting of 1,000 works, and resolving 200 citations in one entry (targets: under 1 s each)."""

from common import median, table, timed

TYPES = (
    "@article{{k{i}, author={{Author{i}, Ann and Other, Bob}}, title={{Title {i}}}, journal={{Journal}}, "
    "volume={{{i}}}, number={{2}}, pages={{1--9}}, year={{{y}}}, doi={{10.1000/{i}}}}}",
    "@book{{k{i}, author={{Sch{{\\\"o}}n{i}, Donald}}, title={{Book {i}}}, edition={{2}}, publisher={{Press}}, "
    "address={{London}}, year={{{y}}}}}",
    "@incollection{{k{i}, author={{Chapter{i}, C.}}, title={{Chapter}}, booktitle={{Collected}}, "
    "editor={{Ed, A. and Tor, B.}}, publisher={{Springer}}, pages={{5--10}}, year={{{y}}}}}",
    "@report{{k{i}, author={{{{Department of Health}}}}, title={{Report {i}}}, institution={{DH}}, year={{{y}}}}}",
    "@online{{k{i}, author={{{{NHS England}}}}, title={{Page {i}}}, url={{https://example.org/{i}}}, "
    "urldate={{2026-10-11}}}}",
)


def library(n):
    return "\n".join(TYPES[i % len(TYPES)].format(i=i, y=1990 + i % 30) for i in range(n))


def main():
    from references import cite_entry
    from references.bibliography import load
    from references.cite import format_list

    source = library(1000)
    works = dict(load(source).entries)
    cells = [" ".join(f"Text [@k{(c * 20 + j) * 5 % 1000}, p. {j}] and @k{(c * 20 + j) * 3 % 1000}."
                      for j in range(10)) for c in range(10)]  # 200 citations over 10 cells
    parse = median(timed(lambda: load(source), repeat=3))
    fmt = median(timed(lambda: format_list(works, output="html"), repeat=3))
    cite = median(timed(lambda: cite_entry(cells, "", source, output="html"), repeat=3))
    small = median(timed(lambda: cite_entry(cells, source, "", output="html"), repeat=3))
    table(("what", "median s"), [
        ("parse 1,000 works", f"{parse:.3f}"),
        ("format 1,000 works (HTML)", f"{fmt:.3f}"),
        ("resolve 200 citations, library of 1,000", f"{cite:.3f}"),
        ("same, works embedded", f"{small:.3f}"),
    ])
    print(f"format / parse ratio: {fmt / parse:.2f}")
    met = fmt < 1 and cite < 1
    print(f"target: format 1,000 and resolve 200 citations under 1 s each: {'met' if met else 'MISSED'}")
    return not met
