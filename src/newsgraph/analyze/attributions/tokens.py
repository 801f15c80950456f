"""What the attribution rules read of every token, fetched from a Doc once, as plain lists.

Every `token.lower_`, `token.head` or `token.children` on a spaCy Token builds new Python objects
(the Token itself included), and the cue model reads a dozen of them for each of the thousands
of candidate words in an article. One `Doc.to_array` call and a list per attribute answer the
same questions by index, for a fraction of the cost.

The lists mirror spaCy exactly: `children(i)` gives a token's dependents in document order, as
`Token.children` yields them. (`Token.subtree` stays spaCy's: its walk runs in compiled code.)
"""

from __future__ import annotations

from itertools import accumulate

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, LOWER, ORTH, SPACY, TAG
from spacy.tokens import Doc

_COLUMNS = [ORTH, LOWER, TAG, DEP, ENT_TYPE, HEAD, IDX, SPACY, IS_PUNCT]


class TokenTable:
    """Per-token attributes of one Doc, indexed by token position."""

    __slots__ = ("text", "lower", "tag", "dep", "ent_type", "head", "idx", "is_punct", "doc_text", "_dependents",
                 "_first_dependent")

    def __init__(self, doc: Doc):
        orth, lower, tag, dep, ent_type, head, idx, spacy, is_punct = doc.to_array(_COLUMNS).T.tolist()
        strings = doc.vocab.strings
        self.text = _words(orth, strings)
        self.lower = _words(lower, strings)
        self.tag = _labels(tag, strings)
        self.dep = _labels(dep, strings)
        self.ent_type = _labels(ent_type, strings)
        # HEAD is an offset from the token, stored unsigned: a head to the left wraps around.
        self.head = head = [i + (offset - (1 << 64) if offset >= 1 << 63 else offset) for i, offset in enumerate(head)]
        self.idx = idx
        self.is_punct = [bool(flag) for flag in is_punct]
        # Every token's dependents in one flat list, grouped by head and in document order within
        # a group (a stable sort): cheaper to build than a list per token.
        self._dependents = sorted((i for i, head_i in enumerate(head) if head_i != i), key=head.__getitem__)
        counts = [0] * (len(head) + 1)
        for i in self._dependents:
            counts[head[i] + 1] += 1
        self._first_dependent = list(accumulate(counts))
        # Doc.text joins every token's text_with_ws through a new Token each: the same string.
        self.doc_text = "".join([word + " " if space else word for word, space in zip(self.text, spacy)])

    def __len__(self) -> int:
        return len(self.head)

    def children(self, i: int) -> list[int]:
        """The indices of `Token.children`, in document order."""
        return self._dependents[self._first_dependent[i]:self._first_dependent[i + 1]]

    def end_char(self, i: int) -> int:
        return self.idx[i] + len(self.text[i])


# Strings by hash: the StringStore decodes a new str on every lookup. Labels (tags, dependencies,
# entity types) are a few dozen per model; word forms keep coming in a long run, so that cache is
# emptied when it grows past a bound.
_LABELS: dict[int, str] = {}
_WORDS: dict[int, str] = {}
_MAX_CACHED = 500_000


def _labels(ids: list[int], strings) -> list[str]:
    return _cached_strings(ids, strings, _LABELS)


def _words(ids: list[int], strings) -> list[str]:
    return _cached_strings(ids, strings, _WORDS)


def _cached_strings(ids: list[int], strings, cache: dict[int, str]) -> list[str]:
    try:
        return list(map(cache.__getitem__, ids))
    except KeyError:  # a string not met before
        if len(cache) > _MAX_CACHED:
            cache.clear()
        cache.update((h, strings[h]) for h in set(ids) if h not in cache)
        return list(map(cache.__getitem__, ids))


def token_table(doc: Doc) -> TokenTable:
    """The Doc's table, built on the first call (usually from quotes.mark_quotes) and kept on the Doc."""
    table = doc.user_data.get("token_table")
    if table is None or len(table) != len(doc):
        table = doc.user_data["token_table"] = TokenTable(doc)
    return table
