"""Line features for the text-mode line classifier (the classifier itself is in text.py).

A flattened page is a list of lines; whether a line belongs to the article depends as much on
its neighbours as on itself (a short line inside a run of long sentences is usually a subhead,
the same line among menu items is navigation). So each line gets a vector of its own surface
features, a few of its neighbours' and where it sits relative to the densest run of prose.

Only numpy and the standard library are used: scikit-learn is a training-time tool.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .line_smoothing import smooth

_WORD = re.compile(r"\w+")
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
# Scripts written without spaces: word counts undercount them, so length falls back to characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_SENTENCE_STOP = re.compile(r"[.!?。](?:\s|$)")
_BULLET = re.compile(r"^(?:[*+•·▪o]|-)\s")  # inscriptis marks list items with "* ", "+ ", "o "
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")
_URL_MARKS = ("www.", "WWW.", ".com", ".org", ".net", ".co.uk")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")
_HANDLE = re.compile(r"(?:^|\s)@\w")
MONTH_PATTERN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = re.compile(rf"\b{MONTH_PATTERN}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH_PATTERN}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
                   r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", re.I)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\d\s*[ap]\.?m\b", re.I)
_TIME_WORDS = frozenset("am pm est edt gmt utc bst ist cet ago".split())

_GLUED = re.compile(r"[a-z]{2}[.?!’”]?[A-Z][a-z]")
_COMMENT_META = re.compile(r"\b(?:says|said|wrote|writes|replied)\s*:$|\bat \d{1,2}:\d{2}\s*[ap]\.?m\b", re.I)

# Words and phrases (whole-word, any case) that mark page furniture rather than prose. Groups, not
# single words, so the model learns a handful of weights that transfer across sites.
_KEYWORD_GROUPS = {
    "share": "share|shares|tweet|facebook|twitter|pinterest|linkedin|whatsapp|reddit|email|e mail|print|"
             "flipboard|pocket|copy link|messenger|telegram",
    "subscribe": "subscribe|subscription|subscriber|subscribers|newsletter|newsletters|sign up|sign in|login|"
                 "log in|log out|register|account|premium|paywall|unlock|member|members",
    "cookie": "cookie|cookies|privacy|consent|gdpr|accept|tracking|browser",
    "ad": "advertisement|advertising|advertise|sponsored|promoted|adchoices|affiliate|commission",
    "related": "related|read more|more news|most popular|most read|most viewed|recommended|you may also like|"
               "you might also like|trending|more from|also read|see also|top stories|latest|more stories|"
               "next up|popular|headlines|read next|up next|in case you missed",
    "comments": "comment|comments|discussion|join the|conversation|replies|reply|commenting|post comment",
    "media": "photo|photos|photograph|image|images|getty|shutterstock|afp|video|videos|credit|caption|pictured|"
             "illustration|gallery|file photo|watch",
    "footer": "copyright|all rights reserved|terms of use|terms of service|terms and conditions|contact us|"
              "about us|career|careers|sitemap|rss|privacy policy|help|faq",
    "nav": "home|menu|search|skip to|close|next|previous|back to top|show more|load more|section|sections|"
           "follow us|navigation|main content|go to|click here|view all|see all|more|continue reading|"
           "signed in|playback|rating",
}
_KW_WORDS: dict[str, set[str]] = {}
_KW_PHRASES: dict[str, list[tuple[str, str]]] = {}  # by first word, so most lines check none
for _group, _entries in _KEYWORD_GROUPS.items():
    for _entry in _entries.split("|"):
        if " " in _entry:
            _KW_PHRASES.setdefault(_entry.split()[0], []).append((f" {_entry} ", _group))
        else:
            _KW_WORDS.setdefault(_entry, set()).add(_group)
_BYLINE = re.compile(r"^(?:by|written by|posted by|reporting by|author:?)\s", re.I)
_STOPWORDS = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had it its "
    "this that these those he she they we you i his her their our not no will would can could said says "
    "there which who what when if than then also about after into over more one".split())
_LONG = 10  # words: a line this long that ends a sentence is prose

BASE_NAMES = [
    "log_words", "log_chars", "w_0_1", "w_2_3", "w_4_6", "w_7_11", "w_12_19", "w_20_39", "w_40",
    "ends_sentence", "ends_colon", "starts_lower", "starts_quote", "bullet", "numbered", "punct_ratio",
    "digit_ratio", "caps_ratio", "allcaps", "stopword_ratio", "comma_rate", "log_sentences", "cjk",
    "url", "handle", "copyright_sign", "pipe", "byline", "date", "time", "prose", "glued", "comment_meta",
    "ellipsis", "bracketed", "bullet_long",
    *(f"kw_{name}" for name in _KEYWORD_GROUPS), *(f"kw_{name}_short" for name in _KEYWORD_GROUPS),
]
_CONTEXT_KEYS = ["log_words", "ends_sentence", "bullet", "prose", "punct_ratio", "caps_ratio", "stopword_ratio"]
_CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
STRUCTURE_NAMES = [
    *BASE_NAMES,
    *(f"ctx{off:+d}_{key}" for off in _CONTEXT_OFFSETS for key in ["exists", *_CONTEXT_KEYS]),
    "win3_prose", "win8_prose", "win3_words", "win8_words", "win20_prose",
    "rel_pos", "log_lines", "duplicate", "in_block", "log_before_block", "log_after_block",
    "block_rel_pos", "block_share", "rel_words", "after_related_marker", "comments_before",
    "in_sentence_block", "log_before_sentence_block", "log_after_sentence_block", "prose_share",
]
VOCAB_NAMES = ["vocab_mean", "vocab_max", "vocab_min", "vocab_cover", "vocab_short", "vocab_win1", "vocab_win3"]
FEATURE_NAMES = [*STRUCTURE_NAMES, *VOCAB_NAMES]


def line_stats(line: str) -> dict[str, float]:
    """Surface features of one stripped line, by name (plus "_words", its length in words)."""
    row, n_words = line_row(line)
    return {**dict(zip(BASE_NAMES, row)), "_words": n_words}


def line_row(line: str) -> tuple[list[float], int]:
    """Surface features of one stripped line in BASE_NAMES order, and its length in words.

    Written for speed (it runs on every line of every page): plain string methods first, and
    a regular expression only where a cheap test says it can match.
    """
    words = _WORD.findall(line)
    lowered = [w.lower() for w in words]
    n_chars = len(line)
    cjk = len(_CJK.findall(line)) if line and max(line) >= "\u3040" else 0
    n_words = max(len(words), round(cjk / 2.5)) if cjk else len(words)
    alpha = [w for w in words if w.isalpha()]
    ends = bool(_SENTENCE_END.search(line))
    spaces = line.count(" ")
    non_space = (n_chars - spaces) or 1
    digits = sum(map(str.isdigit, line)) if _DIGIT.search(line) else 0
    bullet = bool(_BULLET.match(line))
    first = line[:1]
    row = [
        math.log1p(n_words), math.log1p(n_chars),
        n_words <= 1, 2 <= n_words <= 3, 4 <= n_words <= 6, 7 <= n_words <= 11, 12 <= n_words <= 19,
        20 <= n_words <= 39, n_words >= 40,
        ends, line.endswith(":"), first.islower(), first in "\"“'‘«—–", bullet, bool(_NUMBERED.match(line)),
        len(_PUNCT.findall(line)) / non_space, digits / non_space,
        sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
        line.isupper(),
        sum(w in _STOPWORDS for w in lowered) / len(words) if words else 0.0,
        line.count(",") / (n_words or 1),
        math.log1p(len(_SENTENCE_STOP.findall(line))),
        cjk / (n_chars or 1),
        "://" in line or any(mark in line for mark in _URL_MARKS),
        "@" in line and bool(_HANDLE.search(line)),
        "©" in line, "|" in line,
        n_words <= 15 and bool(_BYLINE.match(line)),
        bool(digits and _DATE.search(line)),
        bool(digits and _TIME.search(line)) or not _TIME_WORDS.isdisjoint(lowered),
        ends and n_words >= _LONG,
        # "HeadlineThe summary": a teaser's title and standfirst run together when flattened.
        bool(_GLUED.search(line)),
        lowered == ["reply"] or (":" in line and bool(_COMMENT_META.search(line))),
        line.endswith(("...", "…")), first in "[(" and line[-1:] in "])",
        # A bulleted headline is a teaser; a bulleted word or two is a menu item.
        bullet and n_words >= 8,
    ]
    found: set[str] = set()
    joined = None
    for w in set(lowered):
        if w in _KW_WORDS:
            found |= _KW_WORDS[w]
        if w in _KW_PHRASES:
            joined = joined or f" {' '.join(lowered)} "
            found.update(group for phrase, group in _KW_PHRASES[w] if phrase in joined)
    short = n_words <= 8
    row += [name in found for name in _KEYWORD_GROUPS]
    row += [short and name in found for name in _KEYWORD_GROUPS]
    return row, n_words


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of `values` over each line's window of `radius` lines either side (cut at the edges)."""
    n = len(values)
    padded = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
    return (padded[hi] - padded[lo]) / (hi - lo)


