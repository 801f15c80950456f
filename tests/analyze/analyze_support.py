"""Shared helpers for the analysis tests (a unique module name: test dirs have no __init__.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.article import Article, Mention

SEED = Path("/work/shared/seed/000_573080701504a3b0.txt")
SEED_PUBLISHED = "2014-11-24"  # a Monday


def seed_article(published: str | None = SEED_PUBLISHED) -> Article:
    """The seed page's clean body, cut by hand: the extractor is not this stage's business."""
    if not SEED.exists():
        pytest.skip(f"seed page {SEED} not available")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Iran has denied a Wall Street Journal report"))
    last = next(i for i, line in enumerate(lines) if line.endswith("Iran denies having any nuclear weapons ambitions."))
    paragraphs = [line for line in lines[first : last + 1] if line.strip()]
    assert len(paragraphs) == 7
    return Article.from_paragraphs(paragraphs, title=lines[0], published=published)


def mentions_in(text: str, *spans: tuple[str, str], field: str = "text") -> list[Mention]:
    """Mentions at the first occurrence of each (substring, label) after the previous one."""
    found, pos = [], 0
    for sub, label in spans:
        start = text.index(sub, pos)
        found.append(Mention(start, start + len(sub), sub, label, field))
        pos = start + len(sub)
    return found
