"""The APA 7 style: BibTeX in, expected text out, for each type and the in-text forms."""

import pytest
from reference_styles import for_style

from references.apa import APAStyle
from references.cite import get_style

_style = for_style("apa")
refs, one, cite = _style.refs, _style.one, _style.cite


BOOK = "@book{g, author={Glasby, Jon and Dickinson, Helen}, title={Partnership working in health and social care}, " \
       "edition={2}, publisher={Policy Press}, address={Bristol}, year={2014}}"


def test_book_with_edition_and_publisher_no_place():
    assert one(BOOK) == ("Glasby, J., & Dickinson, H. (2014). Partnership working in health and social care "
                         "(2nd ed.). Policy Press.")
    assert one(BOOK, "markdown") == ("Glasby, J., & Dickinson, H. (2014). *Partnership working in health and social "
                                     "care* (2nd ed.). Policy Press.")
    assert "<em>Partnership working in health and social care</em> (2nd ed.)" in one(BOOK, "html")


def test_article_italic_journal_and_volume_doi_without_full_stop():
    bib = r"""@article{s, author={Smith, Jane Ann and Jones, Kai}, year={2019}, title={Learning from incidents},
      journal={Journal of Nursing {Management}}, volume={27}, number={3}, pages={501-509}, doi={10.1111/jonm.12345}}"""
    assert one(bib) == ("Smith, J. A., & Jones, K. (2019). Learning from incidents. Journal of Nursing Management, "
                        "27(3), 501–509. https://doi.org/10.1111/jonm.12345")
    assert one(bib, "markdown").startswith("Smith, J. A., & Jones, K. (2019). Learning from incidents. "
                                           "*Journal of Nursing Management*, *27*(3), 501–509. [https://doi.org/")
    assert '<a href="https://doi.org/10.1111/jonm.12345">' in one(bib, "html")


def test_chapter_names_editors_initials_first_and_pages_after_the_book():
    bib = r"""@incollection{c, author={Checkland, Peter}, title={Soft systems methodology},
      booktitle={Systems approaches to managing change}, editor={Reynolds, Martin and Holwell, Sue},
      publisher={Springer}, address={London}, year={2010}, pages={191--242}}"""
    assert one(bib) == ("Checkland, P. (2010). Soft systems methodology. In M. Reynolds & S. Holwell (Eds.), "
                        "Systems approaches to managing change (pp. 191–242). Springer.")
    assert "(Eds.), <em>Systems approaches to managing change</em> (pp. 191–242)" in one(bib, "html")
    single = bib.replace(" and Holwell, Sue", "")
    assert "In M. Reynolds (Ed.), Systems" in one(single)


def test_edited_book_leads_with_its_editors():
    bib = "@book{e, editor={Reynolds, Martin and Holwell, Sue}, title={Systems approaches}, publisher={Springer}, " \
          "year={2010}}"
    assert one(bib) == "Reynolds, M., & Holwell, S. (Eds.). (2010). Systems approaches. Springer."


def test_report_with_number_and_institution():
    bib = "@techreport{t, author={Lee, Ann}, title={Falls on wards}, institution={NHS Improvement}, " \
          "address={London}, number={42}, year={2018}}"
    assert one(bib) == "Lee, A. (2018). Falls on wards (Technical Report No. 42). NHS Improvement."
    assert one(bib.replace("@techreport", "@report")) == "Lee, A. (2018). Falls on wards (Report No. 42). NHS Improvement."
    assert one(bib.replace("number={42}, ", "")) == "Lee, A. (2018). Falls on wards. NHS Improvement."


def test_corporate_author_that_is_also_the_publisher_is_named_once():
    bib = "@report{d, author={{Department of Health}}, title={Equity and excellence}, institution={Department of Health}, " \
          "year={2010}}"
    assert one(bib) == "Department of Health. (2010). Equity and excellence."
    assert cite("[@d]", bib) == "(Department of Health, 2010)"


def test_web_page_with_retrieval_date_else_just_the_url():
    bib = "@online{w, author={{NHS England}}, title={What are integrated care systems?}, organization={The King's Fund}, " \
          "url={https://example.org/ics}, urldate={2011-03-13}}"
    assert one(bib) == ("NHS England. (n.d.). What are integrated care systems? The King's Fund. "
                        "Retrieved March 13, 2011, from https://example.org/ics")
    undated = bib.replace(", urldate={2011-03-13}", "").replace("}, url", "}, year={2020}, url")
    assert one(undated) == "NHS England. (2020). What are integrated care systems? The King's Fund. https://example.org/ics"


