"""Corpus-wide entity keys: the same name and type in two articles is the same entity page.

Within an article, resolution has already merged "Supreme Leader Ayatollah Ali Khamenei" and "Khamenei"
under one canonical name; the key only folds what differs between articles in spelling, not in meaning:
case, accents, punctuation and spacing. "Ali Khamenei" (PERSON) is `person:ali-khamenei`.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def entity_key(name: str | None, type: str | None) -> str:
    folded = unicodedata.normalize("NFKD", (name or "").casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = _NOT_WORD.sub("-", bare.replace("'", "").replace("’", "")).strip("-_") or "-"
    return f"{(type or 'unknown').casefold()}:{slug}"
