"""Flattened text pages: a line classifier keeps the body and routes the metadata lines.

The input is what copy-all of a page gives: one line per block, menus and teasers included.
A trained classifier (see line_features.py and training/) scores each line, a two-state
smoother keeps the article as the mostly contiguous run it is, and the lines around the body
are searched for the headline, byline, date and tags. Every other line goes to `removed` with
a short reason, so every non-empty input line ends up either in `paragraphs` or in `removed`.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..article import Article, Removed
from .line_features import (MONTH_PATTERN as _MONTH, FEATURE_NAMES, STAGE2_NAMES, line_stats, line_words, page_features,
                            probability_features, vocab_features)
from .line_smoothing import evidence_weights, smooth

METHOD = "text-lines"
_HEADER_WINDOW = 15  # lines before the body searched for headline, byline and date
_FOOTER_WINDOW = 8

_BYLINE = re.compile(r"^(?:by|written by|posted by|words by|author:?)(?:\s+|$)", re.I)
# Where the names on a byline end: a separator, a handle, a date, or the words that lead into one.
_NAME_CUT = re.compile(rf"\s[-–—|/•·]\s|\s@|[|•·(]|\d|\b{_MONTH}\.?\s+\d|"
                       r"\b(?:updated|published|posted|on|in|for|at|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*", re.I)
_NAME_PARTICLES = frozenset("de da di du del della der den van von la le bin ibn al el dos das y".split())
# Words that show a byline names an outlet, a role or a page element rather than a person.
_NOT_NAME = frozenset("""
    home news menu share subscribe staff reuters associated press ap afp agency agencies bureau desk editor
    editors editorial team wire wires service services correspondent reporter writer contributor contributors
    times post media online network daily magazine journal herald tribune guardian cnn bbc group newsroom
    sign login search comments updated published view profile follow email twitter facebook more
    """.split())

_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:[ECMP][SD]T|GMT|UTC|BST|CET|IST))?)"
_DATE_TEXT = re.compile(
    rf"(?P<date>\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"
    r"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b)"
    rf"(?P<time>{_TIME})?", re.I)
_DATE_LABEL = re.compile(r"\b(?:published|posted|first published|date)\b", re.I)
_UPDATED = re.compile(r"\bupdated\b", re.I)
# The date text is already cut out by _DATE_TEXT, so only dateparser's absolute-date parser is needed.
_DATEPARSER_SETTINGS = {"PARSERS": ["absolute-time"]}

_FUNCTION_WORDS = frozenset("""
    about after also been before could does from have into just more most only other over said says should
    some than that their them then there these they this those through very were what when where which while
    will with would your""".split())
_BREADCRUMB = re.compile(r"\s[>»›/]\s|you are here|^[\w ]{2,20}:\S", re.I)
_TAGS_LABEL = re.compile(r"^(?:tags|topics|keywords|related tags|related topics|filed under)\s*(:?)\s*(.*)$", re.I)
_BULLET = re.compile(r"^(?:[*+•·▪o]|-)\s+")

# Why a line was dropped, by its words: (reason, whole words, phrases, word prefixes); first match wins.
# Plain set lookups: regular expressions over every removed line would cost more than the classifier.
_REASONS = [
    ("cookie-notice", "cookie cookies consent gdpr", "tracking technologies", ""),
    ("share-prompt", "share tweet facebook twitter pinterest linkedin whatsapp reddit", "", ""),
    ("subscribe-prompt", "register login", "sign up|sign in|log in", "subscri newsletter"),
    ("comments-prompt", "comment comments discussion conversation", "join the", ""),
    ("advertisement", "sponsored promoted affiliate", "", "advertis"),
    ("footer", "copyright privacy sitemap", "all rights reserved|terms of|contact us|about us", ""),
]
# Phrases and prefixes become substrings of " word word ... ": " sign up " matches whole words,
# " subscri" any word that starts so.
_REASON_TERMS = [(reason, frozenset(words.split()),
                  (*(f" {p} " for p in phrases.split("|") if p), *(f" {p}" for p in prefixes.split())))
                 for reason, words, phrases, prefixes in _REASONS]
_ALONE_SHARE = frozenset({"email", "e mail", "print", "copy link"})
_RELATED_MARKER = re.compile(r"^(?:[*+o]\s+)?(?:more news|related|more from|most popular|most read|most viewed|"
                             r"recommended|you may also like|you might also like|trending|top stories|"
                             r"read more|also read|more stories|latest|next up|read next|up next|popular)\b", re.I)
_CREDIT_LINE = re.compile(
    r"^(?:[*+o]\s+)?(?:photo(?:graph)?s?|images?|pictures?|credits?|video|illustration|source)\s*(?:by\b|:)|"
    r"getty images|shutterstock|\bap photo\b|/\s*(?:reuters|ap|afp|epa|getty)\b|\((?:image|photo|picture)s?:", re.I)
_CREDIT = re.compile(r"\b(?:getty|reuters|ap photo|afp|shutterstock|photo|image|credit|courtesy|file)\b|/", re.I)


def extract_text(text: str, *, model: LineModel | None = None) -> Article:
    """Clean one flattened page; `model` overrides the committed line classifier (training uses it)."""
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", text)]
    lines = [line for line in lines if line]
    keep, warnings = classify_lines(lines, model or default_model())
    body = [i for i, k in enumerate(keep) if k]
    start, end = (body[0], body[-1]) if body else (len(lines), len(lines) - 1)

    routed: dict[int, str] = {}
    tags, tag_lines = find_tags(lines, max(0, start - 3)) if body else ([], [])
    routed.update({i: "tags" for i in tag_lines})
    byline_at, authors = find_byline(lines, start, keep, routed)
    if byline_at is not None:
        routed[byline_at] = "byline"
    title_at = find_title(lines, start, keep, body, routed)
    if title_at is not None:
        routed[title_at] = "title"
    date_at, published = find_date(lines, start, end, keep, routed)
    if date_at is not None:
        routed[date_at] = "date"

    paragraphs: list[str] = []
    removed: list[Removed] = []
    after_marker = False
    for i, line in enumerate(lines):
        if i in routed:
            removed.append(Removed(line, routed[i]))
        elif keep[i]:
            paragraphs.append(line)
        else:
            if i > end and _RELATED_MARKER.match(line):
                after_marker = True
            removed.append(Removed(line, removal_reason(line, i, start, end, after_marker)))
    return Article.from_paragraphs(
        paragraphs, title=" ".join(lines[title_at].split()) if title_at is not None else None, authors=authors,
        published=published, tags=tags, removed=removed, method=METHOD, warnings=warnings)


def classify_lines(lines: list[str], model: LineModel) -> tuple[list[bool], list[str]]:
    """Which lines are article body, smoothed into mostly contiguous runs."""
    if not lines:
        return [], ["empty page"]
    probs = model.predict_lines(lines)
    keep = smooth(probs, model.switch_cost, model.leak, model.threshold, evidence_weights(lines, model.word_power))
    # Photo credits sit inside the body region and look like short prose; their wording gives them away.
    keep = [k and not (len(line.split()) <= 25 and _CREDIT_LINE.search(line)) for k, line in zip(keep, lines)]
    # No confident body means none: a guess would put menus or teasers into the knowledge base.
    return keep, ([] if any(keep) else ["no article body found"])


# --- the classifier ------------------------------------------------------------------------


class _Stage:
    """One standardised logistic regression."""

    def __init__(self, weights: dict):
        self.mean = np.asarray(weights["mean"], dtype=float)
        self.scale = np.asarray(weights["scale"], dtype=float)
        (layer,) = weights["layers"]
        self.coef = np.asarray(layer["W"], dtype=float)[:, 0]
        self.intercept = float(layer["b"][0])

    def __call__(self, features: np.ndarray) -> np.ndarray:
        raw = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))


class LineModel:
    """Line scorer loaded from JSON weights: a word table, a line classifier, optionally stacked
    with a second one that also sees the first one's scores of the neighbouring lines."""

    def __init__(self, weights: dict):
        if weights.get("features") != FEATURE_NAMES or weights.get("stage2_features", STAGE2_NAMES) != STAGE2_NAMES:
            raise ValueError("line model weights were trained on different features; retrain them")
        self.vocab: dict[str, float] = weights.get("vocab", {})
        self.stages = [_Stage(stage) for stage in weights["stages"]]
        smoothing = weights.get("smoothing", {})
        self.switch_cost = float(smoothing.get("switch_cost", 3.0))
        self.leak = float(smoothing.get("leak", 0.1))
        self.threshold = float(smoothing.get("threshold", 0.5))
        self.word_power = float(smoothing.get("word_power", 0.0))

    def predict_lines(self, lines: list[str]) -> np.ndarray:
        """Probability that each line is article body."""
        if not lines:
            return np.zeros(0)
        words = [line_words(line) for line in lines]
        return self.predict_proba(np.hstack([page_features(lines), vocab_features(words, self.vocab)]), words)

    def predict_proba(self, features: np.ndarray, words: list[set[str]]) -> np.ndarray:
        probs = self.stages[0](features)
        for stage in self.stages[1:]:
            probs = stage(np.hstack([features, probability_features(probs, words)]))
        return probs


