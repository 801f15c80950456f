"""HTML pages: one parse feeds the metadata reader and the body extractor.

The body is trafilatura's, run more than once and stitched. Precision mode is the most
accurate single setting on news pages, but it loses whole stretches of a story in two
ways: the story sits in several sibling containers (ads or embeds between the chunks)
and only the first is read, or a prose paragraph between two kept ones falls to a
heuristic. So the split containers are folded into one before extracting, and when the
precision result is short or has holes in it, recall mode runs too and its paragraphs
fill the holes. Precision mode first runs without its readability and jusText comparison,
which costs about a third of a run and only matters when the quick result leaves out much of the
page's prose. Lines that are not the story (prompts, teasers, captions, credits) are
dropped last, each into `Article.removed` with its reason.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from lxml import etree
from lxml.html import HtmlElement

from ..article import Article, Removed, site_of
from ..errors import ProcessingError
from .metadata import extract_metadata

LOGGER = logging.getLogger(__name__)

# Below this share of the recall-mode text, a precision result has missed the body (a
# paywall notice or one teaser kept instead of the story) and recall mode leads.
SPINE_MIN_SHARE = 0.3
# A quick precision result with less than this share of the page's prose (see _prose_length)
# gets the full run, whose comparison with readability and jusText catches a story it cut short.
QUICK_MIN_SHARE = 0.6
# Recall mode is only worth its cost when the precision result is short or has holes.
RECALL_BELOW = 1000
# A body this short after all that gets trafilatura's balanced cascade (readability and
# jusText comparisons, recall escalation), kept if it finds at least twice as much.
ESCALATE_BELOW = 1000
GAP_MIN_WORDS = 8
# A recall paragraph sharing more of its words with the spine is the same text rendered
# differently, not a missing one.
GAP_MAX_SHARED = 0.5
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]\s*$")


def extract_html(html: str, url: str | None = None) -> Article:
    """An Article from one HTML page; empty text when the page has no body to find."""
    tree = _parse(html)
    if tree is None:
        return Article(url=url, method="html", warnings=["the page could not be parsed as HTML"])
    meta = extract_metadata(tree, url)
    try:
        body = extract_body(tree, url, title=meta.title)
    except Exception as exc:  # a bug on one odd page must not stop a run
        raise ProcessingError(f"body extraction failed: {exc!r}") from exc
    url = url or meta.url
    return Article.from_paragraphs(
        body.paragraphs, url=url, source=site_of(url) or meta.site_name, title=meta.title, authors=meta.authors, published=meta.published,
        language=meta.language, tags=meta.tags, removed=body.removed, method=body.method,
    )


def _parse(html: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception as exc:  # lxml and trafilatura's repair step raise on some garbage
        LOGGER.debug("parse failed: %r", exc)
        return None


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    method: str = "trafilatura"


def extract_body(tree: HtmlElement, url: str | None = None, title: str | None = None) -> Body:
    steps = ["precision"]
    prose = _prose_length(tree)  # what any run could find; it decides which runs are worth their cost
    precise = _precision(tree, url, prose)
    blocks = _blocks(tree)
    merged = _merge_split_containers(tree, precise, blocks)
    if merged is not None:
        tree, blocks, prose = merged, _blocks(merged), _prose_length(merged)
        precise = _precision(tree, url, prose)
        steps.append("merged")
    paragraphs = precise
    if _length(precise) < RECALL_BELOW or _has_gaps(precise, blocks):
        recall = _run(tree, url, favor_recall=True, fast=True)
        if _length(precise) < SPINE_MIN_SHARE * _length(recall):
            paragraphs = recall if _is_story(recall) else []
            steps.append("recall")
        else:
            paragraphs, filled = _fill_gaps(precise, recall)
            steps += ["gaps"] if filled else []
    # Balanced mode is kept only when it finds twice as much; a page without that much prose
    # outside links, menus and footers cannot give it, and the run would be wasted.
    if _length(paragraphs) < ESCALATE_BELOW and prose >= 2 * _length(paragraphs):
        balanced = _run(tree, url)
        if _length(balanced) > 2 * _length(paragraphs) and _is_story(balanced):
            paragraphs = balanced
            steps.append("balanced")
    kept, removed = clean_paragraphs(paragraphs, tree, title)
    return Body(kept, removed, "trafilatura:" + "+".join(steps))


def _precision(tree: HtmlElement, url: str | None, prose: int) -> list[str]:
    """Precision mode, with its readability and jusText comparison only when the quick result
    leaves out much of the page's prose (`prose`: `_prose_length(tree)`).

    The comparison costs about a third of a run and changes nothing when the quick result
    already holds the page's paragraphs, however short the story (aeb and wcxb: the same
    bodies to the word as running it on every short result).
    """
    quick = _run(tree, url, favor_precision=True, fast=True)
    if _length(quick) >= QUICK_MIN_SHARE * prose:
        return quick
    return _run(tree, url, favor_precision=True)


# Link texts (teasers), footers, asides and menus hold prose that is never the story. Most
# pieces are the whitespace between tags: testing their length first, in the XPath, spares
# the ancestor tests for them (twice as fast; string-length counts characters as len does).
_TEXT_PIECES = etree.XPath(f"//body//text()[string-length() > {2 * GAP_MIN_WORDS} and not(parent::script"
                           " or parent::style or ancestor::a or ancestor::footer or ancestor::aside or ancestor::nav)]",
                           smart_strings=False)


def _prose_length(tree: HtmlElement) -> int:
    """Characters in the page's text pieces long enough to be prose (more than
    2 * GAP_MIN_WORDS characters and GAP_MIN_WORDS words), outside links, footers, asides and menus."""
    return sum(len(text) for text in _TEXT_PIECES(tree) if len(text.split()) >= GAP_MIN_WORDS)


def _run(tree: HtmlElement, url: str | None, **options) -> list[str]:
    """trafilatura's paragraphs for the tree (which it copies, not changes); [] on failure."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, **options)
    except Exception as exc:  # trafilatura raises assorted internals on odd trees
        LOGGER.debug("trafilatura failed on %s: %r", url, exc)
        return []
    if doc is None:
        return []
    return [" ".join(line.split()) for line in (doc.text or "").split("\n") if line.strip()]


