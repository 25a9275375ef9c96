"""The gazetteer: every surface form of a known actor, and one regex that finds them.

Built once from pycountry (country names) and the curated tables in
``briefing/data`` (organisations, places, demonyms, capital metonyms).  Used by
:mod:`briefing.analysis.actors`; :mod:`briefing.analysis.actors_local` maps
other languages' names onto the same canonical English names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from briefing.model import ActorKind
from briefing.resources import data_path

__all__ = ["Entry", "country_names", "gazetteer", "gazetteer_regex"]


class Entry(NamedTuple):
    """What a surface form names: the actor's canonical name and kind, and the form's role."""

    name: str
    kind: ActorKind | None  # None for a blocker (role "block"), which names no actor
    role: str  # "name" | "demonym" | "capital" | "block"


# Corrections to pycountry's formal names, for codes pycountry lacks (XK) or
# keeps among historic countries (SU).
_COUNTRY_NAMES = {
    "RU": "Russia", "CD": "DR Congo", "PS": "Palestine", "VA": "Vatican City",
    "BN": "Brunei", "FM": "Micronesia", "XK": "Kosovo", "SU": "Soviet Union",
}
# Short forms and abbreviations that pycountry does not carry.
_COUNTRY_ALIASES = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "TR": ("Turkey", "Turkiye", "Republic of Turkey"),
    "KR": ("Republic of Korea",), "KP": ("DPRK",),
    "CD": ("Democratic Republic of the Congo", "Democratic Republic of Congo", "DRC"),
    "CZ": ("Czech Republic",), "CI": ("Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire"),
    "AE": ("UAE", "U.A.E."), "NL": ("Holland",), "VA": ("Holy See", "Vatican"),
    "MM": ("Burma",), "SU": ("USSR",), "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "SZ": ("Swaziland",), "CV": ("Cape Verde",), "TL": ("East Timor",),
}
# Phrases that contain an alias but name something else: matched, never reported.
_BLOCKERS = (
    "Washington Post", "Washington Times", "Washington Examiner", "George Washington",
    "Washington State", "Washington state", "New Mexico", "New Jersey", "Georgia Tech",
    "Georgia State", "post-Soviet", "Native American", "Native Americans",
    "African American", "African Americans", "Minsk agreements", "Minsk Agreements",
    "Minsk Protocol", "Captain America", "Turkish Airlines",
)


def _load(name: str) -> dict[str, object]:
    with data_path(name).open(encoding="utf-8") as fh:
        data: dict[str, object] = json.load(fh)
    data.pop("_about", None)
    return data


@cache
def country_names() -> dict[str, str]:
    """Canonical English name of every country, by ISO 3166-1 alpha-2 code."""
    import pycountry

    countries: dict[str, str] = {}
    for c in pycountry.countries:
        countries[c.alpha_2] = _COUNTRY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
    countries.update({code: name for code, name in _COUNTRY_NAMES.items() if code not in countries})
    return countries


@cache
def gazetteer() -> dict[str, Entry]:
    """Every surface the gazetteer knows, mapped to its actor (built once)."""
    import pycountry

    table: dict[str, Entry] = {b: Entry("", None, "block") for b in _BLOCKERS}
    for canonical, spec in _load("organisations.json").items():
        assert isinstance(spec, dict)
        for surface in [canonical, *spec["aliases"]]:
            table.setdefault(surface, Entry(canonical, spec["kind"], "name"))
    countries = country_names()
    for name in countries.values():  # canonical names first: they win collisions
        table.setdefault(name, Entry(name, "country", "name"))
    for code, name in countries.items():
        record = pycountry.countries.get(alpha_2=code)
        forms = list(_COUNTRY_ALIASES.get(code, ()))
        if record is not None:
            forms += [record.name, getattr(record, "official_name", "") or ""]
            if ", " in record.name:
                forms.append(record.name.split(", ")[0])
        for form in forms:
            form = form.removeprefix("the ")
            if form:
                table.setdefault(form, Entry(name, "country", "name"))
    for canonical, aliases in _load("places.json").items():
        assert isinstance(aliases, list)
        for surface in [canonical, *aliases]:
            table.setdefault(surface, Entry(canonical, "place", "name"))
    for filename, role in (("demonyms.json", "demonym"), ("capitals.json", "capital")):
        for code, surfaces in _load(filename).items():
            assert isinstance(surfaces, list)
            for surface in surfaces:
                table.setdefault(surface, Entry(countries[code], "country", role))
    return table


_Trie = dict[str, "_Trie"]


def _trie_regex(words: Sequence[str]) -> str:
    """A regex matching any of ``words``, preferring the longest at a position."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@cache
def gazetteer_regex() -> re.Pattern[str]:
    """One regex matching every surface of the gazetteer, the longest at a position (built once).

    Building the trie of 1,100 surfaces takes a fresh process 7 ms, so its
    regex is kept in briefing's cache folder, named after the surfaces
    themselves (compiling it, 11 ms, cannot be kept).
    """
    import hashlib
    import sys

    from briefing import cache

    words = sorted(gazetteer())
    digest = hashlib.sha256("\0".join(words).encode("utf-8")).hexdigest()
    name = cache.entry_name("gazetteer-trie", sys.version, digest) + ".txt"
    stored = cache.read("data", name)
    if stored is not None:
        source = stored.decode("utf-8")
    else:
        source = _trie_regex(words)
        cache.write("data", name, source.encode("utf-8"))
    return re.compile(r"(?<!\w)(?:" + source + r")(?!\w)")
