"""Publication dates on small hand-written pages: which shown dates are datelines, and how
their labels weigh against the structured fields. One test per rule, with the case that
must not change beside it (more date rules in test_metadata_rules.py)."""

from __future__ import annotations

import html as html_escape
import json

from lxml import html as lxml_html

from newsgraph.extract.html import extract_html
from newsgraph.extract.shown_dates import shown_dates
from support import STORY_HEADLINE as HEADLINE, story_page as page


def published(html: str) -> str | None:
    return extract_html(html).published


def article(day: str) -> dict:
    return {"@type": "Article", "headline": HEADLINE, "datePublished": day}


# Enough short paragraphs to take what follows out of the headline's reach.
FAR = "".join(f"<p>Related story {n}</p>" for n in range(15))
OPEN_GRAPH = "<meta property='article:published_time' content='2025-07-24T06:31:58+00:00'>"


# --- which shown dates are datelines ------------------------------------------------------


def test_date_a_sentence_mentions_is_no_dateline():
    top = ("<p>The nomination process is now open and runs through July 31, 2025. Both "
           "self-nominations and peer submissions are welcome.</p>")
    assert published(page(top=top, head=OPEN_GRAPH))[:10] == "2025-07-24"


def test_dateline_under_the_headline_still_beats_the_declared_date():
    assert published(page(top="<p class='meta'>By Jane Doe · July 31, 2025</p>", head=OPEN_GRAPH)) == "2025-07-31"


def test_date_inside_a_sentence_across_inline_markup_is_no_dateline():
    # "as of <span>date</span>": one sentence, though the date has an element of its own
    top = "<p>Figures from the harbour office, as of <span>December 31, 2025</span>.</p>"
    assert published(page(top=top)) is None


def test_date_in_its_own_block_after_prose_is_a_dateline():
    top = "<p>Updates from the harbour office</p><div class='date'><span>December 31, 2025</span></div>"
    assert published(page(top=top)) == "2025-12-31"


def test_todays_date_in_an_opening_hours_box_is_no_dateline():
    assert published(page(top="<div>Today's hours</div><div>March 14, 2026</div>")) is None


def test_screen_reader_text_does_not_push_the_byline_away_from_the_headline():
    # an Open Graph date gives way to the dateline by the headline only when it is in reach
    head = "<meta property='article:published_time' content='2013-03-11T10:00:00+00:00'>"
    share = "".join(f"<span class='sr-only'>Share to network {n}</span>" for n in range(10))
    byline = "<p>Written by:</p><p>Jane Doe</p><p>Edited by:</p><p>John Roe</p><p>March 20, 2023</p>"
    assert published(page(top=share + byline, head=head)) == "2023-03-20"
    seen = share.replace("sr-only", "share")
    assert published(page(top=seen + byline, head=head))[:10] == "2013-03-11"


def test_numeric_date_reads_the_way_the_declared_date_says():
    top = "<p class='post-date'>09.10.2024</p>"
    tree = lxml_html.fromstring(page(top=top))
    assert [item.day for item in shown_dates(tree)] == ["2024-10-09"]  # day first after dots
    assert [item.day for item in shown_dates(tree, "2024-09-10")] == ["2024-09-10"]
    assert published(page(top=top, jsonld=article("2024-09-10T16:07:00.000Z")))[:10] == "2024-09-10"


# --- labels -------------------------------------------------------------------------------


def test_original_publication_note_beats_the_byline_date():
    top = "<p class='date'>30 Sep 2022, 11:07am</p>"
    foot = ("<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been "
            "regularly updated to keep the information current.</p>")
    assert published(page(top=top, foot=foot)) == "2019-09-26"
    assert published(page(top=top)) == "2022-09-30"


def test_date_labelled_published_beats_a_declared_date_never_shown():
    foot = FAR + "<div class='published'>Published <time datetime='2025-08-13'>August 13, 2025</time></div>"
    declared = article("2025-11-29T12:28:31-05:00")
    assert published(page(jsonld=declared, foot=foot)) == "2025-08-13"
    unlabelled = FAR + "<div class='footer-date'><time datetime='2025-08-13'>August 13, 2025</time></div>"
    assert published(page(jsonld=declared, foot=unlabelled)) == "2025-11-29T12:28:31-05:00"


def test_time_labelled_reviewed_is_no_publication_date():
    foot = FAR + ("<div><div class='label'>Date Last Reviewed:</div><div>"
            "<time datetime='2025-04-14T12:00:00Z'>April 2025</time></div></div>")
    assert published(page(foot=foot)) is None
    plain = FAR + "<div><time datetime='2025-04-14T12:00:00Z'>April 2025</time></div>"
    assert published(page(foot=plain))[:10] == "2025-04-14"


def test_last_updated_line_in_the_footer_is_no_publication_date():
    assert published(page(foot=FAR + "<footer>Last updated July 2, 2024</footer>")) is None
    # by the headline, an update is the only date the reader is given
    assert published(page(top="<p>Last updated July 2, 2024</p>")) == "2024-07-02"


def test_jsonld_and_open_graph_agreeing_on_the_first_publication_beat_a_shown_update():
    head = "<meta property='article:published_time' content='2024-10-15T18:50:03.000Z'>"
    top = "<p class='byline'>Updated on June 18, 2025 at 12:35 PM</p>"
    declared = article("2024-10-15T18:50:03+00:00")
    assert published(page(top=top, head=head, jsonld=declared))[:10] == "2024-10-15"
    # alone, the JSON-LD date gives way to the update (test_jsonld_date_gives_way_to_the_shown_update)
    assert published(page(top=top, jsonld=declared)) == "2025-06-18"


def test_jsonld_kept_in_a_meta_element_is_read():
    declared = html_escape.escape(json.dumps(article("2025-11-17T09:00:00-05:00")))
    head = f"<meta name='script:ld+json' content=\"{declared}\">"
    assert published(page(head=head)) == "2025-11-17T09:00:00-05:00"
    # a meta element of another name holding the same text is no JSON-LD
    assert published(page(head=head.replace("script:ld+json", "description"))) is None
