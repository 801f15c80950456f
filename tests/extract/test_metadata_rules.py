"""Publication dates and bylines on small hand-written pages: one test per rule, with the case
that must not change beside it."""

from __future__ import annotations

import json

import pytest

from newsgraph.extract.bylines import split_byline
from newsgraph.extract.html import extract_html
from support import STORY_HEADLINE as HEADLINE, STORY_HTML as STORY, story_page as page


def filler(words: int) -> str:
    return "<p>" + " ".join(["word"] * words) + "</p>"


# --- dates -------------------------------------------------------------------------------


def test_webpage_stamp_that_is_never_shown_is_no_publication_date():
    webpage = {"@type": "WebPage", "name": HEADLINE, "datePublished": "2019-12-12T14:07:03+00:00"}
    assert extract_html(page(jsonld=webpage)).published is None


def test_article_date_that_is_never_shown_is_kept():
    article = {"@type": "Article", "headline": HEADLINE, "datePublished": "2019-12-12T14:07:03+00:00"}
    assert extract_html(page(jsonld=article)).published[:10] == "2019-12-12"


def test_webpage_date_backed_by_article_meta_is_kept():
    webpage = {"@type": "WebPage", "name": HEADLINE, "datePublished": "2019-12-12T14:07:03+00:00"}
    head = "<meta property='article:published_time' content='2019-12-12T14:07:03+00:00'>"
    assert extract_html(page(head=head, jsonld=webpage)).published[:10] == "2019-12-12"


def test_open_graph_first_publication_beats_a_shown_update():
    head = ("<meta property='article:published_time' content='2016-02-25T23:48:16+00:00'>"
            "<meta property='article:modified_time' content='2025-04-01T10:00:00+00:00'>")
    html = page(top="<p class='meta'>Last updated on April 1, 2025</p>", head=head)
    assert extract_html(html).published[:10] == "2016-02-25"


def test_open_graph_date_gives_way_to_a_different_shown_date():
    # not labelled as an update and not the declared modification: the page's own dateline
    head = "<meta property='article:published_time' content='2013-03-11T10:00:00+00:00'>"
    html = page(top="<p class='meta'>March 20, 2023</p>", head=head)
    assert extract_html(html).published == "2023-03-20"


def test_jsonld_date_gives_way_to_the_shown_update():
    article = {"@type": "Article", "headline": HEADLINE, "datePublished": "2025-01-29T20:47:55+00:00"}
    html = page(top="<p class='meta'>Last updated: August 19, 2025</p>", jsonld=article)
    assert extract_html(html).published == "2025-08-19"


def test_shown_day_out_of_reach_of_any_time_zone_wins():
    article = {"@type": "BlogPosting", "headline": HEADLINE, "datePublished": "2025-12-19T22:02:58.705Z"}
    html = page(top="<p class='meta'>December 18, 2025</p>", jsonld=article)
    assert extract_html(html).published == "2025-12-18"


def test_shown_day_one_zone_away_keeps_the_exact_declared_time():
    article = {"@type": "BlogPosting", "headline": HEADLINE, "datePublished": "2025-12-19T03:00:00Z"}
    html = page(top="<p class='meta'>December 18, 2025</p>", jsonld=article)
    assert extract_html(html).published == "2025-12-19T03:00:00+00:00"


def test_iso_time_shown_in_the_byline_is_a_date():
    html = page(top="<p><span class='time'>2022-11-23T08:10+02:00</span></p>")
    assert extract_html(html).published == "2022-11-23"


def test_date_closest_to_the_headline_wins():
    html = (f"<html><head><title>{HEADLINE}</title></head><body><article><p>Dec 12, 2025</p>"
            f"<h1>{HEADLINE}</h1><p>one</p><p>two</p><p>three</p><p>four</p><p>five</p>"
            f"<p>Filed with notes from October 30, 2025</p>{STORY}</article></body></html>")
    assert extract_html(html).published == "2025-12-12"


# --- bylines -----------------------------------------------------------------------------


def test_byline_under_headline_beats_a_declared_stranger():
    article = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Person", "name": "Luke Daigle"}}
    html = page(top="<p class='byline'>By: Paul Fenaroli</p>", jsonld=article)
    assert extract_html(html).authors == ["Paul Fenaroli"]


def test_far_byline_does_not_replace_the_declared_author():
    # a "By ..." line deep in the page credits a quote or a sidebar, not the story
    article = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Person", "name": "Luke Daigle"}}
    html = page(filler=filler(80) + "<p>By Paul Fenaroli</p>", jsonld=article)
    assert extract_html(html).authors == ["Luke Daigle"]


def test_by_line_above_the_headline_is_no_byline():
    # menus and filters sit above the headline; the search for a byline starts at the <h1>,
    # and goes on past the container that holds it
    html = (f"<html><head><title>{HEADLINE}</title></head><body><nav><p>By Topic</p><p>By Jane Menu</p></nav>"
            f"<header><h1>{HEADLINE}</h1></header><div><p>By Paul Fenaroli</p></div>{STORY}</body></html>")
    assert extract_html(html).authors == ["Paul Fenaroli"]


