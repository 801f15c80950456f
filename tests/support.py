"""Shared helpers for the tests: paths and small hand-written pages."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEED = EXAMPLES / "seed" / "000_573080701504a3b0.txt"
# A council story of six paragraphs, for pages whose body is not what a test is about.
FERRY_STORY = [
    "The harbour council voted on Tuesday evening to replace the winter ferry timetable with a schedule "
    "that adds two early crossings, after a year of complaints from shift workers on the island.",
    "Councillors heard that the first boat of the day now leaves too late for nurses and cannery staff, "
    "who have been paying for water taxis or sleeping on the mainland during the week.",
    "The new timetable will cost the operator an extra crew for four months, a bill the council agreed "
    "to share after the operator warned it could not absorb the expense on its own.",
    "Residents who spoke at the meeting welcomed the change but asked for a review in the spring, when "
    "tourist traffic returns and the busiest crossings fill up well before departure.",
    "The operator said it would publish the revised schedule next week and sell tickets for the extra "
    "sailings from the start of the following month, once the crew has been hired.",
    "A spokesperson for the island residents association said the vote was the first good news on "
    "transport in years and thanked the councillors who had pressed for the change.",
]


STORY_HEADLINE = "Harbour council approves earlier winter ferries"
STORY_HTML = "".join(f"<p>{text}</p>" for text in FERRY_STORY[:3])


def story_page(top: str = "", head: str = "", jsonld: dict | None = None, filler: str = "", foot: str = "") -> str:
    """An HTML story page for metadata rules: `top` sits right under the headline, `filler` between
    it and the story, `foot` after the story; `jsonld` goes into the head as JSON-LD."""
    if jsonld is not None:
        head += f"<script type='application/ld+json'>{json.dumps(jsonld)}</script>"
    return (f"<html><head><title>{STORY_HEADLINE}</title>{head}</head><body><article><h1>{STORY_HEADLINE}</h1>"
            f"{top}{filler}{STORY_HTML}{foot}</article></body></html>")


def news_page(title: str, paragraphs: list[str], byline: str = "By Staff Writer") -> str:
    """A small hand-written flattened news page with some site chrome around it."""
    body = "\n\n".join(paragraphs)
    return f"Home\nWorld\nPolitics\n{title}\n\n{byline}\n\n{body}\n\nShare this article\nSubscribe to our newsletter\n"


def html_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright</footer></body></html>")


def prose(seed: int, sentences: int = 6) -> list[str]:
    """Distinct, article-like paragraphs for bulk tests, different for every seed."""
    people = ["Maria Lopez", "Tomas Berg", "Aiko Tanaka", "Samuel Okoro", "Lena Fischer", "Rahul Mehta"]
    places = ["Kenya", "Norway", "Chile", "Vietnam", "Canada", "Portugal"]
    out = []
    for i in range(3):
        person, place = people[(seed + i) % 6], places[(seed * 7 + i) % 6]
        words = [f"The ministry in {place} said on Tuesday that report number {seed}-{i} would be published soon.",
                 f"{person}, who leads the review, told reporters the findings were consistent with earlier work.",
                 f"Officials expect the plan to cost about {seed * 13 + i} million dollars over the next five years."]
        out.append(" ".join(words[: max(1, min(sentences, 3))]))
    return out
