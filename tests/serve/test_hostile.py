"""A hostile page, through the whole app in a real browser. pages/hostile.html carries script, event-handler
and javascript: markup both as real tags and as escaped text that survives extraction; it is ingested into
a copy of the examples store and opened on every page that shows it, and analysed through the /analyze
form. No dialog may open, nothing may reach the console, the markup must show as plain text, and the DOM
must hold no script but the app's own, no event-handler attribute and no javascript: link."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from browser_support import Watched, browser_context, browser, screenshot, scripts  # noqa: F401  (fixtures)
from live_server import LiveServer

HOSTILE = Path(__file__).parent / "pages" / "hostile.html"
LITERAL = "<script>alert(1)</script>"
QUOTE = "<script>alert(5)</script> is what we saw,"
WORD = "Harbourmoss"  # in the hostile page only


@pytest.fixture(scope="module")
def hostile_db(examples_db, tmp_path_factory):
    from newsgraph.pipeline import ingest

    copy = tmp_path_factory.mktemp("hostile") / "hostile.db"
    shutil.copy(examples_db, copy)
    report = ingest([str(HOSTILE)], db=str(copy), workers=1)
    assert (report.stored, report.failed) == (1, 0)
    return copy


@pytest.fixture(scope="module")
def hostile_server(hostile_db):
    from newsgraph.serve import create_app

    with LiveServer(create_app(hostile_db)) as server:
        yield server


@pytest.fixture(scope="module")
def article_id(hostile_server):
    import json
    from urllib.request import urlopen

    with urlopen(f"{hostile_server.url}/api/articles?q={WORD}") as response:
        items = json.load(response)["items"]
    assert len(items) == 1 and items[0]["title"].startswith(LITERAL)
    return items[0]["id"]


@pytest.fixture(scope="module")
def context(browser, hostile_server):
    with browser_context(browser) as context:
        yield context


@pytest.fixture
def watched(context, hostile_server):
    """A fresh page for each test; each test ends with `assert_inert` or `watched.check()`."""
    watched = Watched(context, hostile_server.url)
    yield watched
    watched.page.close()


def assert_inert(watched: Watched, *visible: str) -> None:
    """The page shows each of `visible` as text, runs nothing of the hostile page's, and is otherwise clean."""
    page = watched.page
    page.wait_for_load_state("load")
    text = page.inner_text("body")
    for literal in visible:
        assert literal in text, f"{literal!r} is not shown on {page.url}"
    expect(page.get_by_text(LITERAL).filter(visible=True).first).to_be_visible()
    assert scripts(page) == ["/static/app.js"], page.url
    found = page.evaluate("""() => {
        const found = [];
        for (const el of document.querySelectorAll("*")) {
            for (const attr of el.attributes) {
                const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
                if (attr.name.toLowerCase().startsWith("on")) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
                else if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"].includes(attr.name)
                         && (value.startsWith("javascript:") || value.startsWith("data:")))
                    found.push(`${el.tagName} ${attr.name}=${attr.value}`);
            }
        }
        for (const el of document.querySelectorAll("img, iframe, object, embed, frame, svg script, style, base, meta[http-equiv]"))
            found.push(el.outerHTML.slice(0, 120));
        return found;
    }""")
    assert found == [], f"{page.url}: {found}"
    assert page.locator("[onerror]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    watched.check()


def test_the_page_is_hostile(browser):
    """The control: loaded as itself in a browser, the fixture page does open dialogs, so the listener works
    and the page is worth the test."""
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.set_content(HOSTILE.read_text(encoding="utf-8"), wait_until="load")
        page.wait_for_timeout(200)
        assert {"1", "2"} <= set(dialogs), dialogs
    finally:
        context.close()


def test_article_page(watched, article_id, screenshot):
    page = watched.page
    watched.goto(f"/articles/{article_id}")
    expect(page.locator("#article-title")).to_have_text(f"{LITERAL} {WORD} council vote <img src=x onerror=alert(2)>")
    expect(page).to_have_title(f"{LITERAL} {WORD} council vote <img src=x onerror=alert(2)> · newsgraph")
    expect(page.locator("#article-body")).to_contain_text(f"messages such as {LITERAL}")
    expect(page.locator("#article-body")).to_contain_text("the text <img src=x onerror=alert(2)> instead")
    expect(page.locator(".meta")).to_contain_text("<img src=x onerror=alert(2)> Gazette")
    expect(page.locator("ul.tags")).to_contain_text("javascript:alert(3)")
    # The quote is an attribution of Jane Doe's; selecting it shows its text, still as text.
    row = page.locator("table.who tbody tr").filter(has_text=QUOTE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Jane Doe")
    row.get_by_role("button", name="Show").click()
    detail = page.locator("#speaker-panel dl.detail:visible")
    expect(detail.locator(".panel-speaker")).to_have_text("Jane Doe")
    expect(detail.locator(".panel-content")).to_contain_text(QUOTE)
    page.locator("#article-body mark.attr").filter(has_text=QUOTE).click(position={"x": 8, "y": 6})
    expect(detail.locator(".panel-content")).to_contain_text(QUOTE)
    screenshot(page, "hostile-article")
    assert_inert(watched, LITERAL, QUOTE, "<img src=x onerror=alert(2)>", "javascript:alert(3)")


def test_home(watched, article_id):
    watched.goto("/")
    latest = watched.page.locator("ol.results li.result").filter(has_text=WORD)
    expect(latest.get_by_role("link", name=f"{LITERAL} {WORD} council vote")).to_have_attribute(
        "href", f"/articles/{article_id}")
    expect(watched.page.locator("ol.results .meta").filter(has_text="Gazette").first).to_contain_text(
        "<img src=x onerror=alert(2)> Gazette")
    assert_inert(watched, LITERAL, "<img src=x onerror=alert(2)>")


def test_search_results(watched, article_id):
    page = watched.page
    watched.goto("/")
    page.locator("#home-q").press_sequentially(WORD)
    page.locator("#home-q").press("Enter")
    expect(page).to_have_url(re.compile(rf"/search\?q={WORD}$"))
    results = page.locator("ol.results li.result")
    expect(results).to_have_count(1)
    expect(results.locator("a.result-title")).to_have_text(f"{LITERAL} {WORD} council vote <img src=x onerror=alert(2)>")
    expect(results.locator("p.snippet mark").first).to_have_text(WORD)
    assert_inert(watched, LITERAL)


def test_search_for_the_markup_itself(watched, article_id):
    """The query is reflected in the title, heading and both search boxes: as text."""
    page = watched.page
    watched.goto("/search")
    page.locator("#search-q").fill(LITERAL)
    page.locator("#search-q").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Articles matching “{LITERAL}”")
    expect(page.locator("#search-q")).to_have_value(LITERAL)
    expect(page.locator("#top-q")).to_have_value(LITERAL)
    assert_inert(watched, LITERAL)


@pytest.mark.parametrize("path", ["/quotes?speaker=Jane+Doe", "/quotes"])
def test_quotes(watched, article_id, path):
    watched.goto(path)
    row = watched.page.locator("li.quote-row").filter(has_text=QUOTE)
    expect(row).to_have_count(1)
    expect(row.locator("blockquote")).to_contain_text(QUOTE)
    expect(row.locator(".speaker")).to_have_text("Jane Doe")
    expect(row.get_by_role("link", name=LITERAL)).to_have_attribute("href", re.compile(rf"^/articles/{article_id}#A\d+$"))
    assert_inert(watched, LITERAL, QUOTE)


def test_entity_page_of_the_speaker(watched, article_id):
    page = watched.page
    watched.goto(f"/articles/{article_id}")
    page.locator("ul.entity-list").get_by_role("link", name="Jane Doe", exact=True).click()
    expect(page).to_have_url(re.compile(r"/entities/person%3Ajane-doe$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jane Doe")
    said = page.locator("h2:text-is('What they said') + ul.quotes > li.quote-row")
    expect(said).to_have_count(1)
    expect(said.locator("blockquote")).to_contain_text(QUOTE)
    expect(page.locator("ol.results a.result-title")).to_have_text(f"{LITERAL} {WORD} council vote <img src=x onerror=alert(2)>")
    assert_inert(watched, LITERAL, QUOTE)


def test_analyse_form(watched):
    """The page pasted into /analyze (with a javascript: URL) comes back analysed, and as text."""
    page = watched.page
    watched.goto("/analyze")
    page.locator("#analyse-content").fill(HOSTILE.read_text(encoding="utf-8"))
    page.locator("#analyse-url").fill("javascript:alert(4)")
    with page.expect_navigation():
        page.get_by_role("button", name="Analyse").click()
    assert [(r.request.method, r.status) for r in watched.documents] == [("GET", 200), ("POST", 200)]
    expect(page.locator(".notice")).to_have_text("Analysed just now and not stored.")
    expect(page.locator("#article-title")).to_have_text(f"{LITERAL} {WORD} council vote <img src=x onerror=alert(2)>")
    expect(page.locator(".meta .original")).to_have_text("javascript:alert(4)")
    expect(page.locator("table.who tbody tr").filter(has_text=QUOTE)).to_contain_text("Jane Doe")
    assert_inert(watched, LITERAL, QUOTE, "javascript:alert(4)")


def test_analyse_form_reflects_what_it_could_not_analyse(watched):
    """What is sent back into the textarea cannot close it."""
    page = watched.page
    sent = f"</textarea>{LITERAL}<img src=x onerror=alert(2)>"
    watched.goto("/analyze")
    page.locator("#analyse-content").fill(sent)
    with page.expect_navigation():
        page.get_by_role("button", name="Analyse").click()
    assert watched.documents[-1].status == 422
    expect(page.locator(".problem")).to_contain_text("could not be analysed")
    expect(page.locator("#analyse-content")).to_have_value(sent)
    expect(page.locator("textarea")).to_have_count(1)
    # Chromium logs the document's own 422 as a failed resource; nothing else may be logged.
    document = [c for c in watched.console if c[2] == watched.documents[-1].url and "422" in c[1]]
    assert len(document) <= 1
    for entry in document:
        watched.console.remove(entry)
    # The sent markup is the textarea's value, not text of the page: look for it there.
    assert scripts(page) == ["/static/app.js"]
    assert page.locator("img, [onerror]").count() == 0
    watched.check()


def test_entity_key_in_the_url_is_text(watched):
    """A hostile key in an address gets a 404 page that shows it as text, with the policy."""
    response = watched.page.goto(watched.base_url + "/entities/" + quote(LITERAL, safe=""))
    assert response.status == 404
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert scripts(watched.page) == ["/static/app.js"]
    assert watched.page.locator("img, [onerror]").count() == 0
    document = [c for c in watched.console if c[2] == response.url and "404" in c[1]]
    assert len(document) == 1
    watched.console.remove(document[0])
    watched.check()
