"""Attributions in one parsed text: cue, content and source, as character spans of the Doc.

A learned model picks the cues among the words that could be one; for each cue a second pair of
models picks, among the parts of the sentence that hang from it (its subject, its clause, what
"according to" governs, the clause a parenthetical "he said" sits in), the content and the
source. Quotations then widen a content that touches them to the whole quotation, the writer's
words around a quoted sentence are trimmed off (quotes.trim_to_quotes), a quotation two cues
claim goes to the nearer one, and a cue inside another attribution's content is dropped (only the
outermost attribution counts). Last, each cue takes in its verb group (cuespan.py).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.analyze.attributions.cuespan import cue_span
from newsgraph.analyze.attributions.features import (argument_candidates, argument_features_at, argument_vector,
                                                     cue_candidate_indices, cue_dense_scores, cue_features_at,
                                                     subtree_indices)
from newsgraph.analyze.attributions.layouts import layout_attributions
from newsgraph.analyze.attributions.lexicon import cue_lemma
from newsgraph.analyze.attributions.model import AttributionModels
from newsgraph.analyze.attributions.quotes import Quote, kind_of, mark_quotes, trim_to_quotes
from newsgraph.analyze.attributions.tokens import TokenTable, token_table



@dataclass
class Found:
    """One attribution in a Doc, before speakers are resolved. Offsets are into `doc.text`."""

    content: list[tuple[int, int]]
    cue: tuple[int, int]
    cue_token: int
    source: tuple[int, int] | None
    source_token: int | None
    kind: str
    confidence: float
    via: tuple[int, int] | None = None  # the medium: "IRNA" of "according to a report by IRNA"
    layout: bool = False  # a transcript line or signed quotation, read off the text
    cue_lemma: str = ""
    chosen: list[tuple[int, int]] | None = None  # the content before trim_to_quotes


def find_attributions(doc: Doc, models: AttributionModels) -> list[Found]:
    quotes = mark_quotes(doc)
    table = token_table(doc)
    quote_mask = doc.user_data["quote_mask"]
    dense = cue_dense_scores(doc, models.cue.dense)
    dense = None if dense is None else dense.tolist()  # the same floats, without a numpy scalar each
    candidates = [i for i in cue_candidate_indices(table) if table.lower[i] not in models.non_cues]
    if models.cue_bound is not None:  # leave out those that cannot reach the threshold (cuebound.py)
        candidates = models.cue_bound.reachable(table, candidates, quote_mask, dense)
    cues = []
    for i in candidates:
        p = models.cue.probability(cue_features_at(table, i, quote_mask),
                                   dense_score=None if dense is None else dense[i])
        if p >= models.cue.threshold:
            cues.append((doc[i], p))
    cues.sort(key=lambda item: (_depth(table, item[0].i), -item[1]))
    cue_tokens = {token.i for token, _ in cues}
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    accepted: set[int] = set()
    for token, probability in cues:
        if any(start <= token.idx < end for start, end in taken):
            continue  # inside another attribution's content: not annotated, not reported
        if token.lower_ == "according" and token.head.i in accepted:
            continue  # "X said, according to IRNA": the medium of X's attribution, not another one
        attribution = _arguments(token, probability, models, quotes, cue_tokens)
        if attribution is None:
            continue
        found.append(attribution)
        taken.extend(attribution.content)
        accepted.add(token.i)
    found = _share_out_quotes(doc, found, quotes)
    for extra in layout_attributions(doc, quotes, lambda content, cue, source: _from_layout(doc, quotes, content, cue, source)):
        # Whatever is said inside a transcript line or a signed quotation is the speaker's own
        # words: cues found in there give way; an attribution reaching in from outside wins.
        inside = [f for f in found if any(s <= f.cue[0] < e for s, e in extra.content)]
        outside = [f for f in found if f not in inside]
        if not any(s < e2 and s2 < e for s, e in extra.content for f in outside for s2, e2 in f.content):
            found = outside + [extra]
    found.sort(key=lambda f: f.cue[0])
    starts = table.idx
    for attribution in found:
        attribution.cue_lemma = cue_lemma(doc[attribution.cue_token], models.lemmas)
        if not attribution.layout:
            attribution.cue = _whole_cue(doc, attribution, starts)
    return found


def _whole_cue(doc: Doc, found: Found, starts: list[int]) -> tuple[int, int]:
    """The cue with its verb group ("often says", "complained about"), once content and source
    are final: until then the rules above reason about the cue word itself. `starts`: each
    token's character offset."""
    claimed: set[int] = set()
    for start, end in [*([found.source] if found.source else []), *found.content]:
        claimed.update(range(bisect_left(starts, start), bisect_left(starts, end)))  # tokens starting inside
    whole = cue_span(doc[found.cue_token], claimed)
    return min(whole[0], found.cue[0]), max(whole[1], found.cue[1])