@lru_cache(maxsize=1)
def default_model() -> LineModel:
    return LineModel(json.loads((Path(__file__).with_name("line_model.json")).read_text(encoding="utf-8")))


# --- metadata ------------------------------------------------------------------------------


def _header_range(start: int, n: int) -> range:
    return range(max(0, start - _HEADER_WINDOW), min(n, start + 3))


def find_byline(lines: list[str], start: int, keep: list[bool], routed: dict[int, str]) -> tuple[int | None, list[str]]:
    """The byline line near the top of the body and the names on it ("By" alone: no names)."""
    for i in _header_range(start, len(lines)):
        line = lines[i]
        if i in routed or not _BYLINE.match(line) or len(line.split()) > 20:
            continue
        if keep[i] and len(line.split()) > 12:
            continue  # a body sentence that happens to start with "By ..."
        return i, parse_byline(line)
    return None, []


def parse_byline(line: str) -> list[str]:
    rest = _BYLINE.sub("", line, count=1)
    rest = _NAME_CUT.split(rest, maxsplit=1)[0]
    names = []
    for part in _NAME_SPLIT.split(rest):
        tokens = [t.strip(".,;:'\"“”") for t in part.split()]
        tokens = [t for t in tokens if t]
        if not 2 <= len(tokens) <= 5:
            continue
        if any(t.lower() in _NOT_NAME for t in tokens):
            continue
        if all(t[0].isupper() or t.lower() in _NAME_PARTICLES for t in tokens) and tokens[0][0].isupper():
            names.append(" ".join(tokens))
    return names