def test_theses():
    assert one("@phdthesis{p, author={Okafor, Sam}, title={Care at home}, school={Open University}, year={2021}}") \
        == "Okafor, S. (2021). Care at home [Doctoral dissertation, Open University]."
    assert one("@mastersthesis{m, author={Ng, Li}, title={Ward rounds}, school={UCL}, year={2020}}") \
        == "Ng, L. (2020). Ward rounds [Master's thesis, UCL]."


def test_in_text_ampersand_in_parentheses_and_in_narrative():
    assert cite("[@g]", BOOK) == "(Glasby & Dickinson, 2014)"
    assert cite("@g argue", BOOK) == "Glasby and Dickinson (2014) argue"
    assert cite("[@g, p. 12]", BOOK) == "(Glasby & Dickinson, 2014, p. 12)"
    assert cite("Glasby and Dickinson [-@g]", BOOK) == "Glasby and Dickinson (2014)"
    assert cite("[see @g]", BOOK, "html") == '<a class="citation" href="#ref-g">(see Glasby &amp; Dickinson, 2014)</a>'


def test_three_or_more_authors_are_et_al_in_text_and_listed_up_to_twenty():
    bib = "@article{m, author={Ames, A. and Bell, B. and Cole, C.}, title={T}, journal={J}, year={2001}}"
    assert cite("[@m] and @m", bib) == "(Ames et al., 2001) and Ames et al. (2001)"
    assert one(bib) == "Ames, A., Bell, B., & Cole, C. (2001). T. J."
    twenty = " and ".join(f"Name{chr(65 + i)}, X." for i in range(20))
    assert one(f"@book{{e, author={{{twenty}}}, title={{T}}, year={{2001}}}}").startswith(
        "NameA, X., NameB, X., " + "".join(f"Name{chr(65 + i)}, X., " for i in range(2, 19)) + "& NameT, X. (2001).")
    many = " and ".join(f"Name{chr(65 + i)}, X." for i in range(23))
    listed = one(f"@book{{e, author={{{many}}}, title={{T}}, year={{2001}}}}")
    assert listed.startswith("NameA, X., ") and "NameS, X., . . . NameW, X. (2001)." in listed
    assert "NameT" not in listed and "&" not in listed


def test_corporate_authors_stay_whole_and_same_year_suffixes_follow_titles():
    bib = """@report{z, author={{Department of Health}}, title={Healthy lives}, year={2010}}
    @report{y, author={{Department of Health}}, title={A vision}, year={2010}}
    @report{x, author={{Department of Health}}, title={Equity and excellence}, year={2010}}"""
    assert refs(bib) == ["Department of Health. (2010a). A vision.", "Department of Health. (2010b). Equity and excellence.",
                         "Department of Health. (2010c). Healthy lives."]
    assert cite("[@z] [@y; @x]", bib) == "(Department of Health, 2010c) (Department of Health, 2010a, 2010b)"


def test_undated_works_by_one_author_get_nd_dash_suffixes():
    bib = """@online{b, author={{NHS England}}, title={Beta}, url={https://example.org/b}}
    @online{a, author={{NHS England}}, title={Alpha}, url={https://example.org/a}}"""
    assert refs(bib) == ["NHS England. (n.d.-a). Alpha. https://example.org/a",
                         "NHS England. (n.d.-b). Beta. https://example.org/b"]
    assert cite("[@a; @b] and @b", bib) == "(NHS England, n.d.-a, n.d.-b) and NHS England (n.d.-b)"


def test_accents_become_unicode_and_works_without_creators_lead_with_the_title():
    assert one(r"@book{s, author={Sch{\"o}n, Donald A.}, title={The reflective practitioner}, year={1983}, "
               r"publisher={Basic Books}}") == "Schön, D. A. (1983). The reflective practitioner. Basic Books."
    assert one("@book{k, title={Only a title}}", "markdown") == "*Only a title*. (n.d.)."
    assert one("@article{k, title={Only a title}, journal={J}, year={2000}}", "markdown") == "Only a title. (2000). *J*."


@pytest.mark.parametrize("kind", ["article", "book", "incollection", "inproceedings", "report", "online", "thesis",
                                  "patent", "inbook"])
def test_missing_fields_render_what_exists(kind):
    assert one(f"@{kind}{{k, author={{Doe, Jo}}}}") == "Doe, J. (n.d.)."


def test_style_is_found_by_name_and_through_pybtex():
    from pybtex.plugin import find_plugin

    assert isinstance(get_style("apa"), APAStyle)
    assert find_plugin("pybtex.style.formatting", "apa") is APAStyle
