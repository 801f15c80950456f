"""extract_html on small hand-written pages: body, metadata, hostile and broken markup."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.article import Page
from newsgraph.errors import NewsgraphError, NoContent
from newsgraph.extract import extract_page
from newsgraph.extract import html as html_module
from newsgraph.extract.html import extract_html
from support import FERRY_STORY

STORY = FERRY_STORY


def page(body: str, head: str = "", title: str = "Harbour council approves earlier winter ferries") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def story_html(paragraphs=STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def nav() -> str:
    return ("<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
            "<li><a href='/sport'>Sport</a></li></ul></nav></header>")


def test_title_loses_site_name_suffix():
    html = page(nav() + f"<article>{story_html()}</article>",
                head="<meta property='og:site_name' content='The Coastal Ledger'>",
                title="Harbour council approves earlier winter ferries | The Coastal Ledger")
    assert extract_html(html).title == "Harbour council approves earlier winter ferries"


def test_title_loses_site_name_prefix():
    html = page(f"<article>{story_html()}</article>",
                head="<meta property='og:site_name' content='Coastal Ledger'>",
                title="Coastal Ledger: Harbour council approves earlier winter ferries")
    assert extract_html(html).title == "Harbour council approves earlier winter ferries"


def test_byline_with_two_authors():
    body = (nav() + "<article><h1>Harbour council approves earlier winter ferries</h1>"
            "<p class='byline'>By Jane Doe and John Smith</p>" + story_html() + "</article>")
    assert extract_html(page(body)).authors == ["Jane Doe", "John Smith"]


def test_jsonld_author_and_date():
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Harbour council approves earlier winter ferries",
        "datePublished": "2024-11-05T18:30:00+00:00",
        "author": [{"@type": "Person", "name": "Maria Okafor"}],
    }
    head = f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    article = extract_html(page(f"<article>{story_html()}</article>", head=head))
    assert article.authors == ["Maria Okafor"]
    assert article.published.startswith("2024-11-05")


def test_no_byline_gives_no_authors():
    body = "<article><h1>Harbour council approves earlier winter ferries</h1><p>By</p>" + story_html() + "</article>"
    article = extract_html(page(body))
    assert article.authors == []


def test_date_from_article_published_time():
    head = "<meta property='article:published_time' content='2023-03-14T09:00:00Z'>"
    article = extract_html(page(f"<article>{story_html()}</article>", head=head))
    assert article.published[:10] == "2023-03-14"


def test_tags_from_meta_keywords():
    head = "<meta name='keywords' content='ferries, transport ,island life'>"
    article = extract_html(page(f"<article>{story_html()}</article>", head=head))
    assert article.tags == ["ferries", "transport", "island life"]


def test_title_keeps_a_long_subtitle_after_a_dash():
    html = page(f"<article>{story_html()}</article>",
                title="Harbour council approves earlier winter ferries – Two New Crossings for Shift Workers")
    assert extract_html(html).title == (
        "Harbour council approves earlier winter ferries – Two New Crossings for Shift Workers")


def test_title_drops_a_short_trailing_section():
    html = page(f"<article>{story_html()}</article>",
                title="Harbour council approves earlier winter ferries - Island News")
    assert extract_html(html).title == "Harbour council approves earlier winter ferries"


def test_title_drops_a_section_label_before_the_headline():
    body = f"<article><h1>Transport: Harbour council approves earlier winter ferries</h1>{story_html()}</article>"
    html = page(body, head="<meta property='og:site_name' content='The Coastal Ledger'>",
                title="Harbour council approves earlier winter ferries | The Coastal Ledger")
    assert extract_html(html).title == "Harbour council approves earlier winter ferries"


def test_shown_publication_date_beats_the_update_next_to_it():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1>"
            "<p><span>Updated: 9 January 2025</span> <span>Published 4 March 2024</span></p>"
            + story_html() + "</article>")
    assert extract_html(page(body)).published[:10] == "2024-03-04"


def test_date_from_an_unlisted_publication_meta():
    head = "<meta name='x-published-date' content='2022-06-30T08:00:00Z'>"
    article = extract_html(page(f"<article>{story_html()}</article>", head=head))
    assert article.published[:10] == "2022-06-30"


def test_dotted_iso_date_next_to_the_headline():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1><p>Essay - 2024.11.05</p>"
            + story_html() + "</article>")
    assert extract_html(page(body)).published[:10] == "2024-11-05"


def test_declared_account_named_after_a_role_is_kept():
    head = "<meta name='author' content='harbour_admin'>"
    assert extract_html(page(f"<article>{story_html()}</article>", head=head)).authors == ["harbour_admin"]
    head = "<meta name='author' content='admin'>"
    assert extract_html(page(f"<article>{story_html()}</article>", head=head)).authors == []


def test_byline_full_name_beats_a_declared_account_name():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1><p>By Maria Okafor</p>"
            + story_html() + "</article>")
    head = "<meta name='author' content='mokafor'>"
    assert extract_html(page(body, head=head)).authors == ["Maria Okafor"]


def test_contributors_label_names_the_author():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1>" + story_html()
            + "<div><strong>Contributors:</strong> Maria Okafor</div></article>")
    assert extract_html(page(body)).authors == ["Maria Okafor"]

def test_publication_named_in_the_byline_is_not_an_author():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1>"
            "<p>By Maria Okafor and Tom Reyes, The Coastal Ledger</p>" + story_html() + "</article>")
    html = page(body, head="<meta property='og:site_name' content='The Coastal Ledger'>")
    assert extract_html(html).authors == ["Maria Okafor", "Tom Reyes"]


def test_author_box_running_the_name_into_the_brand():
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "author": {"@type": "Person", "name": "Coastal Ledger"}}
    head = (f"<script type='application/ld+json'>{json.dumps(data)}</script>"
            "<meta property='og:site_name' content='Coastal Ledger'>")
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1>"
            "<div class='author-name'>Maria Okafor Coastal Ledger</div>" + story_html() + "</article>")
    assert extract_html(page(body, head=head)).authors == ["Maria Okafor"]

def test_dateline_beats_a_structured_date_shown_only_far_away():
    head = "<meta property='article:published_time' content='2025-01-31T12:00:00Z'>"
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1><p>March 1, 2017</p>"
            + story_html() + "</article><aside><p>Latest:</p><ul>"
            + "".join(f"<li>Item {i}</li>" for i in range(20)) + "<li>Notice of January 31, 2025</li></ul></aside>")
    assert extract_html(page(body, head=head)).published[:10] == "2017-03-01"

def test_author_box_with_name_above_the_biography():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1>" + story_html()
            + "<div class='post-author'><div>Maria Okafor</div><p>Maria Okafor has covered island transport "
            "and local politics for the paper since 2015, after ten years on the business desk.</p></div></article>")
    assert extract_html(page(body)).authors == ["Maria Okafor"]

def test_cut_jsonld_headline_gives_way_to_the_full_title():
    full = "Harbour council approves earlier winter ferries after a year of complaints from island shift workers"
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": full[:60]}
    head = (f"<script type='application/ld+json'>{json.dumps(data)}</script>"
            f"<meta property='og:title' content='{full}'>")
    assert extract_html(page(f"<article>{story_html()}</article>", head=head, title=full)).title == full

def test_date_in_the_address_beats_a_utc_timestamp_a_day_later():
    head = "<meta property='article:published_time' content='2025-12-19T02:41:00+00:00'>"
    html = page(f"<article>{story_html()}</article>", head=head)
    article = extract_html(html, url="https://ledger.example/2025/12/18/harbour-ferries/")
    assert article.published[:10] == "2025-12-18"
    spelled = extract_html(page(f"<article>{story_html()}</article>"),
                           url="https://ledger.example/blog/2023/october/03/ferries/")
    assert spelled.published[:10] == "2023-10-03"

def test_body_split_across_sibling_containers_is_recovered():
    first, second = STORY[:3], STORY[3:]
    body = (nav() + "<main><article><h1>Harbour council approves earlier winter ferries</h1>"
            f"<div class='chunk'><div class='article-body'>{story_html(first)}</div></div>"
            "<div class='chunk'><div class='ad-slot'><a href='/ads'>Advertisement</a></div></div>"
            f"<div class='chunk'><div class='article-body'>{story_html(second)}</div></div>"
            "</article></main><footer><p>Contact us</p></footer>")
    article = extract_html(page(body))
    assert article.paragraphs == STORY


def _runs(monkeypatch) -> list[dict]:
    """The options of every trafilatura run, recorded as they happen."""
    calls: list[dict] = []
    real = html_module._run

    def recording(tree, url, **options):
        calls.append(options)
        return real(tree, url, **options)

    monkeypatch.setattr(html_module, "_run", recording)
    return calls


def _precision(calls: list[dict]) -> list[dict]:
    return [options for options in calls if options.get("favor_precision")]


def test_a_story_the_quick_run_holds_whole_is_not_extracted_twice(monkeypatch):
    calls = _runs(monkeypatch)
    article = extract_html(page(nav() + "<article><h1>Harbour council approves earlier winter ferries</h1>"
                                + story_html() + "</article>"))
    assert article.paragraphs == STORY
    assert _precision(calls) == [{"favor_precision": True, "fast": True}]


def test_a_short_story_the_quick_run_holds_whole_is_not_extracted_twice(monkeypatch):
    calls = _runs(monkeypatch)
    article = extract_html(page("<article><h1>Harbour council approves earlier winter ferries</h1>"
                                + story_html(STORY[:2]) + "</article>"))
    assert article.paragraphs == STORY[:2]
    assert _precision(calls) == [{"favor_precision": True, "fast": True}]


def test_a_quick_result_missing_much_of_the_prose_gets_the_full_precision_run(monkeypatch):
    calls = _runs(monkeypatch)
    article = extract_html(page("<article><h1>Harbour council approves earlier winter ferries</h1>"
                                + story_html(STORY[:2]) + "</article><div class='comments'>"
                                + story_html(STORY[2:]) + "</div>"))
    assert article.paragraphs == STORY[:2]
    assert _precision(calls) == [{"favor_precision": True, "fast": True}, {"favor_precision": True}]


def test_balanced_mode_runs_only_when_the_page_has_prose_enough_to_double_the_body(monkeypatch):
    calls = _runs(monkeypatch)
    short = "<article><h1>Harbour council approves earlier winter ferries</h1>" + story_html(STORY[:2]) + "</article>"
    extract_html(page(short))
    assert {} not in calls
    extract_html(page(short + "<div class='comments'>" + story_html(STORY[2:]) + "</div>"))
    assert {} in calls


def test_headline_and_prompts_are_not_body():
    body = ("<article><h1>Harbour council approves earlier winter ferries</h1>" + story_html(STORY[:3])
            + "<p>Read more: Island school gets a new roof</p>" + story_html(STORY[3:]) + "</article>")
    article = extract_html(page(body))
    assert article.paragraphs == STORY
    assert any(r.reason == "prompt" and "Read more" in r.text for r in article.removed)


def test_hostile_markup_yields_only_text():
    body = (
        "<article><h1>Harbour council approves earlier winter ferries</h1>"
        "<script>document.write('INJECTED SCRIPT TEXT'); alert('owned')</script>"
        "<style>p { color: red } .SECRETSTYLE { }</style>"
        "<iframe src='javascript:alert(1)'>IFRAME FALLBACK</iframe>"
        f"<p>{STORY[0]} <img src='x' onerror=\"alert('img')\"> <a href=\"javascript:alert('link')\">details</a></p>"
        + story_html(STORY[1:]) + "<p title='" + "A" * 200_000 + "'>" + STORY[0] + "</p></article>"
    )
    text = extract_html(page(body)).text
    assert "ferry timetable" in text
    for needle in ("INJECTED", "alert", "SECRETSTYLE", "IFRAME FALLBACK", "onerror", "javascript"):
        assert needle not in text


def test_page_without_body_raises_no_content():
    html = page(nav() + "<footer><a href='/about'>About</a></footer>")
    assert extract_html(html).text == ""
    with pytest.raises(NoContent):
        extract_page(Page(content=html.encode(), format="html"))


@pytest.mark.parametrize("html", [
    "<html><body><p>unclosed <b>bold <i>and <div>nested",
    "<<<>>></p></p></div>&&&;<!-- never closed",
    "<html><head><script type='application/ld+json'>{\"author\": [}</script></head><body></body></html>",
    "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</body></html>",
    "\x00\x01<html>\x0b</html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>declared</p></body></html>",
])
def test_malformed_markup_does_not_raise(html):
    extract_html(html)


MARKUP = st.lists(
    st.one_of(
        st.sampled_from(["<p>", "</p>", "<div class='article-body'>", "</div>", "<script>", "</script>",
                         "<h1>", "</h1>", "<time datetime='2020-01-02'>", "<meta name='author' content='",
                         "<a href='javascript:x()'>", "</a>", "&amp;", "&#x0;", "<!--", "-->", "<![CDATA[", "By ",
                         "<html>", "<body>", "<script type='application/ld+json'>{\"@type\": \"Article\", "]),
        st.text(min_size=0, max_size=40),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP)
def test_arbitrary_markup_raises_only_newsgraph_errors(html):
    try:
        article = extract_html(html)
    except NewsgraphError:
        return
    assert isinstance(article.text, str)
    assert all(isinstance(a, str) for a in article.authors)


def test_canonical_url_gives_the_id_and_source_but_a_home_page_does_not():
    from newsgraph import extract

    paragraphs = "".join(f"<p>Paragraph {n} of a story about harbour fees that keeps going for a while.</p>"
                         for n in range(6))
    page = ("<html><head><title>Harbour fees rise</title>{link}</head><body><article><h1>Harbour fees rise</h1>"
            + paragraphs + "</article></body></html>")
    declared = extract(page.format(link='<link rel="canonical" href="https://www.harbour.example/news/fees">'))
    assert declared.url == "https://www.harbour.example/news/fees" and declared.source == "harbour.example"
    home = extract(page.format(link='<link rel="canonical" href="https://www.harbour.example/">'))
    assert home.url is None
    given = extract(page.format(link='<link rel="canonical" href="https://www.harbour.example/news/fees">'),
                    url="https://mirror.example/fees")
    assert given.url == "https://mirror.example/fees" and given.source == "mirror.example"


def test_page_texts_read_captions_credits_alt_text_and_teaser_links():
    from lxml.html import fromstring

    tree = fromstring(page(
        "<figure><img src='a.jpg' alt='Ferry at dawn'><figcaption>The <b>early</b> ferry</figcaption></figure>"
        "<p class='photo-credit'>Photo: Jane Doe</p><h2>Ferry at dawn</h2><img src='b.jpg' alt='Council chamber'>"
        "<a href='/other'>Another <em>story</em> about winter ferries</a><a href='#top'>Back to the top of the page</a>"
        "<a href='/short'>Short</a>"))
    texts = html_module._PageTexts(tree)
    # an <img> alt that repeats a heading is that heading, not a caption
    assert texts.captions == {"the early ferry", "photo jane doe", "council chamber"}
    assert texts.links == {"another story about winter ferries"}
    for elem in tree.iter():
        assert html_module._text(elem) == elem.text_content()


@pytest.mark.parametrize("text, kept", [
    ("The ferry leaves at six. Click to Tweet", "The ferry leaves at six."),
    ("The ferry leaves at six. CLICK TO TWEET | ", "The ferry leaves at six."),
    ("Council approves the timetable [VIDEO]", "Council approves the timetable"),
    ("Council approves the timetable [Photos] |", "Council approves the timetable"),
    ("Council approves the timetable [draft]", "Council approves the timetable [draft]"),
    ("Readers were asked to tweet", "Readers were asked to tweet"),
])
def test_trailing_prompt_is_cut_from_a_paragraph(text, kept):
    assert html_module._TRAILING_PROMPT.sub("", text) == kept
