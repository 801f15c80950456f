"""Text mode: the flattened-page line classifier and the metadata routed around it."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import NoContent
from newsgraph.extract import extract
from newsgraph.extract.line_features import smooth
from newsgraph.extract.text import LineModel, default_model, extract_text, parse_byline, parse_date

SEED_NAME = "000_573080701504a3b0.txt"
_HERE = Path(__file__).resolve()
SEED_PATHS = [_HERE.parents[2] / "examples/seed" / SEED_NAME, _HERE.parents[3] / "shared/seed" / SEED_NAME]


def _seed_text() -> str:
    for path in SEED_PATHS:
        if path.exists():
            return path.read_text(encoding="utf-8")
    pytest.skip("seed page not found")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


# --- the seed page: exactly right --------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    text = _seed_text()
    return text, extract_text(text)


def test_seed_title_and_byline(seed):
    _, article = seed
    assert article.title == "Iran denies that Khamenei replied to Obama letter on Islamic State"
    assert article.authors == []


def test_seed_paragraphs_are_exactly_the_body(seed):
    text, article = seed
    lines = _lines(text)
    first = next(i for i, line in enumerate(lines) if line.startswith("Iran has denied a Wall Street Journal report"))
    last = next(i for i, line in enumerate(lines) if line.endswith("Iran denies having any nuclear weapons ambitions."))
    assert article.paragraphs == lines[first:last + 1]
    assert len(article.paragraphs) == 7
    assert article.text == "\n\n".join(article.paragraphs)


def test_seed_tags(seed):
    _, article = seed
    assert article.tags == ["Ayatollah Ali Khamenei", "Barack Obama", "United States", "Iran",
                            "Bashar al-Assad", "Nuclear", "Islamic state"]


def test_seed_tail_only_in_removed(seed):
    text, article = seed
    lines = _lines(text)
    tail = lines[lines.index("Join the Discussion"):]
    assert len(tail) > 5
    removed = {r.text for r in article.removed}
    fields = [article.title or "", article.published or "", *article.authors, *article.tags, *article.paragraphs]
    for line in tail:
        assert line in removed
        assert not any(line in value for value in fields), line
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Join the Discussion"] == "comments-prompt"
    assert reasons["More News"] == "related-headlines"
    assert article.method == "text-lines"
    assert article.warnings == []


def test_seed_through_extract_page():
    article = extract(_seed_text(), format="text")
    assert article.title == "Iran denies that Khamenei replied to Obama letter on Islamic State"
    assert len(article.paragraphs) == 7 and article.id


# --- hand-written pages -----------------------------------------------------------------

MENU = ["Skip to main content", "* Home", "* World", "* Politics", "* Business", "* Sport", "Search", "Sign in"]
BODY = [
    "The city council of Eastmere voted on Tuesday to close the old harbour bridge to heavy traffic after "
    "engineers found cracks in two of its supporting piers, officials said.",
    "\"We cannot wait for the bridge to fail before we act,\" the council's transport chief, Ilse Marten, told "
    "reporters after the vote. \"The inspection left us no real choice.\"",
    "Lorries will be diverted through the northern ring road from next month, a detour that local hauliers say "
    "will add up to forty minutes to each delivery in the port district.",
    "The bridge, which opened in 1962, carries about 30,000 vehicles a day. Repairs are expected to take at least "
    "two years and to cost more than 40 million euros, according to a council report.",
    "Opposition councillors accused the mayor of ignoring earlier warnings, a claim her office denied in a "
    "statement on Wednesday, saying every inspection had been acted on promptly.",
]
FOOTER = ["More News", "Harbour festival returns after three-year break", "Local team wins regional cup",
          "© 2024 Eastmere Courier. All rights reserved.", "* Privacy policy", "* Contact us"]


def page(*header: str, body: list[str] = BODY, after: list[str] = (), menu: list[str] = MENU) -> str:
    return "\n\n".join([*menu, "Eastmere closes harbour bridge to lorries after cracks found", *header,
                        *body, *after, *FOOTER])


def test_two_author_byline():
    article = extract_text(page("By Jane Doe and John Smith", "March 3, 2024"))
    assert article.authors == ["Jane Doe", "John Smith"]
    assert article.title == "Eastmere closes harbour bridge to lorries after cracks found"
    assert article.paragraphs == BODY
    assert {"By Jane Doe and John Smith": "byline"}.items() <= {r.text: r.reason for r in article.removed}.items()


def test_empty_byline_gives_no_authors():
    article = extract_text(page("By"))
    assert article.authors == []
    assert "By" not in article.paragraphs
    assert ("By", "byline") in {(r.text, r.reason) for r in article.removed}


def test_date_line_and_updated_line():
    assert extract_text(page("By Jane Doe", "March 3, 2024 10:42 AM")).published == "2024-03-03T10:42"
    assert extract_text(page("Updated: October 23, 2025")).published == "2025-10-23"


def test_dateline_inside_first_paragraph():
    body = ["EASTMERE, March 3, 2024 — " + BODY[0], *BODY[1:]]
    article = extract_text(page(body=body))
    assert article.published == "2024-03-03"
    assert article.paragraphs == body  # the dateline stays part of the story


def test_inline_tags():
    article = extract_text(page(after=["Tags: bridges, Eastmere, transport"]))
    assert article.tags == ["bridges", "Eastmere", "transport"]
    assert all("Tags" not in p for p in article.paragraphs)


def test_tag_label_line_then_list():
    article = extract_text(page(after=["Tags", "bridges, Eastmere"]))
    assert article.tags == ["bridges", "Eastmere"]


def test_cookie_notice_and_share_prompts_removed():
    cookie = ("We use cookies to improve your experience on our site. By continuing to browse you accept "
              "our use of cookies.")
    text = page(after=["Share this article", "Share on Facebook", "Tweet", "Subscribe to our newsletter"],
                menu=[cookie, "Accept", *MENU])
    article = extract_text(text)
    assert article.paragraphs == BODY
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons[cookie] == "cookie-notice"
    assert reasons["Share this article"] == reasons["Share on Facebook"] == reasons["Tweet"] == "share-prompt"
    assert reasons["Subscribe to our newsletter"] == "subscribe-prompt"
    assert reasons["© 2024 Eastmere Courier. All rights reserved."] == "footer"


def test_caption_and_credit_inside_body_removed():
    body = [*BODY[:2], "The old harbour bridge seen from the ferry terminal on Tuesday.",
            "Photo: Anna Holm/Eastmere Courier", *BODY[2:]]
    article = extract_text(page(body=body))
    assert "Photo: Anna Holm/Eastmere Courier" not in article.paragraphs
    assert article.paragraphs[:2] == BODY[:2] and article.paragraphs[-3:] == BODY[2:]


def test_page_without_clear_body():
    text = "\n".join([*MENU, "* Weather", "* Video", "Most popular", "* Quiz", "Log in", "Newsletter"])
    article = extract_text(text)
    assert article.paragraphs == []
    assert article.warnings == ["no article body found"]
    with pytest.raises(NoContent):
        extract(text, format="text")


def test_empty_and_blank_input():
    for text in ("", "\n\n \n", "   "):
        article = extract_text(text)
        assert article.paragraphs == [] and article.removed == [] and article.title is None


@pytest.mark.parametrize("line, names", [
    ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
    ("By", []),
    ("By Tess Bonn - 11/19/19 06:56 AM EST", ["Tess Bonn"]),
    ("By Jane Doe, Staff Writer", ["Jane Doe"]),
    ("By Reuters", []),
    ("By Associated Press", []),
    ("by Finian Cunningham", ["Finian Cunningham"]),
    ("By Anna de la Cruz | Updated 2 hours ago", ["Anna de la Cruz"]),
    ("By Joseph Tsidulko November 19, 2019, 7:47 PM EST", ["Joseph Tsidulko"]),
])
def test_parse_byline(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize("text, value", [
    ("Nov. 18, 2019", "2019-11-18"),
    ("Published 10:02 AM EST Nov 19, 2019", "2019-11-19"),
    ("First Published: Tuesday, 19 November 2019, 08:38 AM", "2019-11-19T08:38"),
    ("2019-11-18T10:00:00Z", "2019-11-18T10:00+00:00"),
    ("on Sunday", None),
    ("Call 202-628-8500", None),
])
def test_parse_date(text, value):
    assert parse_date(text) == value


def test_fast_enough():
    text = "\n".join([*MENU * 20, *BODY * 10, *FOOTER * 20])
    extract_text(text)  # load the model and dateparser once
    start = time.perf_counter()
    for _ in range(5):
        extract_text(text)
    assert (time.perf_counter() - start) / 5 < 0.25  # a few ms in practice; generous for loaded CI


def test_smoothing_bridges_a_doubtful_line_inside_the_body():
    probs = np.array([0.05, 0.1, 0.9, 0.95, 0.3, 0.9, 0.97, 0.05, 0.02])
    keep = smooth(probs, switch_cost=2.0, leak=0.2, threshold=0.2)
    assert keep == [False, False, True, True, True, True, True, False, False]
    assert smooth(np.array([]), 1.0) == []


def test_model_weights_must_match_the_features():
    with pytest.raises(ValueError):
        LineModel({"features": ["log_words"], "stages": []})
    model = default_model()
    assert model.vocab and len(model.stages) == 2


# --- properties ---------------------------------------------------------------------------

_POOL = [*MENU, *BODY, *FOOTER, "By", "By Jane Doe", "Tags", "Tags: a, b", "a, b, c", "March 3, 2024",
         "Share this article", "Join the Discussion", "* ", "o Menu", "+", ""]
_LINE = st.one_of(st.sampled_from(_POOL), st.text(max_size=80))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=40), st.sampled_from(["\n", "\r\n", "\n\n", "\r"]))
def test_every_line_is_kept_or_removed(lines, newline):
    text = newline.join(lines)
    article = extract_text(text)
    inputs = Counter(_lines(text))
    outputs = Counter(article.paragraphs) + Counter(r.text for r in article.removed)
    assert outputs == inputs
    assert all(reason for reason in (r.reason for r in article.removed))
    assert set(article.paragraphs) <= set(inputs)
    assert "By" not in article.authors and all(a.strip() for a in article.authors)
    if article.published:
        assert re.match(r"^\d{4}-\d{2}-\d{2}", article.published)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    article = extract_text(text)
    assert set(article.paragraphs) <= set(_lines(text))