def _from_layout(doc: Doc, quotes: list[Quote], content, cue, source) -> Found:
    cue_token = doc.char_span(*cue, alignment_mode="expand")
    source_span = doc.char_span(*source, alignment_mode="expand")
    return Found(content=content, cue=cue, cue_token=cue_token.root.i,
                 source=source, source_token=source_span.root.i if source_span is not None else None,
                 kind=_kind(doc, content), confidence=0.9, layout=True)


def _depth(table: TokenTable, i: int) -> int:
    depth = 0
    while table.dep[i] != "ROOT" and depth < 50:
        i = table.head[i]
        depth += 1
    return depth


def _arguments(cue: Token, probability: float, models: AttributionModels, quotes: list[Quote],
               cue_tokens: set[int] = frozenset()) -> Found | None:
    citation = _citation(cue)
    if citation is not None:
        return _cited(cue, probability, quotes, *citation)
    # "said X and called it Y", "said X, adding Y": the second cue is an attribution of its own.
    candidates = [c for c in argument_candidates(cue)
                  if not (c.relation in ("child:conj", "child:advcl") and c.root_index in cue_tokens)]
    doc = cue.doc
    table = token_table(doc)
    scored = []
    for candidate in candidates:
        features, vector = argument_features_at(table, cue.i, candidate), argument_vector(cue, candidate)
        scored.append((candidate, models.content.probability(features, vector),
                       models.source.probability(features, vector)))
    contents = [c for c, p_content, p_source in scored if p_content >= models.content.threshold and p_content > p_source]
    if not contents:
        return None
    mask = doc.user_data["quote_mask"]
    # Whoever speaks stands outside the quotation, unless the cue itself is quoted.
    sources = [(p_source, c) for c, p_content, p_source in scored
               if p_source >= models.source.threshold and p_source > p_content
               and (mask[cue.i] or not mask[c.root_index])]
    source = max(sources, key=lambda item: item[0])[1] if sources else None
    content_tokens = sorted({i for c in contents for i in c.indices} - (set(source.indices) if source else set()))
    content_tokens = _clip_trailing_clauses(doc, content_tokens)
    content_tokens = _clip_trailing_cues(doc, content_tokens, cue_tokens)
    if not content_tokens:
        return None
    cue_at = cue_span(cue)
    content = []
    for start, end in _runs(table, content_tokens):
        start, end = _widen_to_quotes(start, end, quotes)
        content.extend(_cut_out(doc.user_data["text"], start, end, cue_at, source))
    content = chosen = _merged(content)
    # Another speech word in the words trimming would drop ("with footage of Trump saying,
    # “...”") means the quotation may be that one's: leave such content as the models chose it.
    # A colon is a cue candidate too, but the one before a quotation only introduces it.
    others = [doc[i].idx for i in cue_tokens if i != cue.i and doc[i].is_alpha]
    content = trim_to_quotes(doc.user_data["text"], content, quotes, others)
    if not content:
        return None
    return Found(content=content, cue=cue_at, cue_token=cue.i,
                 source=(source.start_char, source.end_char) if source else None,
                 source_token=source.root_index if source else None, kind=_kind(doc, content),
                 confidence=round(probability, 3), via=_medium(cue) if source else None, chosen=chosen)


