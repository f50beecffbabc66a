"""The Harvard style: BibTeX in, expected text out, for every type and edge case."""

import pytest
from reference_styles import for_style

from references import cite_entry
from references.harvard import HarvardStyle


_style = for_style("harvard")
refs, one, cite = _style.refs, _style.one, _style.cite


def test_article_with_volume_issue_pages_and_doi():
    bib = r"""@article{smith2019, author={Smith, Jane Ann and Jones, Kai}, year={2019},
      title={Learning from incidents}, journal={Journal of Nursing {Management}}, volume={27}, number={3},
      pages={501--509}, doi={10.1111/jonm.12345}}"""
    assert one(bib) == ("Smith, J.A. and Jones, K. (2019) ‘Learning from incidents’, Journal of Nursing Management, "
                        "27(3), pp. 501–509. Available at: https://doi.org/10.1111/jonm.12345.")
    html = one(bib, "html")
    assert "<em>Journal of Nursing Management</em>" in html
    assert '<a href="https://doi.org/10.1111/jonm.12345">' in html


def test_book_with_edition_place_and_publisher():
    bib = "@book{g, author={Glasby, Jon and Dickinson, Helen}, title={Partnership Working}, edition={3}, " \
          "publisher={Policy Press}, address={Bristol}, year={2020}}"
    assert one(bib) == "Glasby, J. and Dickinson, H. (2020) Partnership Working. 3rd edn. Bristol: Policy Press."
    assert one(bib, "markdown").startswith("Glasby, J. and Dickinson, H. (2020) *Partnership Working*. 3rd edn.")


def test_incollection_names_editors_and_book_in_italics():
    bib = r"""@incollection{c, author={Checkland, Peter}, title={Soft Systems Methodology},
      booktitle={Systems Approaches}, editor={Reynolds, Martin}, publisher={Springer}, address={London},
      year={2010}, pages={191--242}}"""
    assert one(bib) == ("Checkland, P. (2010) ‘Soft Systems Methodology’. In: Reynolds, M. (ed.) Systems Approaches. "
                        "London: Springer, pp. 191–242.")
    assert "In: Reynolds, M. (ed.) <em>Systems Approaches</em>" in one(bib, "html")


def test_reports_name_type_number_and_institution():
    bib = "@techreport{t, author={Lee, Ann}, title={Falls on wards}, institution={NHS Improvement}, " \
          "address={London}, number={42}, year={2018}}"
    assert one(bib) == "Lee, A. (2018) Falls on wards. Technical report 42. London: NHS Improvement."


def test_theses():
    assert one("@phdthesis{p, author={Okafor, Sam}, title={Care at home}, school={Open University}, year={2021}}") \
        == "Okafor, S. (2021) Care at home. PhD thesis. Open University."
    assert one("@mastersthesis{m, author={Ng, Li}, title={Ward rounds}, school={UCL}, year={2020}}") \
        == "Ng, L. (2020) Ward rounds. Master's thesis. UCL."


def test_online_source_with_accessed_date_and_no_year():
    bib = "@online{w, author={{NHS England}}, title={What are integrated care systems?}, " \
          "url={https://example.org/ics}, urldate={2011-03-13}}"
    assert one(bib) == ("NHS England (n.d.) What are integrated care systems? Available at: https://example.org/ics "
                        "(Accessed: 13 March 2011).")
    assert cite("[@w]", bib) == "(NHS England, n.d.)"


def test_inproceedings():
    bib = "@inproceedings{i, author={Ray, Sue}, title={Peer feedback}, booktitle={Proceedings of EdMedia}, " \
          "editor={Bond, Tim and Hart, Lou}, publisher={AACE}, address={Chesapeake}, year={2015}, pages={1--8}}"
    assert one(bib) == ("Ray, S. (2015) ‘Peer feedback’. In: Bond, T. and Hart, L. (eds) Proceedings of EdMedia. "
                        "Chesapeake: AACE, pp. 1–8.")


def test_accents_escapes_and_corporate_authors():
    bib = r"""@book{s, author={Sch{\"o}n, Donald A.}, title={The Reflective Practitioner \& Friends}, year={1983},
      publisher={Basic Books}}
    @report{d, author={{Department of Health and Social Care}}, title={People at the Heart of Care}, year={2021}}"""
    texts = refs(bib)
    assert "Department of Health and Social Care (2021) People at the Heart of Care." in texts
    assert "Schön, D.A. (1983) The Reflective Practitioner & Friends. Basic Books." in texts
    assert cite("[@s] [@d]", bib) == "(Schön, 1983) (Department of Health and Social Care, 2021)"


def test_same_author_and_year_get_suffixes_by_title_in_text_and_list():
    bib = """@report{z, author={{Department of Health}}, title={Healthy lives}, year={2010}}
    @report{y, author={{Department of Health}}, title={A vision}, year={2010}}
    @report{x, author={{Department of Health}}, title={Equity and excellence}, year={2010}}"""
    assert refs(bib) == ["Department of Health (2010a) A vision.", "Department of Health (2010b) Equity and excellence.",
                         "Department of Health (2010c) Healthy lives."]
    assert cite("[@z] [@y; @x]", bib) == "(Department of Health, 2010c) (Department of Health, 2010a, 2010b)"