def _length(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _text(elem: HtmlElement) -> str:
    """`elem.text_content()`; an element with no children is its own text, which spares the
    XPath evaluation that text_content runs (most <p> and <a> hold only text)."""
    return (elem.text or "") if not len(elem) else elem.text_content()


def _prose(text: str) -> bool:
    return len(text.split()) >= GAP_MIN_WORDS and bool(_SENTENCE_END.search(text))


def _is_story(paragraphs: list[str]) -> bool:
    """A harvest with no sentence in it and little text is a menu, not a story."""
    return any(_prose(p) for p in paragraphs) or sum(len(p.split()) for p in paragraphs) >= 100


def _fill_gaps(spine: list[str], recall: list[str]) -> tuple[list[str], bool]:
    """Recall-mode prose that sits between two spine paragraphs joins the spine in place."""
    spine_keys = [_key(p) for p in spine]
    recall_keys = [_key(p) for p in recall]
    known = set(spine_keys)
    anchors = [i for i, k in enumerate(recall_keys) if k in known]
    if len(anchors) < 2:
        return spine, False
    first, last = anchors[0], anchors[-1]
    out: list[str] = []
    filled = False
    for op, r1, r2, s1, s2 in SequenceMatcher(None, recall_keys, spine_keys, autojunk=False).get_opcodes():
        out.extend(spine[s1:s2])
        if op == "equal":
            continue
        replaced = set(" ".join(spine_keys[s1:s2]).split())
        for i in range(max(r1, first + 1), min(r2, last)):
            words = recall_keys[i].split()
            if _prose(recall[i]) and not (replaced and sum(w in replaced for w in words) > GAP_MAX_SHARED * len(words)):
                out.append(recall[i])
                filled = True
    return out, filled


# --- split containers ------------------------------------------------------------------


def _blocks(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """Every <p> of the page with its word key, in document order."""
    return [(elem, _key(_text(elem))) for elem in tree.iter("p")]


def _has_gaps(paragraphs: list[str], blocks: list[tuple[HtmlElement, str]]) -> bool:
    """Whether a prose-length <p> the extractor dropped sits between two it kept."""
    kept = {_key(p) for p in paragraphs}
    marks = [key in kept for _, key in blocks]
    if sum(marks) < 2:
        return False
    first, last = marks.index(True), len(marks) - 1 - marks[::-1].index(True)
    return any(not marks[i] and len(blocks[i][1].split()) >= GAP_MIN_WORDS for i in range(first + 1, last))


def _merge_split_containers(tree: HtmlElement, paragraphs: list[str],
                            blocks: list[tuple[HtmlElement, str]]) -> HtmlElement | None:
    """A copy of the tree with the story's sibling containers folded into one, or None.

    The container is the parent of most kept paragraphs; its siblings are the elements with
    the same tag and class at the same depth under a nearby common ancestor that hold prose
    the extractor did not keep.
    """
    kept = {_key(p) for p in paragraphs}
    weights: Counter = Counter()
    for elem, key in blocks:
        parent = elem.getparent()
        if key in kept and parent is not None:
            weights[parent] += len(key)
    if not weights:
        return None
    container, weight = weights.most_common(1)[0]
    if weight < 0.5 * sum(weights.values()) or not container.get("class"):
        return None
    group = _relatives(container, kept)
    if not group:
        return None
    clone = deepcopy(tree)
    roottree, clone_root = tree.getroottree(), clone.getroottree()
    found = [clone_root.xpath(roottree.getpath(elem)) for elem in group]
    if any(len(hits) != 1 for hits in found):
        return None
    head, *others = (hits[0] for hits in found)
    for other in others:
        head.extend(list(other))
        other.drop_tree()
    return clone


def _relatives(container: HtmlElement, kept: set[str]) -> list[HtmlElement]:
    """The container and its same-signature relatives in document order, or [] if none."""
    signature = (container.tag, container.get("class"))
    ancestor = container
    for depth in range(1, 4):
        ancestor = ancestor.getparent()
        if ancestor is None:
            return []
        level = [ancestor]
        for _ in range(depth):
            level = [child for elem in level for child in elem if isinstance(child.tag, str)]
        group = [elem for elem in level if (elem.tag, elem.get("class")) == signature
                 and (elem is container or _has_new_prose(elem, kept))]
        if len(group) > 1:
            return group
    return []


def _has_new_prose(elem: HtmlElement, kept: set[str]) -> bool:
    for p in elem.iter("p"):
        text = " ".join(p.text_content().split())
        if _prose(text) and _key(text) not in kept:
            return True
    return False


# --- lines that are not the story ----------------------------------------------------------

_PROMPT = re.compile(
    r"""^(?:
        (?:read|see|watch|listen)\s+(?:more|also|next|now)\b
      | (?:related|recommended|more|also\s+read|also\s+on\s+\S+|most\s+read|don'?t\s+miss|trending)\b
        \s*(?:[:|\-–—]|stories|articles|posts|reading|news|$)
      | you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested)
      | (?:like|enjoy(?:ed)?)\s+this\s+(?:story|article)\b
      | (?:share|tweet|email|print)\s+(?:this|on)\b
      | (?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletter|inbox|email|updates)
      | get\s+the\s+latest\b.{0,80}\b(?:inbox|newsletter|app)
      | follow\s+(?:us|\w+(?:\s+\w+)?)\s+on\s+(?:twitter|facebook|instagram)\b
      | (?:advertisement|sponsored(?:\s+content)?|click\s+to\s+tweet)$
      | (?:copyright|©|\(c\))\s
      | all\s+rights\s+reserved
    )""",
    re.I | re.X,
)
# Credit lines after the story ("Jane Doe contributed reporting", "Editing by ...").
_CREDIT = re.compile(
    r"""(?:contributed\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|article))
      | ^\(?(?:reporting|additional\s+reporting|writing|editing)\s+by\b
      | ^(?:source|photo|image|credit|photograph)s?\s*:)""",
    re.I | re.X,
)
_TRAILING_PROMPT = re.compile(
    r"\s*(?:click\s+to\s+tweet|\[(?:insight|video|reaction|pics?|photos?|news|warning)\])\s*\|?\s*$", re.I
)
# Elements that are captions or credits (a class test on the attributes only is a third faster
# than one on every element), and the alt texts of images.
_CAPTIONS = etree.XPath("//figcaption|//@class[contains(., 'caption') or contains(., 'credit')]/..")
_ALT_TEXTS = etree.XPath("//img/@alt", smart_strings=False)
_MAX_LINK_WORDS = 25
_MAX_CAPTION_WORDS = 40
_ADDRESS = re.compile(r"@|https?://|www\.", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?…]['\"’”)]?\s*$")


def clean_paragraphs(paragraphs: list[str], tree: HtmlElement, title: str | None) -> tuple[list[str], list[Removed]]:
    page = _PageTexts(tree)
    kept: list[str] = []
    removed: list[Removed] = []
    title_key = _key(title or "")
    for index, text in enumerate(paragraphs):
        stripped = _TRAILING_PROMPT.sub("", text)
        key = _key(stripped)
        words = len(key.split())
        reason = None
        if not key:
            reason = "no words"
        elif index == 0 and key == title_key:
            reason = "headline"
        elif _PROMPT.search(text):
            reason = "prompt"
        elif _CREDIT.search(text) and words < 40:
            reason = "credit"
        elif words <= _MAX_CAPTION_WORDS and key in page.captions:
            reason = "caption"
        elif (4 <= words <= _MAX_LINK_WORDS and not _ENDS_SENTENCE.search(stripped) and not text.startswith("- ")
              and not _ADDRESS.search(text) and key in page.links):
            # one link shaped like a headline is another story's teaser; a list of links
            # inside the body (sources, picks, steps) is content
            reason = "link"
        if reason:
            removed.append(Removed(text, reason))
            continue
        if stripped != text:
            removed.append(Removed(text[len(stripped):].strip(), "prompt"))
        kept.append(stripped)
    return kept, removed


class _PageTexts:
    """Caption and link texts of the page, read only once a paragraph needs them."""

    def __init__(self, tree: HtmlElement):
        self._tree = tree
        self._captions: set[str] | None = None
        self._links: set[str] | None = None

    @property
    def captions(self) -> set[str]:
        if self._captions is None:
            found = {_key(_text(elem)) for elem in _CAPTIONS(self._tree)}
            # alt text captions a photo, unless the page reuses a heading as alt text
            headings = {_key(_text(h)) for h in self._tree.iter("h2", "h3", "h4", "h5", "h6")}
            found |= {_key(alt) for alt in _ALT_TEXTS(self._tree)} - headings
            self._captions = found - {""}
        return self._captions

    @property
    def links(self) -> set[str]:
        if self._links is None:
            self._links = set()
            for anchor in self._tree.iter("a"):
                # in-page links are a table of contents: their text is the page's own headings
                if "#" in (anchor.get("href") or "#"):
                    continue
                key = _key(_text(anchor))
                if len(key) > 20:
                    self._links.add(key)
        return self._links