def _dedupe_key(line: str) -> str:
    return " ".join(_WORD.findall(line.lower())[:12])


def prose_block(weights: list[float]) -> tuple[int, int]:
    """The contiguous run of lines with the largest total weight (maximum subarray)."""
    best, best_span = -math.inf, (0, -1)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = w, i
        else:
            total += w
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def line_words(line: str) -> set[str]:
    return {w.lower() for w in _ALPHA_WORD.findall(line)}


def vocab_features(words: list[set[str]], vocab: dict[str, float]) -> np.ndarray:
    """How body-like a line's words are, from a table of per-word log-odds learned in training.

    The table only holds words seen on several training pages, so it knows the vocabulary of
    page furniture ("share", "newsletter", "copyright") and of reporting ("said", "according"),
    and little of any one page's names or menus.
    """
    n = len(words)
    rows = np.zeros((n, 5))
    for i, line in enumerate(words):
        values = [vocab[w] for w in line if w in vocab]
        if values:
            mean = sum(values) / len(values)
            # Short lines are where furniture words decide; let the model weigh them apart.
            rows[i] = (mean, max(values), min(values), len(values) / len(line), mean if len(line) <= 8 else 0.0)
    if not n:
        return np.zeros((0, len(VOCAB_NAMES)))
    return np.column_stack([rows, _window_mean(rows[:, 0], 1), _window_mean(rows[:, 0], 3)])