def _share_out_quotes(doc: Doc, found: list[Found], quotes: list[Quote]) -> list[Found]:
    """A quotation in the content of two attributions ("Obama told reporters that X. “...,” he
    said") is said by the one whose cue stands nearest to it; the other keeps the rest of what its
    models chose, or goes when nothing is left."""
    text = doc.user_data["text"]
    for quote in quotes:
        claimants = [f for f in found if any(s < quote.end and quote.start < e for s, e in f.content)]
        if len(claimants) < 2 or any(quote.start <= f.cue[0] < quote.end for f in claimants):
            continue
        nearest = min(claimants, key=lambda f: max(f.cue[0] - quote.end, quote.start - f.cue[1], 0))
        for other in claimants:
            if other is not nearest:
                rest = _cut_out(text, 0, len(text), (quote.start, quote.end), None)
                other.content = [piece for s, e in other.chosen or other.content for rs, re_ in rest
                                 if (piece := _strip(text, max(s, rs), min(e, re_)))[1] - piece[0] > 1]
                other.kind = _kind(doc, other.content)
    return [f for f in found if f.content]


# A clause after a comma at the end of the content is usually the writer's, not the source's:
# "he expects Clinton to recover, which forced her to leave early", "..., citing the risks".
_TRAILING_CLAUSES = {"advcl", "relcl", "parataxis", "conj", "appos", "acl"}
_CLAUSE_BREAKS = {",", ";", "—", "–", "--", "-"}


def _clip_trailing_clauses(doc: Doc, indices: list[int]) -> list[int]:
    chosen = set(indices)
    mask = doc.user_data.get("quote_mask") or [False] * len(doc)
    table = token_table(doc)
    for i in indices:
        relation = table.dep[i]
        if relation not in _TRAILING_CLAUSES or table.head[i] not in chosen or mask[i]:
            continue
        if relation == "conj" and not table.tag[i].startswith("VB"):
            continue  # "Smith and Jones": a list, not a second clause
        subtree = subtree_indices(doc, i)
        start = subtree[0]
        if start == 0 or table.text[start - 1] not in _CLAUSE_BREAKS or start - 1 not in chosen:
            continue
        if any(j in chosen for j in range(subtree[-1] + 1, max(chosen) + 1)) or mask[start - 1]:
            continue  # not at the end of the content
        chosen -= set(range(start - 1, subtree[-1] + 1))
    return sorted(chosen)


def _clip_trailing_cues(doc: Doc, indices: list[int], cue_tokens: set[int]) -> list[int]:
    """"He said he would order a review and warned against hackers": the parse often hangs the
    second speech verb inside the first one's content; a subjectless speech verb joined by "and"
    at the end of the content is the speaker's next attribution, not part of this one."""
    chosen = set(indices)
    table = token_table(doc)
    dep = table.dep
    for i in indices:
        if i not in cue_tokens or dep[i] != "conj" or not table.tag[i].startswith("VB") or table.head[i] not in chosen:
            continue
        if any(dep[child] in ("nsubj", "nsubjpass") for child in table.children(i)):
            continue
        subtree = subtree_indices(doc, i)
        start = subtree[0]
        if start == 0 or dep[start - 1] != "cc" or start - 1 not in chosen:
            continue
        if any(j in chosen for j in range(subtree[-1] + 1, max(chosen) + 1)):
            continue  # not at the end of the content
        chosen -= set(range(start - 1, subtree[-1] + 1))
    return sorted(chosen)