def find_title(lines: list[str], start: int, keep: list[bool], body: list[int],
               routed: dict[int, str]) -> int | None:
    """The headline: a headline-shaped line shortly before the body that shares its words."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    lead = [i for i in body if i not in routed]
    lo = max(0, start - _HEADER_WINDOW) if body else 0
    hi = start if body else min(len(lines), 40)
    candidates = [i for i in range(lo, hi) if i not in routed and not keep[i]]
    # With nothing between headline and story, the classifier may have kept the headline.
    if len(lead) > 2 and not lines[lead[0]].endswith(("?", "!")):
        candidates.append(lead[0])
    best, best_score = None, 0.0
    for i in candidates:
        line = lines[i]
        if not _headline_shaped(line):
            continue
        body_words = {w for j in [j for j in lead if j != i][:4] for w in _content_words(lines[j])}
        words = _content_words(line)
        overlap = len(words & body_words) / len(words) if words and body_words else 0.0
        if body_words and not overlap:
            continue  # a headline shares words with its story; menus and prompts don't
        score = 0.2 + overlap + 0.3 * (counts[line] > 1) + 0.1 * (min(i, hi) - lo) / max(hi - lo, 1)
        if score > best_score:
            best, best_score = i, score
    return best


def _content_words(line: str) -> set[str]:
    return {w for w in line_words(line) if len(w) > 3 and w not in _FUNCTION_WORDS}


def _headline_shaped(line: str) -> bool:
    stats = line_stats(line)
    if not 3 <= stats["_words"] <= 30 or stats["bullet"] or stats["byline"] or stats["url"]:
        return False
    if _BREADCRUMB.search(line):
        return False
    if line.endswith((".", ":", ",", ";")) and not line.endswith("..."):
        return False
    if any(stats[f"kw_{name}_short"] for name in ("share", "subscribe", "cookie", "ad", "footer", "nav", "comments")):
        return False
    return not (stats["date"] and stats["_words"] <= 8) and stats["digit_ratio"] < 0.3


def find_date(lines: list[str], start: int, end: int, keep: list[bool],
              routed: dict[int, str]) -> tuple[int | None, str | None]:
    """The publication date: a date line near the top, a dateline, or a date line after the body."""
    lead = next((i for i in range(start, end + 1) if keep[i] and i not in routed), None)
    header = [i for i in _header_range(start, len(lines)) if i not in routed or routed[i] == "byline"]
    ranked = sorted(header, key=lambda i: (not _DATE_LABEL.search(lines[i]), bool(_UPDATED.search(lines[i])), i))
    footer = range(end + 1, min(len(lines), end + 1 + _FOOTER_WINDOW))
    for i in [*ranked, *footer]:
        if keep[i] and len(lines[i].split()) > 12:
            value = parse_date(lines[i][:80]) if i == lead else None  # a dateline opens the body
            if value:
                return None, value
            continue
        value = parse_date(lines[i])
        if value:
            return (None if routed.get(i) == "byline" else i), value
    return None, None


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (a datetime when a time is given), or None."""
    match = _DATE_TEXT.search(text)
    if not match:
        return None
    try:  # machine-written timestamps need no guessing (and dateparser takes milliseconds)
        parsed = datetime.fromisoformat(match.group(0))
    except ValueError:
        import dateparser  # slow to import; only pages with a date pay for it

        # Local only: dateparser never fetches anything, and a fixed language skips detection.
        parsed = dateparser.parse(match.group(0), languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    if match.group("time") or ":" in match.group("date"):
        return parsed.isoformat(timespec="minutes")
    return parsed.date().isoformat()


def find_tags(lines: list[str], first: int = 0) -> tuple[list[str], list[int]]:
    """A "Tags" label with its comma-separated (or bulleted) list, from line `first` on (a
    "Topics" heading in the menus above the story lists sections, not the story's tags)."""
    for i in range(first, len(lines)):
        line = lines[i]
        match = _TAGS_LABEL.match(line)
        if not match:
            continue
        colon, rest = match.groups()
        if rest:
            if colon or "," in rest:
                return _split_tags(rest), [i]
            continue
        if i + 1 < len(lines) and "," in lines[i + 1] and not _BULLET.match(lines[i + 1]):
            return _split_tags(lines[i + 1]), [i, i + 1]
        items = []
        for j in range(i + 1, min(len(lines), i + 31)):
            if not _BULLET.match(lines[j]):
                break
            items.append(j)
        if items:
            return _split_tags(", ".join(_BULLET.sub("", lines[j]) for j in items)), [i, *items]
    return [], []


def _split_tags(text: str) -> list[str]:
    tags: list[str] = []
    for item in re.split(r"\s*[,;|]\s*", text):
        item = item.strip(" .#")
        if item and len(item.split()) <= 8 and item not in tags:
            tags.append(item)
    return tags


def removal_reason(line: str, i: int, start: int, end: int, after_marker: bool) -> str:
    tokens = re.findall(r"\w+", line.lower())
    words, joined = set(tokens), f" {' '.join(tokens)} "
    if "©" in line:
        return "footer"
    if _CREDIT_LINE.search(line):
        return "credit" if len(tokens) <= 8 else "caption"
    for reason, terms, needles in _REASON_TERMS:
        if not terms.isdisjoint(words):
            return reason
        for needle in needles:
            if needle in joined:
                return reason
    if joined.strip() in _ALONE_SHARE:
        return "share-prompt"
    if _RELATED_MARKER.match(line) or after_marker:
        return "related-headlines"
    n_words = len(line.split())
    if start <= i <= end:
        return "credit" if n_words <= 6 and _CREDIT.search(line) else ("caption" if n_words > 6 else "inline")
    if _BULLET.match(line) or n_words <= 4:
        return "menu"
    return "low-score"

