"""How far a cue reaches: the cue word with its "verb group", as PolNeAR annotates it.

The annotation guidelines keep the verb group together: auxiliaries, negation, particles and the
adverbs around the verb ("has repeatedly accused", "said sarcastically", "shot back"), and a
preposition that links the cue to its content ("complained about", "accused him of"). Cues are
scored by character overlap, so "often says" against a bare "says" is a miss. Each rule below was
counted on the train split's gold cues (verb-headed, the modifier next to the verb group and
outside content and source), kept only where annotators include it far more often than not:

- an adverb right before the verb group: included 1321 times, left out 75;
- an adverb right after it: 252 / 18;
- a preposition whose object is the content: 1854 / 116;
- the infinitive the content hangs from ("tries to draw", "appeared to suggest"): 367 / 2;
- a common noun object, when no clause beside it is the content ("issued a statement",
  "expressed concern about"): singular 552 / 99, plural 184 / 66; beside a content clause it is
  mostly whom the cue addresses ("told reporters that", plural 22 / 101), and proper names
  mostly recipients too (17 / 155), so those stay out;

A date after the verb ("said Friday": 114 / 94 on train, the other way on dev) and occasion
phrases ("said in an interview": 28 / 47, "in a statement": 45 / 27) split the annotators, and
stay out.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.analyze.attributions.features import CUE_PARTS


def cue_span(cue: Token, claimed: set[int] | None = None) -> tuple[int, int]:
    """Character span of the cue. `claimed`: indices of the tokens that are the attribution's
    content or source; the cue never reaches into them. Without it (content not chosen yet),
    only the cue word with its auxiliaries, negation and particle."""
    doc = cue.doc
    parts = [cue] + [child for child in cue.children if child.dep_ in CUE_PARTS and abs(child.i - cue.i) <= 3]
    if cue.lower_ == "according" and cue.i + 1 < len(doc) and cue.nbor(1).lower_ == "to":
        parts.append(cue.nbor(1))
    low, high = min(t.i for t in parts), max(t.i for t in parts)
    if claimed is not None and cue.tag_.startswith("VB"):
        low = _reach_left(cue, low, claimed)
        high = _reach_right(cue, high, claimed)
    elif claimed is not None and cue.lower_ != "according":
        high = _linking_preposition(cue, high, claimed)
    return doc[low].idx, doc[high].idx + len(doc[high].text)


def _free(tokens: list[Token], claimed: set[int]) -> bool:
    return bool(tokens) and not any(t.i in claimed or t.is_punct for t in tokens)


def _adverb(token: Token, cue: Token) -> bool:
    # "when", "how": a wh-adverb opens a clause, it does not modify the speaking.
    return token.head.i == cue.i and token.dep_ == "advmod" and token.tag_ != "WRB"


def _reach_left(cue: Token, low: int, claimed: set[int]) -> int:
    doc = cue.doc
    while low > 0:
        before = doc[low - 1]
        owner = next((a for a in [before, *before.ancestors] if a.head.i == cue.i), None)
        if owner is None or not (_adverb(owner, cue) or owner.dep_ in CUE_PARTS):
            break
        subtree = list(owner.subtree)
        if subtree[-1].i != low - 1 or not _free(subtree, claimed):
            break
        low = subtree[0].i
    return low


def _reach_right(cue: Token, high: int, claimed: set[int]) -> int:
    doc = cue.doc
    while high + 1 < len(doc) and high + 1 not in claimed:
        after = next((a for a in [doc[high + 1], *doc[high + 1].ancestors] if a.head.i == cue.i), None)
        if after is None or after.i == cue.i:
            break
        subtree = list(after.subtree)
        if subtree[0].i != high + 1:
            break
        if after.dep_ == "prep":
            return _linking_preposition(cue, high, claimed)
        if after.dep_ == "xcomp" and _free(doc[high + 1:after.i + 1], claimed) and any(t.i in claimed for t in subtree):
            # "tries to draw X", "appeared to suggest that X": the content hangs from the
            # infinitive, which annotators keep in the cue (train: 367 / 2).
            return _reach_right(after, after.i, claimed)
        if after.dep_ == "dobj" and _plain_object(cue, after, claimed):
            # The object up to where the content begins: "expressed deep concern [about X]".
            run = [t for t in subtree if t.i > high]
            cut = next((k for k, t in enumerate(run) if t.i in claimed or t.is_punct), len(run))
            run = run[:cut]
            if not run or run[-1].i < after.i:
                break
            # Only an object standing between the cue and its content: "told reporters" after a
            # quotation, or before "on Monday", is whom the cue addresses.
            end = run[-1].i
            if end + 1 < len(doc) and doc[end + 1].dep_ == "prep":
                linked = _linking_preposition(doc[end + 1].head, end, claimed)
                return linked if linked > end else high
            if end + 1 < len(doc) and end + 1 in claimed:
                return end
            break
        if (_adverb(after, cue) or after.dep_ == "prt") and _free(subtree, claimed):
            high = subtree[-1].i
            continue
        break
    return high


def _plain_object(cue: Token, obj: Token, claimed: set[int]) -> bool:
    """A common noun object that is neither a name nor the person addressed: when the content is
    a clause beside it ("told the crowd that X"), the object is whom the cue speaks to."""
    if obj.tag_ not in ("NN", "NNS") or obj.ent_type_ or obj.i in claimed:
        return False
    return not any(child.i > obj.i and child.dep_ in _CLAUSES and any(t.i in claimed for t in child.subtree)
                   for child in cue.children)


_CLAUSES = {"ccomp", "xcomp", "dobj", "dative", "advcl"}


def _linking_preposition(head: Token, high: int, claimed: set[int]) -> int:
    """The preposition right after the cue whose object is the content: "complained about"."""
    doc = head.doc
    if high + 1 >= len(doc):
        return high
    preposition = doc[high + 1]
    if preposition.dep_ != "prep" or preposition.head.i != head.i or preposition.i in claimed:
        return high
    # The content must start right after it: "quoted as saying X" keeps "as saying" out.
    objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
    if objects and preposition.i + 1 in claimed and any(t.i in claimed for t in objects[0].subtree):
        return preposition.i
    return high
