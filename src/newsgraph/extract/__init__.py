"""Page -> Article: decode the bytes, pick the extractor, fill in identity and provenance."""

from __future__ import annotations

from ..article import Article, Origin, Page, article_id, site_of
from ..errors import NoContent, UnsupportedFormat
from .decode import decode_bytes, sniff_format
from .html import extract_html
from .language import guess_language
from .text import extract_text

FORMATS = ("html", "text")
# Fewer words than this is a menu or an error page, not an article; a wire brief has 30 or more.
MIN_BODY_WORDS = 8
SHORT_BODY_WORDS = 50


def extract_page(page: Page) -> Article:
    """Clean one page into an Article (no NLP). Raises a NewsgraphError subclass on bad input."""
    content = decode_bytes(page.content)
    fmt = page.format or sniff_format(content)
    if fmt == "html":
        article = extract_html(content, url=page.url)
    elif fmt == "text":
        article = extract_text(content)
    else:
        raise UnsupportedFormat(f"unknown page format {fmt!r}; expected one of {FORMATS}")
    words = len(article.text.split())
    if words < MIN_BODY_WORDS:
        raise NoContent(f"no article body found on the page ({words} words of text)")
    if words < SHORT_BODY_WORDS:
        article.warnings.append(f"short body: {words} words")
    return finish(article, page)


def finish(article: Article, page: Page) -> Article:
    """Identity and provenance: what the container knew fills what the page did not say."""
    article.url = article.url or page.url
    article.published = article.published or page.published
    article.source = article.source or page.source or site_of(article.url)
    article.language = article.language or guess_language(article.text)
    article.origin = Origin(**{**vars(page.origin), "url": article.url or page.origin.url})
    article.id = article_id(article.url, article.title, article.text)
    return article


def extract(content: bytes | str, url: str | None = None, format: str | None = None) -> Article:
    """Clean one page given as bytes or str."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return extract_page(Page(content=data, url=url, format=format, origin=Origin(url=url)))