def test_several_works_are_given_in_the_lists_order_whatever_order_they_were_typed_in():
    bib = """@report{doh2010b, author={{Department of Health}}, title={Equity and excellence}, year={2010}}
    @report{doh2010a, author={{Department of Health}}, title={A vision}, year={2010}}
    @book{senge1990, author={Senge, Peter}, title={The fifth discipline}, year={1990}}
    @book{argyris1978, author={Argyris, Chris}, title={Organizational learning}, year={1978}}"""
    # Typed newest suffix first, then out of author order: Cite Them Right (and citeproc) sort them.
    assert cite("[@doh2010b; @doh2010a]", bib) == "(Department of Health, 2010a, 2010b)"
    assert cite("[@senge1990; see @doh2010b; @argyris1978]", bib) == \
        "(Argyris, 1978; see Department of Health, 2010; Senge, 1990)"


def test_suffixes_need_the_same_full_author_list():
    bib = """@book{a, author={Smith, Jo and Lee, Al}, title={A}, year={2000}}
    @book{b, author={Smith, Jo}, title={B}, year={2000}}"""
    assert cite("[@a] [@b]", bib) == "(Smith and Lee, 2000) (Smith, 2000)"


def test_many_authors_et_al_in_text_but_listed():
    bib = "@article{m, author={Ames, A. and Bell, B. and Cole, C.}, title={T}, journal={J}, year={2001}}"
    assert cite("[@m] and @m", bib) == "(Ames et al., 2001) and Ames et al. (2001)"
    assert one(bib).startswith("Ames, A., Bell, B. and Cole, C. (2001)")
    eleven = " and ".join(f"Name{chr(65 + i)}, X." for i in range(11))
    assert one(f"@article{{e, author={{{eleven}}}, title={{T}}, year={{2001}}}}").startswith("NameA, X. et al. (2001)")


def test_locators_narrative_and_suppressed_author():
    bib = "@book{schon1973, author={Sch{\\\"o}n, Donald}, title={Beyond the Stable State}, year={1973}}"
    assert cite("[@schon1973]", bib) == "(Schön, 1973)"
    assert cite("[@schon1973, p. 6]", bib) == "(Schön, 1973, p. 6)"
    assert cite("[see @schon1973, pp. 6--9]", bib) == "(see Schön, 1973, pp. 6–9)"
    assert cite("@schon1973 argues", bib) == "Schön (1973) argues"
    assert cite("Schön [-@schon1973]", bib) == "Schön (1973)"


def test_missing_fields_render_what_exists():
    for kind in ("article", "book", "incollection", "report", "online", "inproceedings", "patent", "inbook"):
        assert one(f"@{kind}{{k, title={{Only a title}}}}") == "Only a title (n.d.)."
    assert one("@thesis{k, title={Only a title}}") == "Only a title (n.d.) Thesis."
    assert one("@misc{k, year={1999}}") == "k (1999)."
    assert one("@book{k, author={Doe, J.}}") == "Doe, J. (n.d.)."


def test_html_escapes_what_a_bib_file_says():
    bib = '@misc{k, author={{A <b> & Co}}, title={<script>alert(1)</script>}, url={javascript:alert(1)}, year={2000}}'
    html = one(bib, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &lt;b&gt; &amp; Co" in html
    assert 'href="javascript' not in html
    assert "&lt;b&gt;" in cite("[@k]", bib, "html")


def test_the_style_is_a_pybtex_plugin_with_its_label_and_sorting_plugins():
    from importlib.metadata import entry_points

    from references.apa import APAStyle
    from references.labels import APALabelStyle, AuthorYearLabelStyle
    from references.sorting import AuthorYearTitleSortingStyle

    found = {group: {ep.name: ep.load() for ep in entry_points(group=group) if ep.value.startswith("references.")}
             for group in ("pybtex.style.formatting", "pybtex.style.labels", "pybtex.style.sorting")}
    assert found == {"pybtex.style.formatting": {"harvard": HarvardStyle, "apa": APAStyle},
                     "pybtex.style.labels": {"author_year": AuthorYearLabelStyle, "author_year_apa": APALabelStyle},
                     "pybtex.style.sorting": {"harvard": AuthorYearTitleSortingStyle}}
    style = HarvardStyle()
    assert isinstance(style.label_style, AuthorYearLabelStyle)
    assert isinstance(style.sorting_style, AuthorYearTitleSortingStyle)


@pytest.mark.parametrize("output", ["html", "markdown", "text"])
def test_reference_list_shape(output):
    bib = "@book{a, author={Doe, Jo}, title={T}, year={2000}}"
    result = cite_entry(["[@a]"], bib, output=output)
    if output == "html":
        assert result.reference_list.startswith('<section class="references"><h2>References</h2><ul><li id="ref-a">')
        assert result.cells == ['<a class="citation" href="#ref-a">(Doe, 2000)</a>']
    elif output == "markdown":
        assert result.reference_list.startswith("## References\n\nDoe, J. (2000) *T*.")
    assert cite_entry(["nothing cited"], bib, output=output).reference_list == ""
