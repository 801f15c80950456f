"""Country names, demonyms and metonyms to ISO 3166 alpha-3.

Order of trust: the curated table (countries.tsv) first, because it encodes decisions the
libraries cannot make (capitals as metonyms, ambiguous names); then pycountry's exact names;
then a guard against sub-national names (countrynames maps "California" and "New York" to
the US, which would fold a state into the country); then countrynames for demonyms and, when
the name resembles the country's ISO names, alternative names ("Britain", "Russia"). pycountry's fuzzy search is never used: it maps "American" to American Samoa.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Kinds that are the country itself and so merge into one country entity per article.
COUNTRY_KINDS = frozenset({"name", "demonym"})


@dataclass(frozen=True)
class CountryRef:
    iso3: str
    kind: str  # name, demonym, capital, institution, place, region


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, CountryRef | None], dict[str, str]]:
    """The curated names, and the display name chosen for some countries."""
    names: dict[str, CountryRef | None] = {}
    display: dict[str, str] = {}
    path = Path(__file__).with_name("countries.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        name, iso3 = cols[0].strip(), cols[1].strip()
        kind = cols[2].strip() if len(cols) > 2 else "name"
        if kind == "canonical":
            display.setdefault(iso3, name)
            kind = "name"
        names[name] = None if iso3 == "-" else CountryRef(iso3, kind)
    return names, display


def _curated() -> dict[str, CountryRef | None]:
    return _table()[0]


@lru_cache(maxsize=1)
def _pycountry_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.casefold()] = country.alpha_3
    return names


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, set[str]]:
    import pycountry

    subs: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        subs.setdefault(sub.name.casefold(), set()).add(sub.country_code)
    return subs


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2 or len(alpha2) != 2:  # countrynames also returns "EU", "GB-SCT", "SUHH"
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _countrynames(name: str) -> str | None:
    import countrynames

    # to_code reads any two letters as an ISO code ("It", "IN", "Va." -> Vatican): those go through the table.
    if sum(c.isalpha() for c in name) < 3:
        return None
    return _alpha3(countrynames.to_code(name))


@lru_cache(maxsize=4096)
def lookup(name: str, label: str = "GPE") -> CountryRef | None:
    """The country a cleaned entity name denotes or implies, given the model's label.

    Only GPE, NORP and LOC names go through the libraries. An ORG or FAC gets a country only from
    the table's institutions or an exact country name (sm often tags "U.S." ORG); PERSON never.
    """
    curated = _curated()
    if label == "PERSON":
        return None
    if name in curated:
        ref = curated[name]
        if ref is None or label in ("GPE", "NORP", "LOC") or ref.kind in ("institution", "name"):
            return ref
        return None
    exact = _pycountry_names().get(name.casefold())
    if exact:
        return CountryRef(exact, "name")
    if label not in ("GPE", "NORP", "LOC"):
        return None
    subs = _subdivisions().get(name.casefold())
    if subs:
        # A state is in its country, not the country; only a GPE says it is the place (Cameroon's
        # "North" region is no reason to give a LOC "North" a country).
        iso3 = _alpha3(next(iter(subs))) if len(subs) == 1 and label == "GPE" else None
        return CountryRef(iso3, "region") if iso3 else None
    kind = "demonym" if label == "NORP" else "name"
    iso3 = _countrynames(name)
    if iso3 and kind == "name" and not _resembles(name, iso3):
        iso3 = None  # countrynames also knows towns and provinces: "Cleveland" GB, "Albany" AL, "Quebec" CA
    if iso3 is None and label == "NORP" and name.endswith("s"):
        # countrynames knows "Iranian" but not "Iranians".
        singular = name[:-1]
        ref = curated.get(singular)
        iso3 = ref.iso3 if ref else _countrynames(singular)
    return CountryRef(iso3, kind) if iso3 else None


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"[a-z]{4,}", "".join(c for c in folded if not unicodedata.combining(c)))


def _resembles(name: str, iso3: str) -> bool:
    """Whether a place name shares a word with one of the country's ISO names.

    True for the alternative names worth having ("Britain" is in "United Kingdom of Great Britain
    and Northern Ireland", "Russia" nearly in "Russian Federation"), false for the towns and
    provinces countrynames also lists. Names this misses ("Burma") belong in countries.tsv.
    """
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    official = " ".join(filter(None, (getattr(country, a, None) for a in ("name", "common_name", "official_name"))))
    return any(
        a == b or (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2
        for a in _words(name)
        for b in _words(official)
    )


def exact_country(name: str) -> str | None:
    """The country a name is the plain name of ("U.S.", "Iran"), with no guessing from demonyms."""
    ref = _curated().get(name)
    if ref is not None:
        return ref.iso3 if ref.kind == "name" else None
    return None if name in _curated() else _pycountry_names().get(name.casefold())


def country_name(iso3: str) -> str:
    """The entity name of a country: one stable name per code, whatever the article calls it."""
    import pycountry

    if iso3 in _table()[1]:
        return _table()[1][iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name