def test_byline_outside_the_headline_container_still_counts_as_close():
    article = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Person", "name": "Luke Daigle"}}
    html = (f"<html><head><title>{HEADLINE}</title><script type='application/ld+json'>{json.dumps(article)}</script>"
            f"</head><body><header><div><h1>{HEADLINE}</h1></div></header><section><p>By Paul Fenaroli</p></section>"
            f"{STORY}</body></html>")
    assert extract_html(html).authors == ["Paul Fenaroli"]


def test_byline_that_names_the_declared_author_keeps_it():
    article = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Person", "name": "Jane Doe"}}
    html = page(top="<p>By Jane Doe</p>", jsonld=article)
    assert extract_html(html).authors == ["Jane Doe"]


def test_bylined_coauthors_extend_the_declared_one_despite_honorifics():
    article = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Person", "name": "Marna van der Merwe"}}
    html = page(top="<p>Written by Dr Marna van der Merwe , Dr Dieter Veldsman , Erik van Vulpen</p>", jsonld=article)
    assert extract_html(html).authors == ["Dr Marna van der Merwe", "Dr Dieter Veldsman", "Erik van Vulpen"]


def test_declared_organisation_is_one_name_whatever_it_joins():
    firm = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Organization", "name": "Morgan & Morgan"}}
    assert extract_html(page(jsonld=firm)).authors == ["Morgan & Morgan"]
    # people declared in one string are still several authors
    people = {"@type": "Article", "headline": HEADLINE, "author": {"@type": "Person", "name": "Jane Doe and John Smith"}}
    assert extract_html(page(jsonld=people)).authors == ["Jane Doe", "John Smith"]


def test_author_marked_review_credit_is_no_author():
    # the credit's remainder must not pass for a name either ("Trial Attorney")
    credit = "<div class='author-info'>Reviewed by Justin C. Meserole, Trial Attorney, on December 9, 2024.</div>"
    assert extract_html(page(foot=credit)).authors == []
    byline = "<div class='author-info'>By Justin C. Meserole, Staff Writer, on December 9, 2024.</div>"
    assert extract_html(page(foot=byline)).authors == ["Justin C. Meserole"]


@pytest.mark.parametrize("byline, names", [
    ("By Jane Doe | Reviewed by Dr. John Smith, Trial Attorney", ["Jane Doe"]),
    ("Photos by John Smith, Getty Images | By Jane Doe", ["Jane Doe"]),
])
def test_what_follows_a_credit_is_the_credited_persons(byline, names):
    assert split_byline(byline) == names


def test_scholarly_author_fields_are_surname_first():
    head = ("<meta name='citation_author' content='Roy, Aniruddha'>"
            "<meta name='citation_author' content='Kaufman, Jeff T.'>")
    assert extract_html(page(head=head)).authors == ["Aniruddha Roy", "Jeff T. Kaufman"]
    # elsewhere a comma still separates a name from what follows it
    assert extract_html(page(head="<meta name='author' content='Jane Doe, Staff Writer'>")).authors == ["Jane Doe"]


def test_lower_case_account_name_in_a_byline():
    assert split_byline("by jsteinhardt") == ["jsteinhardt"]
    assert split_byline("by whova | Apr 21, 2025") == ["whova"]


def test_sentence_or_address_after_by_is_no_account_name():
    assert split_byline("By focusing on the best tools, companies can streamline their work.") == []
    assert split_byline("by cart.com") == []


def test_noun_after_a_bare_author_label_is_no_account_name():
    # "Author names" in a checklist is a phrase; a colon or "by" makes it a credit
    assert split_byline("Author names") == []
    assert split_byline("Author: jdoe") == ["jdoe"]


def test_by_phrase_linked_inside_a_sentence_is_no_byline():
    sentence = "<p>An alternative to hourly work is billing clients <a href='/fixed'>by project</a>, as agreed.</p>"
    assert extract_html(page(filler=sentence)).authors == []
    # a byline link after its label still counts
    assert extract_html(page(top="<p>Posted on May 5, 2025 <a href='/u/jdoe'>by jdoe</a></p>")).authors == ["jdoe"]
    assert extract_html(page(top="<p>This entry was posted <a href='/u/jdoe'>by jdoe</a></p>")).authors == ["jdoe"]


def test_author_section_heading_is_no_name():
    box = "<h2>Author Spotlight</h2><p><a href='/authors/team'>The Upwork Team</a></p>"
    assert extract_html(page(foot=box)).authors == ["Upwork Team"]


@pytest.mark.parametrize("byline", ["Insights from Jane Doe", "Articles by Jane Doe", "More from Jane Doe",
                                    "Jane Doe - Product marketer", "Jane Doe | Content Strategist"])
def test_author_box_lead_in_and_job_title_are_not_the_name(byline):
    assert split_byline(byline) == ["Jane Doe"]


def test_dateline_in_front_of_the_name():
    assert split_byline("Dec. 19, 2025 · Niko Matsakis on behalf of the team") == ["Niko Matsakis"]
    assert split_byline("2025-12-19 | Jane Doe") == ["Jane Doe"]