def page_features(lines: list[str]) -> np.ndarray:
    """The structural feature matrix of a page's non-empty, stripped lines (one row per line)."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(STRUCTURE_NAMES)))
    known: dict[str, tuple[list[float], int]] = {}  # menus and bullets repeat within a page
    rows = [known.get(line) or known.setdefault(line, line_row(line)) for line in lines]
    base = np.array([row for row, _ in rows], dtype=float)
    ctx_cols = [BASE_NAMES.index(k) for k in _CONTEXT_KEYS]
    ctx = base[:, ctx_cols]
    words = np.array([n_words for _, n_words in rows], dtype=float)
    prose = base[:, BASE_NAMES.index("prose")]
    log_words = base[:, 0]

    blocks = []
    for off in _CONTEXT_OFFSETS:
        shifted = np.zeros((n, 1 + ctx.shape[1]))
        lo, hi = max(0, -off), min(n, n - off)
        if lo < hi:
            shifted[lo:hi, 0] = 1.0
            shifted[lo:hi, 1:] = ctx[lo + off:hi + off]
        blocks.append(shifted)

    # The body is the longest stretch of prose; a line's distance from it is a strong prior.
    start, end = prose_block([min(w, 40.0) / 10.0 - 0.8 for w in words])
    idx = np.arange(n, dtype=float)
    in_block = (idx >= start) & (idx <= end)
    before = np.log1p(np.maximum(start - idx, 0.0))
    after = np.log1p(np.maximum(idx - end, 0.0))
    block_len = max(end - start + 1, 1)
    block_rel = np.where(in_block, (idx - start) / block_len, 0.0)
    block_share = np.full(n, words[start:end + 1].sum() / (words.sum() or 1.0))
    # Captions and teasers recur (bulleted, truncated) in galleries and rails; body paragraphs don't.
    keys = [_dedupe_key(line) for line in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    duplicate = np.array([math.log(counts[key]) for key in keys])
    related_col = BASE_NAMES.index("kw_related_short")
    marker_seen = np.zeros(n)
    seen = 0.0
    for i in range(n):
        marker_seen[i] = seen
        if i > end and base[i, related_col]:
            seen = 1.0
    # Readers' comments read like prose; what gives them away is the run of "X says:" headers.
    comment_col = base[:, BASE_NAMES.index("comment_meta")]
    comments_before = np.log1p(np.concatenate([[0.0], np.cumsum(comment_col)[:-1]]))
    # Long lines without sentences (tag clouds, link lists) can win the block above; this one
    # only counts lines that end a sentence, so a lone article paragraph still stands out.
    sentence_start, sentence_end = prose_block((prose * np.minimum(words, 40.0) / 10.0 - 0.3).tolist())
    prose_words = prose * words
    page = np.column_stack([
        _window_mean(prose, 3), _window_mean(prose, 8), _window_mean(log_words, 3), _window_mean(log_words, 8),
        _window_mean(prose, 20), idx / n, np.full(n, math.log1p(n)), duplicate, in_block.astype(float),
        before, after, block_rel, block_share, np.log1p(words) - math.log1p(words.max()), marker_seen,
        comments_before, ((idx >= sentence_start) & (idx <= sentence_end)).astype(float),
        np.log1p(np.maximum(sentence_start - idx, 0.0)), np.log1p(np.maximum(idx - sentence_end, 0.0)),
        prose_words / (prose_words.sum() or 1.0),
    ])
    return np.hstack([base, *blocks, page])


STAGE2_NAMES = [
    "logit", *(f"logit{off:+d}" for off in _CONTEXT_OFFSETS), "mean2", "mean5", "mean10", "mean25",
    "max3", "share_before", "share_after", "p_block", "p_before_block", "p_after_block", "p_block_rel",
    "region", "region_distance", "region_run", "main_region", "topic_shared", "topic_support",
    "below_page_max", "page_rank",
]


def probability_features(probs: np.ndarray, words: list[set[str]]) -> np.ndarray:
    """What the first-stage scores of the neighbourhood say about a line (stacking input)."""
    n = len(probs)
    q = np.clip(probs, 1e-4, 1 - 1e-4)
    logit = np.log(q / (1 - q))
    cols = [logit]
    for off in _CONTEXT_OFFSETS:
        shifted = np.full(n, -5.0)  # off the page reads as confident boilerplate
        lo, hi = max(0, -off), min(n, n - off)
        if lo < hi:
            shifted[lo:hi] = logit[lo + off:hi + off]
        cols.append(shifted)
    cols += [_window_mean(q, radius) for radius in (2, 5, 10, 25)]
    padded = np.concatenate([[0.0], np.cumsum(q)])
    idx = np.arange(n)
    cols.append(np.lib.stride_tricks.sliding_window_view(np.pad(q, 3), 7).max(axis=1))
    total = padded[-1] or 1.0
    cols += [padded[idx] / total, (total - padded[idx + 1]) / total]
    start, end = prose_block((q - 0.5).tolist())
    fidx = idx.astype(float)
    cols += [((fidx >= start) & (fidx <= end)).astype(float), np.log1p(np.maximum(start - fidx, 0.0)),
             np.log1p(np.maximum(fidx - end, 0.0)),
             np.where((fidx >= start) & (fidx <= end), (fidx - start) / max(end - start + 1, 1), 0.0)]
    # A page whose article the first stage doubts scores all its lines low; relative to the
    # page's best line, its paragraphs still stand out.
    cols += [logit - logit.max(), np.argsort(np.argsort(-q, kind="stable"), kind="stable") / n]
    return np.column_stack([*cols, *_region_features(probs), *_topic_features(probs, words)])


def _topic_features(probs: np.ndarray, words: list[set[str]]) -> list[np.ndarray]:
    """How much of a line's vocabulary the rest of the probable body shares.

    Teasers and sidebars are about other stories; the article's own paragraphs keep coming
    back to the same names and terms.
    """
    content = [{w for w in line if len(w) > 3 and w not in _STOPWORDS} for line in words]
    mass: dict[str, float] = {}
    for q, line in zip(probs, content):
        for w in line:
            mass[w] = mass.get(w, 0.0) + q
    shared, support = np.zeros(len(content)), np.zeros(len(content))
    for i, (q, line) in enumerate(zip(probs, content)):
        if line:
            others = [mass[w] - q for w in line]
            shared[i] = sum(1 for m in others if m >= 0.5) / len(line)
            support[i] = math.log1p(sum(others) / len(line))
    return [shared, support]


def _region_features(probs: np.ndarray) -> list[np.ndarray]:
    """Where a line sits relative to the body regions a plain smoothing pass finds."""
    n = len(probs)
    inside = np.array(smooth(probs, 1.0, 0.1, 0.0), dtype=float)
    runs, run_id, current = [], np.full(n, -1), -1
    for i in range(n):
        if inside[i]:
            if i == 0 or not inside[i - 1]:
                runs.append(0)
                current += 1
            runs[current] += 1
            run_id[i] = current
    run_len = np.array([runs[r] if r >= 0 else 0 for r in run_id], dtype=float)
    main = np.array([r >= 0 and runs[r] == max(runs) for r in run_id], dtype=float)
    distance = np.full(n, float(n))
    last = None
    for i in range(n):  # two sweeps: distance to the nearest region line on either side
        last = i if inside[i] else last
        if last is not None:
            distance[i] = i - last
    last = None
    for i in range(n - 1, -1, -1):
        last = i if inside[i] else last
        if last is not None:
            distance[i] = min(distance[i], last - i)
    return [inside, np.log1p(distance), np.log1p(run_len), main]
