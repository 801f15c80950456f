"""The web UI in a real browser (headless Chromium) over the live server on the examples store: the reader's
path from the home page through search to an article, its speaker panel and an entity page; the
keyboard; the article page without JavaScript. Every page is watched for console errors (a blocked
inline script or style is one), uncaught exceptions and dialogs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import VIEWPORT, Watched, browser_context, browser, screenshot, scripts  # noqa: F401  (fixtures)

SEED_TITLE = "Iran denies that Khamenei replied to Obama letter on Islamic State"
AFKHAM_QUOTE = "There has been no new letter"


@pytest.fixture(scope="module")
def context(browser, live_server):
    with browser_context(browser) as context:
        yield context


@pytest.fixture
def watched(context, live_server):
    """A fresh page for each test, checked when the test is done."""
    watched = Watched(context, live_server.url)
    yield watched
    try:
        watched.check()
    finally:
        watched.page.close()


def api(watched: Watched, path: str):
    response = watched.page.request.get(watched.base_url + path)
    assert response.ok, path
    return response.json()


def test_home_search_article_panel_entity(watched, screenshot):
    page = watched.page

    # Home: the figures are the store's, and the most quoted speakers are listed.
    watched.goto("/")
    stats = api(watched, "/api/stats")
    figures = dict(zip(page.locator("dl.figures dt").all_inner_texts(), page.locator("dl.figures dd").all_inner_texts()))
    assert figures == {"Articles": f"{stats['articles']:,}", "Words": f"{stats['words']:,}",
                       "Sources": f"{stats['sources']:,}", "Entities": f"{stats['entities']:,}",
                       "Attributions": f"{stats['attributions']:,}"}
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Who said what, in {stats['articles']:,} articles")
    quoted = page.locator("h2:text-is('Most quoted') + ol.ranked > li")
    assert quoted.count() == 10
    assert all(re.fullmatch(r"\S.*\s+\d+", text, re.S) for text in quoted.all_inner_texts())
    expect(quoted.first.locator("a.entity")).to_have_attribute("href", re.compile(r"^/entities/\w+%3A"))
    expect(page.locator("h2:text-is('Latest articles') + ol.results > li.result")).to_have_count(10)
    screenshot(page, "home")

    # Search with the search box: typed, then submitted.
    box = page.locator("#home-q")
    expect(box).to_be_focused()  # autofocus
    box.press_sequentially("Khamenei")
    page.locator("form.big-search button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/search\?q=Khamenei$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Articles matching “Khamenei”")
    result = page.locator("li.result").filter(has=page.get_by_role("link", name=SEED_TITLE, exact=True))
    expect(result).to_have_count(1)
    highlighted = result.locator("p.snippet mark")
    assert highlighted.count() >= 1
    assert all(text.casefold() == "khamenei" for text in highlighted.all_inner_texts())
    expect(page.locator("#top-q")).to_have_value("Khamenei")
    screenshot(page, "search")

    # The article: attributions are highlighted in the text.
    result.get_by_role("link", name=SEED_TITLE).click()
    expect(page).to_have_url(re.compile(r"/articles/\w+$"))
    expect(page.locator("#article-title")).to_have_text(SEED_TITLE)
    marks = page.locator("#article-body mark.attr")
    assert marks.count() > 10
    assert page.locator("#article-body mark.role-cue").count() >= 1
    assert page.locator("#article-body mark.role-source").count() >= 1
    assert scripts(page) == ["/static/app.js"]
    panel = page.locator("#speaker-panel")
    expect(panel).to_be_hidden()

    # Select the Afkham quote by clicking its text (a piece of the mark without an entity link).
    piece = marks.filter(has_text=AFKHAM_QUOTE)
    expect(piece).to_have_count(1)
    assert piece.locator("a").count() == 0
    attribution = piece.get_attribute("data-a").split()[0]
    piece.click(position={"x": 8, "y": 6})
    expect(panel).to_be_visible()
    detail = panel.locator("dl.detail:visible")
    expect(detail).to_have_count(1)
    expect(detail).to_have_id(f"detail-{attribution}")
    expect(detail.locator(".panel-speaker")).to_have_text("Marzieh Afkham")
    expect(detail.locator(".panel-role")).to_have_text("Foreign Ministry spokeswoman")
    expect(detail.locator(".panel-via")).to_have_text("IRNA")
    expect(detail.locator(".panel-cue")).to_contain_text("said")
    expect(detail.locator(".panel-content")).to_contain_text(AFKHAM_QUOTE)
    expect(page.locator(f"table.who tr[id='{attribution}']")).to_have_class(re.compile(r"\bselected\b"))
    every_piece = page.locator(f"#article-body mark.attr[data-a~='{attribution}']")
    assert every_piece.count() == page.locator(f"#article-body mark.attr.selected[data-a~='{attribution}']").count() > 3
    assert page.locator("#article-body mark.attr.selected").count() == every_piece.count()
    expect(page).to_have_url(re.compile(r"/articles/\w+$"))  # the click did not navigate
    screenshot(page, "article-panel")

    # Close the panel, then select another attribution with its Show button in the who-said-what table.
    page.locator("#panel-close").click()
    expect(panel).to_be_hidden()
    assert page.locator(".selected").count() == 0
    page.locator("table.who tr").filter(has_text="unnamed Iranian diplomat").get_by_role("button", name="Show").click()
    expect(panel).to_be_visible()
    expect(panel.locator("dl.detail:visible .panel-speaker")).to_have_text("unnamed Iranian diplomat anonymous")

    # An entity link inside a highlighted quote still goes to the entity page.
    link = page.locator("#article-body mark.attr a.entity[href='/entities/person%3Aali-khamenei']").first
    expect(link).to_have_text("Supreme Leader Ayatollah Ali Khamenei")
    link.click()
    expect(page).to_have_url(re.compile(r"/entities/person%3Aali-khamenei$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ali Khamenei")
    profile = api(watched, "/api/entities/person%3Aali-khamenei")
    assert profile["name"] == "Ali Khamenei"
    check_timeline(page, profile)
    said_about = page.locator("h2:text-is('What was said about them') + ul.quotes > li.quote-row")
    assert said_about.count() == len(profile["said_about"]) >= 1
    expect(said_about.first.get_by_role("link", name=SEED_TITLE)).to_have_attribute(
        "href", re.compile(r"^/articles/\w+#A\d+$"))
    appears_with = page.locator("h2:text-is('Appears with') + ol.ranked > li")
    assert appears_with.count() == len(profile["appears_with"]) >= 1
    names = [row.locator("a.entity").inner_text() for row in appears_with.all()]
    assert {"Iran", "Barack Obama", "Marzieh Afkham"} <= set(names)
    screenshot(page, "entity")

    # An entity of dated articles draws its mentions per month.
    appears_with.get_by_role("link", name="United States", exact=True).click()
    expect(page).to_have_url(re.compile(r"/entities/gpe%3Aunited-states$"))
    profile = api(watched, "/api/entities/gpe%3Aunited-states")
    assert profile["timeline"], "the examples have dated articles mentioning the United States"
    check_timeline(page, profile)
    screenshot(page, "entity-timeline")


def check_timeline(page, profile: dict) -> None:
    """The timeline section agrees with the API's profile: a bar per month from the first to the last with
    mentions, each titled with its count; or the note that no article is dated."""
    section = page.locator("section.timeline")
    expect(section.get_by_role("heading", level=2)).to_have_text("Mentions over time")
    chart = section.locator("svg.chart")
    if not profile["timeline"]:
        expect(chart).to_have_count(0)
        expect(section).to_contain_text("No dated articles.")
        return
    expect(chart).to_be_visible()
    counts = {point["period"]: point["mentions"] for point in profile["timeline"]}
    first, last = min(counts), max(counts)
    expect(chart).to_have_attribute("aria-label", f"Mentions per month from {first} to {last}")
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    expect(chart.locator("rect.bar")).to_have_count(months)
    titles = chart.locator("g > title").all_text_contents()
    drawn = {t.split(":")[0]: int(t.split(": ")[1].split()[0]) for t in titles}
    assert {month: n for month, n in drawn.items() if n} == counts
    tallest = chart.locator("rect.bar").evaluate_all("bars => Math.max(...bars.map(b => b.getBBox().height))")
    assert tallest == pytest.approx(120)


def test_keyboard_selects_an_attribution(watched):
    page = watched.page
    watched.goto("/search?q=Khamenei")
    page.get_by_role("link", name=SEED_TITLE).click()
    expect(page.locator("#article-title")).to_have_text(SEED_TITLE)

    # Tab from the top of the page until a Show button has the focus.
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.select')"):
            break
    else:
        pytest.fail("no Show button was reached with Tab")
    focused = page.locator("button.select:focus")
    expect(focused).to_have_attribute("aria-label", "Show attribution 1")
    page.keyboard.press("Enter")
    panel = page.locator("#speaker-panel")
    expect(panel).to_be_visible()
    first = focused.get_attribute("data-a")
    expect(panel.locator("dl.detail:visible")).to_have_id(f"detail-{first}")

    # On to the next row's button (past its speaker's link), and Enter shows that one instead.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.select')"):
            break
    expect(page.locator("button.select:focus")).to_have_attribute("aria-label", "Show attribution 2")
    page.keyboard.press("Enter")
    detail = panel.locator("dl.detail:visible")
    expect(detail).to_have_count(1)
    expect(detail.locator(".panel-speaker")).to_have_text("Marzieh Afkham")
    expect(detail.locator(".panel-via")).to_have_text("IRNA")


def test_article_without_javascript(browser, live_server, screenshot):
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    try:
        watched = Watched(context, live_server.url)
        page = watched.page
        watched.goto("/search?q=Khamenei")
        page.get_by_role("link", name=SEED_TITLE).click()
        expect(page.locator("#article-title")).to_have_text(SEED_TITLE)
        rows = page.locator("table.who tbody tr")
        assert rows.count() >= 5
        afkham = rows.filter(has_text=AFKHAM_QUOTE)
        expect(afkham).to_have_count(1)
        expect(afkham).to_contain_text("Marzieh Afkham")
        expect(afkham).to_contain_text("Foreign Ministry spokeswoman")
        expect(afkham).to_contain_text("via IRNA")
        assert page.locator("#article-body mark.attr").count() > 10
        expect(page.locator("#speaker-panel")).to_be_hidden()
        # A link to one attribution still marks its row, by CSS alone.
        attribution = afkham.get_attribute("id")
        page.goto(page.url + "#" + attribution)
        expect(page.locator(f"table.who tr[id='{attribution}']:target")).to_have_count(1)
        screenshot(page, "article-no-js")
        watched.check()
    finally:
        context.close()


def test_other_pages_are_clean(watched):
    """The remaining pages load with their script only and nothing in the console (checked after)."""
    for path in ["/quotes", "/quotes?speaker=Marzieh+Afkham", "/entities", "/entities/person%3Amarzieh-afkham",
                 "/search", "/analyze"]:
        watched.goto(path)
        expect(watched.page.locator("main h1")).to_be_visible()
        assert scripts(watched.page) == ["/static/app.js"], path
        assert not watched.errors(), (path, watched.errors())


def test_missing_page_is_html_with_policy(watched):
    response = watched.page.goto(watched.base_url + "/articles/no-such-article")
    assert response.status == 404
    assert "default-src 'none'" in response.headers["content-security-policy"]
    expect(watched.page.get_by_role("heading", level=1)).to_have_text("Not found")
    # Chromium logs the 404 of the document itself as a failed resource; nothing else may be logged.
    document = [c for c in watched.console if c[2] == response.url]
    assert len(document) == 1 and "404" in document[0][1], watched.console
    watched.console.remove(document[0])


def test_api_docs_page(watched):
    """/docs runs Swagger UI from local assets under the same policy, and fetches the OpenAPI document."""
    with watched.page.expect_response(watched.base_url + "/openapi.json") as spec:
        watched.goto("/docs")
    assert spec.value.ok
    expect(watched.page.locator("#swagger-ui .swagger-ui")).to_be_attached()
    assert scripts(watched.page) == ["/docs/assets/swagger-ui-bundle.js", "/static/docs.js"]


def test_api_docs_render_the_operations(watched):
    watched.goto("/docs")
    title = watched.page.locator("#swagger-ui .info .title")
    title.or_(watched.page.get_by_text("Unable to render this definition")).first.wait_for()
    expect(title).to_contain_text("newsgraph", timeout=100)
    expect(watched.page.locator("#swagger-ui .opblock-summary-path").first).to_be_visible()
