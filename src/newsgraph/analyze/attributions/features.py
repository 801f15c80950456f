"""What the attribution models see: candidate cues, candidate arguments, and their features.

Both the training script (training/train_attributions.py) and the component call these, so a
model is always applied to exactly the features it was trained on. Features are strings; a model
is a weight per string (see model.py). They use only the parse, the fine-grained tags, the word
forms and the entity labels: the pipeline runs without lemmatizer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
from spacy.tokens import Doc, Token

from newsgraph.analyze.attributions.quotes import QUOTE_CHARS

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
    tokens: list[Token]  # in document order; may skip the cue's own subtree
    root: Token

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def cue_candidates(doc: Doc) -> Iterator[Token]:
    for token in doc:
        if token.tag_.startswith(_CUE_TAG_PREFIXES) or token.text in (":",):
            yield token


def _children_deps(token: Token) -> set[str]:
    return {child.dep_ for child in token.children}


def _in_quote(token: Token) -> bool:
    return bool(token.doc.user_data.get("quote_mask")) and token.doc.user_data["quote_mask"][token.i]


def cue_features(token: Token) -> list[str]:
    word = token.lower_
    deps = _children_deps(token)
    head = token.head
    features = [
        "bias",
        f"w={word}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"w|d={word}|{token.dep_}",
        f"w|t={word}|{token.tag_}",
        f"hd={head.dep_}",
        f"hw={head.lower_}" if head is not token else "hw=ROOT",
        f"next={token.nbor(1).lower_}" if token.i + 1 < len(token.doc) else "next=EOS",
        f"prev={token.nbor(-1).lower_}" if token.i > 0 else "prev=BOS",
        f"inq={_in_quote(token)}",
    ]
    # A crude stem pools the forms of a rare verb ("criticized", "criticizes", "criticizing").
    stem = _stem(word)
    features += [f"s={stem}", f"s|d={stem}|{token.dep_}", f"s|hd={stem}|{head.dep_}"]
    for dep in sorted(deps):
        features.append(f"c={dep}")
        features.append(f"w|c={word}|{dep}")
        features.append(f"s|c={stem}|{dep}")
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp"):
            marker = next((g.lower_ for g in child.children if g.dep_ in ("mark", "aux") and g.i < child.i), "-")
            features.append(f"comp={child.dep_}|{marker}")
            features.append(f"s|comp={stem}|{child.dep_}|{marker}")
    if deps & _SUBJECTS:
        subject = next(child for child in token.children if child.dep_ in _SUBJECTS)
        features.append(f"subj_ent={subject.ent_type_ or subject.tag_}")
        features.append(f"s|subj_ent={stem}|{subject.ent_type_ or subject.tag_}")
    if "neg" in deps:
        features.append(f"w|neg={word}")
    if token.text == ":":
        features.append(f"colon_next_quote={token.i + 1 < len(token.doc) and token.nbor(1).text in QUOTE_CHARS}")
    return features


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def _without(tokens: list[Token], removed: list[Token]) -> list[Token]:
    gone = {t.i for t in removed}
    return [t for t in tokens if t.i not in gone]


def _trimmed(tokens: list[Token]) -> list[Token]:
    """Drop commas and dashes at the edges; quote marks stay (content spans include them)."""
    while tokens and tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS and tokens[-1].text not in ".?!":
        tokens = tokens[:-1]
    return tokens


def argument_candidates(cue: Token) -> list[Candidate]:
    found: list[Candidate] = []

    def add(relation: str, tokens: list[Token], root: Token) -> None:
        tokens = _trimmed(tokens)
        if tokens:
            found.append(Candidate(relation, tokens, root))

    has_subject = False
    for child in cue.children:
        if child.dep_ in _SKIP_AS_ARGUMENT or (child.dep_ == "punct" and child.text not in QUOTE_CHARS):
            continue
        has_subject |= child.dep_ in _SUBJECTS
        add(f"child:{child.dep_}", _subtree(child), child)
        if child.dep_ in ("prep", "agent", "dative", "xcomp", "dobj"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp", "ccomp", "dobj", "acl"):
                    add(f"{grandchild.dep_}:{child.lower_ if child.dep_ in ('prep', 'agent') else child.dep_}",
                        _subtree(grandchild), grandchild)
    for relation, span in _adjacent_quotes(cue):
        add(relation, list(span), span.root)
    if cue.dep_ != "ROOT":
        head = cue.head
        add(f"rest:{cue.dep_}", _without(_subtree(head), _subtree(cue)), head)
        if not has_subject:
            subject = _inherited_subject(cue)
            if subject is not None:
                add(f"inherit:{cue.dep_}", _subtree(subject), subject)
            if cue.dep_ in ("relcl", "acl") and head.tag_.startswith(("NN", "PRP")):
                add(f"head:{cue.dep_}", _without(_subtree(head), _subtree(cue)), head)
    return found


def _same_sentence(a: Token, b: Token) -> bool:
    sentence_of = a.doc.user_data["sentence_of"]
    return sentence_of[a.i] == sentence_of[b.i]


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


def _inherited_subject(cue: Token) -> Token | None:
    """The subject a cue shares with the verb it hangs from ("He said X and added Y")."""
    node = cue
    for _ in range(3):
        if node.dep_ == "ROOT":
            return None
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != cue.i:
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
    heads = np.arange(len(doc)) + doc.to_array("HEAD").astype(np.int64)  # HEAD is a relative offset
    return tensor @ dense[:width] + (tensor @ dense[width:])[heads]


def argument_vector(cue: Token, candidate: Candidate) -> np.ndarray | None:
    tensor = cue.doc.tensor
    if tensor is None or len(tensor) != len(cue.doc):
        return None
    return np.concatenate([tensor[candidate.root.i], tensor[cue.i]])


def argument_features(cue: Token, candidate: Candidate) -> list[str]:
    word = cue.lower_
    root = candidate.root
    side = "L" if candidate.end_char <= cue.idx else ("R" if candidate.start_char >= cue.idx else "O")
    first = candidate.tokens[0]
    quoted = sum(1 for t in candidate.tokens if t.text in QUOTE_CHARS)
    size = len(candidate.tokens)
    gap = cue.i - candidate.tokens[-1].i if side == "L" else candidate.tokens[0].i - cue.i if side == "R" else 0
    gap_bucket = "0-2" if gap <= 2 else "3-5" if gap <= 5 else "6-10" if gap <= 10 else "11+"
    features = [
        f"r|gap={candidate.relation}|{gap_bucket}",
        f"r|sent={candidate.relation}|{_same_sentence(candidate.root, cue)}",
        "bias",
        f"r={candidate.relation}",
        f"r|w={candidate.relation}|{word}",
        f"r|side={candidate.relation}|{side}",
        f"r|cd={candidate.relation}|{cue.dep_}",
        f"rt={root.tag_}",
        f"r|rt={candidate.relation}|{root.tag_}",
        f"ent={root.ent_type_ or '-'}",
        f"r|ent={candidate.relation}|{root.ent_type_ or '-'}",
        f"first={first.lower_ if first.is_stop or first.is_punct else first.tag_}",
        f"quoted={min(quoted, 2)}",
        f"r|quoted={candidate.relation}|{min(quoted, 2)}",
        f"size={'1' if size == 1 else '2-3' if size <= 3 else '4-8' if size <= 8 else '9+'}",
        f"r|size={candidate.relation}|{'1' if size == 1 else '2-3' if size <= 3 else '4-8' if size <= 8 else '9+'}",
    ]
    return features
