"""A personal site's owner is the author of a page that credits nobody (extract/owner.py)."""

from __future__ import annotations

import pytest

from newsgraph.extract.html import extract_html
from support import STORY_HEADLINE as HEADLINE, STORY_HTML as STORY


def page(title: str, footer: str = "", byline: str = "", head: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{HEADLINE}</h1>{byline}{STORY}"
            f"</article><footer>{footer}</footer></body></html>")


@pytest.mark.parametrize("title, footer, owner", [
    (f"{HEADLINE} | Pierce Freeman", "", "Pierce Freeman"),
    (f"{HEADLINE} (Erik Demaine)", "", "Erik Demaine"),
    (HEADLINE, "© 2025 Toby Hede. All rights reserved.", "Toby Hede"),
    (HEADLINE, "Copyright 2019-2025 Cassidy J. Williams", "Cassidy J. Williams"),
])
def test_site_named_after_a_person_gives_the_author(title, footer, owner):
    assert extract_html(page(title, footer)).authors == [owner]


def test_owner_from_the_declared_site_name():
    head = "<meta property='og:site_name' content='Polly Barks'>"
    assert extract_html(page(f"{HEADLINE} — Polly Barks", head=head)).authors == ["Polly Barks"]


@pytest.mark.parametrize("title, footer", [
    (f"{HEADLINE} | The Wood Whisperer", ""),  # a publication, however personal its voice
    (f"{HEADLINE} | Quiet Light", ""),  # no first name
    (f"{HEADLINE} | Ava Community Energy", ""),  # a first name that starts an organisation's name
    (HEADLINE, "© 2025 Georgia Institute of Technology"),  # the holder's name goes on
    (HEADLINE, "Contact Toby Hede for details."),  # a name, but no copyright line
    ("Jane Doe | The Daily Ledger", ""),  # a profile page's own title names whom it is about
])
def test_site_not_named_after_a_person_gives_no_author(title, footer):
    assert extract_html(page(title, footer)).authors == []


def test_byline_beats_the_owner():
    byline = "<p class='byline'>By Jane Doe</p>"
    assert extract_html(page(f"{HEADLINE} | Pierce Freeman", byline=byline)).authors == ["Jane Doe"]
