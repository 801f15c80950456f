"""Headline spelling, shown author credits and attribute dates on small hand-written pages:
one test per rule, with the case that must not change beside it."""

from __future__ import annotations

from newsgraph.extract.bylines import split_byline
from newsgraph.extract.html import extract_html
from support import STORY_HTML as STORY


def page(h1: str, title: str = "", og_title: str = "", top: str = "", body_attrs: str = "", url: str | None = None,
         before: str = "") -> str:
    head = f"<title>{title}</title>" if title else ""
    head += f"<meta property='og:title' content=\"{og_title}\">" if og_title else ""
    head += "<meta property='og:site_name' content='Harbour Ledger'>"
    return (f"<html><head>{head}</head><body {body_attrs}>{before}<article><h1>{h1}</h1>{top}{STORY}"
            "</article></body></html>")


# --- headline spelling ---------------------------------------------------------------------


def test_line_break_in_headline_reads_as_a_space():
    html = page("Winter<br>ferries <span>return</span>", title="Winter ferries return | Harbour Ledger")
    assert extract_html(html).title == "Winter ferries return"


def test_headline_in_capitals_takes_the_declared_spelling():
    html = page("WINTER FERRIES RETURN TO THE ISLAND", title="Winter Ferries Return to the Island | Harbour Ledger")
    assert extract_html(html).title == "Winter Ferries Return to the Island"
    # a page that declares its headline in capitals too means them
    html = page("WINTER FERRIES RETURN", og_title="WINTER FERRIES RETURN", title="Winter Ferries Return | Harbour Ledger")
    assert extract_html(html).title == "WINTER FERRIES RETURN"


def test_characters_lost_to_encoding_are_taken_from_the_declared_title():
    html = page("The Ferryman? Guide? Winter Crossings", title="The Ferryman's Guide: Winter Crossings")
    assert extract_html(html).title == "The Ferryman's Guide: Winter Crossings"
    # a real question mark stays
    html = page("Will the ferries run? Council decides today",
                title="Will the ferries run this winter? Council decides | Harbour Ledger")
    assert extract_html(html).title == "Will the ferries run? Council decides today"


def test_ampersand_as_the_declared_title_writes_it():
    html = page("Ferries and Water Taxis: What Changes", title="Ferries & Water Taxis: What Changes")
    assert extract_html(html).title == "Ferries & Water Taxis: What Changes"


def test_page_title_that_adds_a_count_or_year_to_the_headline():
    html = page("Best Ferry Routes for Commuters", title="Best Ferry Routes for Commuters in 2025 | Harbour Ledger")
    assert extract_html(html).title == "Best Ferry Routes for Commuters in 2025"
    # other added words are a different title, and the shown headline stays
    html = page("Best Ferry Routes for Commuters", title="Best Ferry Routes for Commuters Tested | Harbour Ledger")
    assert extract_html(html).title == "Best Ferry Routes for Commuters"


def test_kicker_inside_the_headline_is_dropped_when_the_rest_is_declared():
    html = page("<div>Island stories</div> <span>Winter ferries return</span>",
                title="Winter ferries return | Harbour Ledger")
    assert extract_html(html).title == "Winter ferries return"


def test_host_name_run_into_the_title():
    html = ("<html><head><title>harbourledger.com Winter ferries return</title></head><body><article>"
            f"<h1>harbourledger.com</h1>{STORY}</article></body></html>")
    assert extract_html(html, url="https://harbourledger.com/2025/winter").title == "Winter ferries return"


# --- authors ---------------------------------------------------------------------------------


def test_author_class_in_any_case():
    html = page("Winter ferries return", top="<p class='styles__AuthorName-x1'>Jane Doe</p>")
    assert extract_html(html).authors == ["Jane Doe"]


def test_links_to_writer_profile_pages_are_the_authors():
    top = ("<div class='meta'><a href='/authors/jane-doe'>Jane Doe</a> and "
           "<a href='/authors/john-smith'>John Smith</a></div>")
    assert extract_html(page("Winter ferries return", top=top)).authors == ["Jane Doe", "John Smith"]
    # a profile link in a comment thread is a commenter
    top = "<div class='comments'><a href='/authors/jane-doe'>Jane Doe</a></div>"
    assert extract_html(page("Winter ferries return", top=top)).authors == []


def test_name_beside_an_avatar():
    top = "<p>Dec 26, 2025 <img class='avatar avatar-xs' src='a.png'> Mahua Das in <a href='/c'>Travel</a></p>"
    assert extract_html(page("Winter ferries return", top=top)).authors == ["Mahua Das"]
    top = "<div><picture><img class='Picture_avatar__x' src='a.png'></picture><span>Elise Nass</span></div>"
    assert extract_html(page("Winter ferries return", top=top)).authors == ["Elise Nass"]


def test_dateline_without_separator_before_the_name():
    assert split_byline("Dec 17, 2025 Julian K. Arni") == ["Julian K. Arni"]
    assert split_byline("Dec 17, 2025 · Julian K. Arni") == ["Julian K. Arni"]


def test_capital_on_belongs_to_the_name():
    assert split_byline("Written By Audiophile On", strict=False) == ["Audiophile On"]
    assert split_byline("By Jane Doe on March 3, 2025") == ["Jane Doe"]


# --- dates -------------------------------------------------------------------------------


def test_publication_date_in_a_data_attribute():
    html = page("Winter ferries return", body_attrs="data-pubdate='2022-10-05' data-lastmod='2025-12-02'")
    assert extract_html(html).published == "2022-10-05"
    assert extract_html(page("Winter ferries return")).published is None