def _runs(table: TokenTable, indices: list[int]) -> list[tuple[int, int]]:
    """Character spans of the stretches of tokens, bridging gaps of punctuation only: parts of the
    sentence that are not content (an "according to" phrase between two quotations) stay out."""
    is_punct = table.is_punct
    runs: list[list[int]] = []
    for i in indices:
        if runs and all(is_punct[j] for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return [(table.idx[run[0]], table.end_char(run[-1])) for run in runs]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _kind(doc: Doc, content: list[tuple[int, int]]) -> str:
    return kind_of(doc.user_data["text"], content, doc.user_data["quote_chars"])


_CITING = {"cite", "cited", "cites", "citing", "quote", "quoted", "quotes", "quoting"}
_MEDIUM_PREPOSITIONS = {"according", "in", "on", "via", "through"}
_MEDIUM_LABELS = ("ORG", "PRODUCT", "WORK_OF_ART")


def _citation(cue: Token) -> tuple[Token, Token | None, Token] | None:
    """"The Journal cited an unnamed diplomat as saying X" (with "cited" or "saying" as the cue):
    the diplomat is the source, the Journal the medium, X the content."""
    citing = cue
    if cue.lower_ in ("saying", "say") and cue.head.lower_ == "as":
        citing = cue.head.head
    if citing.lower_ not in _CITING:
        return None
    quoted = next((c for c in citing.children if c.dep_ in ("dobj", "nsubjpass")), None)
    medium = next((c for c in citing.children if c.dep_ == "nsubj"), None)
    saying = next((g for c in citing.children if c.lower_ == "as" for g in c.children
                   if g.lower_ in ("saying", "say")), None)
    if quoted is None or saying is None:
        return None
    said = [c for c in saying.children if c.dep_ in ("ccomp", "dobj", "xcomp")]
    return (quoted, medium, said[0]) if said else None


def _cited(cue: Token, probability: float, quotes: list[Quote], quoted: Token, medium: Token | None,
           said: Token) -> Found:
    doc = cue.doc
    tokens = list(said.subtree)
    start, end = _widen_to_quotes(tokens[0].idx, _token_end(tokens[-1]), quotes)
    content = [(start, end)]
    quoted_span = _subtree_span(quoted)
    return Found(content=content, cue=cue_span(cue), cue_token=cue.i,
                 source=quoted_span, source_token=quoted.i, kind=_kind(doc, content),
                 confidence=round(probability, 3), via=_subtree_span(medium) if medium is not None else None)


def _subtree_span(token: Token) -> tuple[int, int]:
    tokens = [t for t in token.subtree if not t.is_punct] or [token]
    return tokens[0].idx, _token_end(tokens[-1])


def _medium(cue: Token) -> tuple[int, int] | None:
    """"said, according to a report carried by the official IRNA news agency": IRNA."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPOSITIONS:
            media = [t for t in child.subtree if t.ent_type_ in _MEDIUM_LABELS]
            if media:
                run = [t for t in media if t.i - media[0].i < 8]
                return run[0].idx, _token_end(run[-1])
    return None


def _token_end(token: Token) -> int:
    return token.idx + len(token.text)


def _widen_to_quotes(start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    for quote in quotes:
        if quote.start < end and start < quote.end:
            start, end = min(start, quote.start), max(end, quote.end)
    return start, end


def _cut_out(text: str, start: int, end: int, cue: tuple[int, int], source) -> list[tuple[int, int]]:
    """The content, split around a cue or source that sits inside it ("A," she said, "B.")."""
    holes = [cue] + ([(source.start_char, source.end_char)] if source else [])
    pieces = [(start, end)]
    for hole_start, hole_end in holes:
        next_pieces = []
        for s, e in pieces:
            if hole_start >= e or hole_end <= s:
                next_pieces.append((s, e))
                continue
            if hole_start > s:
                next_pieces.append((s, hole_start))
            if hole_end < e:
                next_pieces.append((hole_end, e))
        pieces = next_pieces
    return [piece for s, e in pieces if (piece := _strip(text, s, e))[1] - piece[0] > 1]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–-:"):
        end -= 1
    return start, end
