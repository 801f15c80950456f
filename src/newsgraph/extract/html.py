"""HTML pages: trafilatura for the body, plus fixes where it is weak."""

from __future__ import annotations

import trafilatura

from ..article import Article


def extract_html(html: str, url: str | None = None) -> Article:
    doc = trafilatura.bare_extraction(html, url=url, favor_precision=True, with_metadata=True, as_dict=True)
    if not doc:
        return Article(method="trafilatura", url=url)
    paragraphs = [line.strip() for line in (doc.get("text") or "").split("\n") if line.strip()]
    return Article.from_paragraphs(
        paragraphs,
        url=url,
        title=doc.get("title"),
        authors=[a.strip() for a in (doc.get("author") or "").split(";") if a.strip()],
        published=doc.get("date"),
        language=doc.get("language"),
        tags=[t.strip() for t in _as_list(doc.get("tags")) if t.strip()],
        method="trafilatura",
    )


def _as_list(value) -> list[str]:
    if not value:
        return []
    return list(value) if isinstance(value, (list, tuple)) else str(value).split(",")
