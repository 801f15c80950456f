"""Flattened text pages: a line classifier keeps the body and routes the metadata lines."""

from __future__ import annotations

from ..article import Article


def extract_text(text: str) -> Article:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return Article.from_paragraphs(lines, method="text-lines")
