"""Who said what: a spaCy component that finds attributions, and the article-level pass that
joins quotations across paragraphs and resolves each source to a speaker.

In any spaCy pipeline with a parser and tagger:

    nlp.add_pipe("newsgraph_attributions")
    doc = nlp(text)
    doc._.attributions   # Attribution records, offsets into doc.text

newsgraph's own analysis runs the component per paragraph and calls `attribute_article`, which
works over the whole article: a quotation continued in the next paragraph, a speaker named three
paragraphs earlier.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.attributions.find import Found, find_attributions
from newsgraph.analyze.attributions.model import load_models
from newsgraph.analyze.attributions.record import build_attributions
from newsgraph.article import Attribution, Entity

COMPONENT = "newsgraph_attributions"
log = logging.getLogger(__name__)

__all__ = ["COMPONENT", "AttributionFinder", "attribute_article", "ensure_component", "Found"]

if not Doc.has_extension("attributions_found"):
    Doc.set_extension("attributions_found", default=None)


def _doc_attributions(doc: Doc) -> list[Attribution] | None:
    found = doc._.attributions_found
    if found is None:
        return None
    from newsgraph.analyze.entities import resolve_entities
    from newsgraph.article import Mention

    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents
                if e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")]
    entities = resolve_entities(mentions, {"text": doc.text, "title": ""})
    return build_attributions(doc.text, [(0, doc)], entities)


if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", getter=_doc_attributions)


class AttributionFinder:
    """The pipeline component: finds attributions in a Doc (see find.py for how)."""

    def __init__(self, model_path: str | None = None):
        self.models = load_models(model_path)

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.attributions_found = find_attributions(doc, self.models)
        except Exception:  # an odd sentence must not stop the batch the Doc is in
            log.exception("attribution finding failed on a %d-token text", len(doc))
            doc._.attributions_found = []
            doc.user_data["attribution_error"] = True
        return doc


@Language.factory(COMPONENT, default_config={"model_path": None},
                  requires=["token.dep", "token.tag"], assigns=["doc._.attributions"])
def make_attribution_finder(nlp: Language, name: str, model_path: str | None) -> AttributionFinder:
    return AttributionFinder(model_path)


def ensure_component(nlp: Language) -> Language:
    """Add the component to `nlp` unless it is there; the tagger must run for it."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
    if "tagger" in nlp.pipe_names and "tagger" in nlp.disabled:
        nlp.enable_pipe("tagger")
    return nlp


def attribute_article(text: str, parts: list[tuple[int, Doc]], entities: list[Entity]) -> list[Attribution]:
    """Attributions of one article from its paragraph Docs (each with its offset in `text`)."""
    return build_attributions(text, parts, entities)
