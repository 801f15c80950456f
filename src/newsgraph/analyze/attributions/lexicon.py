"""Cue words: their lemma and what they do to the content (assert, deny, confirm, question).

The pipeline runs without spaCy's lemmatizer (it costs more than the whole attribution step), so
cue lemmas come from a table the training script writes into model.json (every word form that
headed a cue in the training data, lemmatised by the full pipeline), with suffix rules for the rest.
"""

from __future__ import annotations

from spacy.tokens import Token


DENYING = frozenset("deny refute reject dismiss dispute rebut contradict disavow repudiate disclaim".split())
CONFIRMING = frozenset("confirm acknowledge admit concede agree verify affirm corroborate".split())
QUESTIONING = frozenset("ask question wonder doubt query challenge inquire".split())
_KNOWN = DENYING | CONFIRMING | QUESTIONING | frozenset("note argue declare announce state quote cite "
                                                       "believe propose promise vote issue release".split())
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
              "thought": "think", "felt": "feel", "knew": "know", "known": "know", "saw": "see",
              "seen": "see", "heard": "hear", "spoke": "speak", "spoken": "speak", "taught": "teach",
              "meant": "mean", "held": "hold", "made": "make", "went": "go", "gave": "give", "given": "give"}


def cue_lemma(token: Token, lemmas: dict[str, str]) -> str:
    """`lemmas`: the table the model that found the cue was trained with."""
    word = token.lower_
    if word == "according":
        return "according to"
    if word == ":":
        return ":"
    return lemmas.get(word) or _IRREGULAR.get(word) or _strip_suffix(word)


def _strip_suffix(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            # "acknowledged" -> "acknowledg" + e, "denies" -> "deny" (above): known verbs win.
            return stem + "e" if stem + "e" in _KNOWN else stem
    return word


def polarity_of(token: Token, lemma: str) -> str:
    """Denials deny, acknowledgements confirm, questions question; everything else asserts.
    A negated denial ("did not deny") is not a denial, and so asserts."""
    negated = any(child.dep_ == "neg" for child in token.children)
    if lemma in DENYING:
        return "asserts" if negated else "denies"
    if lemma in CONFIRMING:
        return "asserts" if negated else "confirms"
    if lemma in QUESTIONING:
        return "questions"
    return "asserts"
