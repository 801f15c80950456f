"""What the attribution models see: candidate cues, candidate arguments, and their features.

Both the training script (training/train_attributions.py) and the component call these, so a
model is always applied to exactly the features it was trained on. Features are strings; a model
is a weight per string (see model.py). They use only the parse, the fine-grained tags, the word
forms and the entity labels: the pipeline runs without lemmatizer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.analyze.attributions.quotes import QUOTE_CHARS
from newsgraph.analyze.attributions.tokens import TokenTable, token_table

# Words that can head an attribution cue: verbs, reporting nouns, "according", a colon.
_CUE_TAG_PREFIXES = ("VB", "NN", "JJ", "IN", ":", "RB", "MD")
# Dependents that belong to the cue itself, not to an argument.
CUE_PARTS = {"aux", "auxpass", "neg", "prt"}
_SKIP_AS_ARGUMENT = CUE_PARTS | {"cc", "det", "case", "dep", "mark", "intj"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}


@dataclass
class Candidate:
    """One stretch of the sentence that may be the content or the source of a cue."""

    relation: str  # how it hangs from the cue: "child:ccomp", "pobj:to", "rest:advcl", "inherit:conj"
    indices: list[int]  # token positions in document order; may skip the cue's own subtree
    root_index: int
    doc: Doc = field(repr=False, compare=False)
    table: TokenTable = field(repr=False, compare=False)

    @property
    def tokens(self) -> list[Token]:
        return [self.doc[i] for i in self.indices]

    @property
    def root(self) -> Token:
        return self.doc[self.root_index]

    @property
    def start_char(self) -> int:
        return self.table.idx[self.indices[0]]

    @property
    def end_char(self) -> int:
        return self.table.end_char(self.indices[-1])


def cue_candidates(doc: Doc) -> Iterator[Token]:
    for i in cue_candidate_indices(token_table(doc)):
        yield doc[i]


def cue_candidate_indices(table: TokenTable) -> list[int]:
    # `startswith` once per distinct tag of the Doc, not once per word
    cue_tag = {tag: tag.startswith(_CUE_TAG_PREFIXES) for tag in set(table.tag)}
    text = table.text
    return [i for i, tag in enumerate(table.tag) if cue_tag[tag] or text[i] == ":"]


def cue_features(token: Token) -> list[str]:
    doc = token.doc
    return cue_features_at(token_table(doc), token.i, doc.user_data.get("quote_mask"))


def cue_features_at(table: TokenTable, i: int, quote_mask: list[bool] | None) -> list[str]:
    """The features of the word at `i`; `quote_mask` as quotes.mark_quotes keeps it."""
    lower, dep, children = table.lower, table.dep, table.children
    word, tag, relation = lower[i], table.tag[i], dep[i]
    head = table.head[i]
    head_dep = dep[head]
    own_children = children(i)
    deps = {dep[child] for child in own_children}
    features = [
        "bias",
        f"w={word}",
        f"t={tag}",
        f"d={relation}",
        f"w|d={word}|{relation}",
        f"w|t={word}|{tag}",
        f"hd={head_dep}",
        # The model was trained with the root's own word here: "hw=ROOT" was never produced,
        # because `Token.head` is a new object, never the token itself.
        f"hw={lower[head]}",
        f"next={lower[i + 1]}" if i + 1 < len(lower) else "next=EOS",
        f"prev={lower[i - 1]}" if i > 0 else "prev=BOS",
        f"inq={bool(quote_mask) and quote_mask[i]}",
    ]
    # A crude stem pools the forms of a rare verb ("criticized", "criticizes", "criticizing").
    stem = _stem(word)
    features += [f"s={stem}", f"s|d={stem}|{relation}", f"s|hd={stem}|{head_dep}"]
    for child_dep in sorted(deps):
        features.append(f"c={child_dep}")
        features.append(f"w|c={word}|{child_dep}")
        features.append(f"s|c={stem}|{child_dep}")
    for child in own_children:
        child_dep = dep[child]
        if child_dep in ("ccomp", "xcomp"):
            marker = next((lower[g] for g in children(child) if dep[g] in ("mark", "aux") and g < child), "-")
            features.append(f"comp={child_dep}|{marker}")
            features.append(f"s|comp={stem}|{child_dep}|{marker}")
    if deps & _SUBJECTS:
        subject = next(child for child in own_children if dep[child] in _SUBJECTS)
        subject_kind = table.ent_type[subject] or table.tag[subject]
        features.append(f"subj_ent={subject_kind}")
        features.append(f"s|subj_ent={stem}|{subject_kind}")
    if "neg" in deps:
        features.append(f"w|neg={word}")
    if table.text[i] == ":":
        features.append(f"colon_next_quote={i + 1 < len(lower) and table.text[i + 1] in QUOTE_CHARS}")
    return features


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def subtree_indices(doc: Doc, i: int) -> list[int]:
    """The positions of `Token.subtree`."""
    return [token.i for token in doc[i].subtree]


def _without(indices: list[int], removed: list[int]) -> list[int]:
    gone = set(removed)
    return [i for i in indices if i not in gone]


def _trimmed(table: TokenTable, indices: list[int]) -> list[int]:
    """Drop commas and dashes at the edges; quote marks stay (content spans include them)."""
    is_punct, text = table.is_punct, table.text
    first, last = 0, len(indices)
    while first < last and is_punct[indices[first]] and text[indices[first]] not in QUOTE_CHARS:
        first += 1
    while first < last and is_punct[indices[last - 1]] and text[indices[last - 1]] not in QUOTE_CHARS \
            and text[indices[last - 1]] not in ".?!":
        last -= 1
    return indices[first:last]


def argument_candidates(cue: Token) -> list[Candidate]:
    doc, at = cue.doc, cue.i
    table = token_table(doc)
    dep, children = table.dep, table.children
    found: list[Candidate] = []

    def add(relation: str, indices: list[int], root: int) -> None:
        indices = _trimmed(table, indices)
        if indices:
            found.append(Candidate(relation, indices, root, doc, table))

    has_subject = False
    for child in children(at):
        child_dep = dep[child]
        if child_dep in _SKIP_AS_ARGUMENT or (child_dep == "punct" and table.text[child] not in QUOTE_CHARS):
            continue
        has_subject |= child_dep in _SUBJECTS
        add(f"child:{child_dep}", subtree_indices(doc, child), child)
        if child_dep in ("prep", "agent", "dative", "xcomp", "dobj"):
            for grandchild in children(child):
                if dep[grandchild] in ("pobj", "pcomp", "ccomp", "dobj", "acl"):
                    add(f"{dep[grandchild]}:{table.lower[child] if child_dep in ('prep', 'agent') else child_dep}",
                        subtree_indices(doc, grandchild), grandchild)
    for relation, span in _adjacent_quotes(cue):
        add(relation, list(range(span.start, span.end)), span.root.i)
    if dep[at] != "ROOT":
        head = table.head[at]
        rest = _without(subtree_indices(doc, head), subtree_indices(doc, at))
        add(f"rest:{dep[at]}", rest, head)
        if not has_subject:
            subject = _inherited_subject(table, at)
            if subject is not None:
                add(f"inherit:{dep[at]}", subtree_indices(doc, subject), subject)
            if dep[at] in ("relcl", "acl") and table.tag[head].startswith(("NN", "PRP")):
                add(f"head:{dep[at]}", rest, head)
    return found


def _same_sentence(doc: Doc, a: int, b: int) -> bool:
    sentence_of = doc.user_data["sentence_of"]
    return sentence_of[a] == sentence_of[b]


def _adjacent_quotes(cue: Token):
    """The quotation just before the cue's clause and the one just after it, within a sentence
    either side: the parse often leaves '"...," he said' unconnected."""
    doc = cue.doc
    quotes = doc.user_data.get("quotes") or []
    sentences, number = doc.user_data["sentences"], doc.user_data["sentence_of"][cue.i]
    low = sentences[max(0, number - 1)][2]
    high = sentences[min(len(sentences) - 1, number + 1)][3]
    left = [q for q in quotes if low <= q.start and q.end <= cue.idx and not q.start <= cue.idx < q.end]
    right = [q for q in quotes if cue.idx < q.start and q.end <= high]
    found = []
    for relation, quote in (("quote:L", left[-1] if left else None), ("quote:R", right[0] if right else None)):
        if quote is None:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((relation, span))
    return found


def _inherited_subject(table: TokenTable, cue: int) -> int | None:
    """The subject a cue shares with the verb it hangs from ("He said X and added Y")."""
    node = cue
    for _ in range(3):
        if table.dep[node] == "ROOT":
            return None
        node = table.head[node]
        for child in table.children(node):
            if table.dep[child] in ("nsubj", "nsubjpass") and child != cue:
                return child
    return None


def cue_vector(token: Token) -> np.ndarray | None:
    """The contextual vectors of the word and of its head, when the pipeline kept them."""
    tensor = token.doc.tensor
    if tensor is None or len(tensor) != len(token.doc):
        return None
    return np.concatenate([tensor[token.i], tensor[token.head.i]])


def cue_dense_scores(doc: Doc, dense: np.ndarray | None) -> np.ndarray | None:
    """The dense part of the cue score for every token at once: the same sum as `dense @
    cue_vector(token)`, in two matrix products per Doc instead of one per candidate."""
    tensor = doc.tensor
    if dense is None or tensor is None or len(tensor) != len(doc) or not len(doc):
        return None
    width = tensor.shape[1]
    return tensor @ dense[:width] + (tensor @ dense[width:])[token_table(doc).head]


def argument_vector(cue: Token, candidate: Candidate) -> np.ndarray | None:
    tensor = cue.doc.tensor
    if tensor is None or len(tensor) != len(cue.doc):
        return None
    return np.concatenate([tensor[candidate.root_index], tensor[cue.i]])


def argument_features(cue: Token, candidate: Candidate) -> list[str]:
    return argument_features_at(candidate.table, cue.i, candidate)


def argument_features_at(table: TokenTable, cue: int, candidate: Candidate) -> list[str]:
    word = table.lower[cue]
    root = candidate.root_index
    indices = candidate.indices
    cue_at = table.idx[cue]
    side = "L" if candidate.end_char <= cue_at else ("R" if candidate.start_char >= cue_at else "O")
    first = indices[0]
    text = table.text
    quoted = sum(1 for i in indices if text[i] in QUOTE_CHARS)
    size = len(indices)
    gap = cue - indices[-1] if side == "L" else first - cue if side == "R" else 0
    gap_bucket = "0-2" if gap <= 2 else "3-5" if gap <= 5 else "6-10" if gap <= 10 else "11+"
    size_bucket = "1" if size == 1 else "2-3" if size <= 3 else "4-8" if size <= 8 else "9+"
    relation, root_tag, root_entity = candidate.relation, table.tag[root], table.ent_type[root] or "-"
    first_word = table.lower[first] if candidate.doc[first].is_stop or table.is_punct[first] else table.tag[first]
    features = [
        f"r|gap={relation}|{gap_bucket}",
        f"r|sent={relation}|{_same_sentence(candidate.doc, root, cue)}",
        "bias",
        f"r={relation}",
        f"r|w={relation}|{word}",
        f"r|side={relation}|{side}",
        f"r|cd={relation}|{table.dep[cue]}",
        f"rt={root_tag}",
        f"r|rt={relation}|{root_tag}",
        f"ent={root_entity}",
        f"r|ent={relation}|{root_entity}",
        f"first={first_word}",
        f"quoted={min(quoted, 2)}",
        f"r|quoted={relation}|{min(quoted, 2)}",
        f"size={size_bucket}",
        f"r|size={relation}|{size_bucket}",
    ]
    return features
