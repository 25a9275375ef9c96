"""Actors named in a document: countries, organisations, groups, places, people.

No statistical model: a gazetteer built from pycountry (country names) and the
curated tables in ``briefing/data`` (demonyms, capital metonyms, organisations,
places), matched with one compiled trie regex (:mod:`~briefing.analysis.gazetteer`);
the organisations a document names itself, by acronym definitions,
institution words and company contexts (:mod:`~briefing.analysis.organisations`);
and people, by titles, roles, appositions and speech verbs, with their
surnames (:mod:`~briefing.analysis.people`).  A capital after "in", "to" or
"from" is the city, not its government.

Cheap context rules keep the usual false friends out: "Washington Post",
"George Washington", "Atlanta, Georgia", the "Baku" in "Baku–Tbilisi–Ceyhan"
(a pipeline name), "post-Soviet".

Text in another language with a table of its own also goes through
:mod:`~briefing.analysis.actors_local` (inflected names) and
:mod:`~briefing.analysis.people_local` (people after that language's titles).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from briefing.analysis.gazetteer import Entry, gazetteer, gazetteer_regex
from briefing.analysis.names import FUNCTION_WORDS, PERSONISH, STOP, Mention
from briefing.analysis.people import TITLE_WORDS, canonical, find_people, person_patterns

__all__ = ["Mention", "find_actors"]


# After a demonym, these make it a kind of thing ("Turkish coffee", "Russian language").
_THINGS = frozenset("""
coffee tea delight bath baths cuisine food dish dishes recipe recipes carpet carpets rug rugs restaurant
restaurants music song songs film films novel novels poetry literature language dialect alphabet script
grammar accent style bread cheese wine beer vodka salad dressing roulette breed breeds
""".split())
# A document that names several U.S. states means the state by "Georgia".
_US_STATES = frozenset("""
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois
Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Wisconsin
Wyoming Carolina Dakota
""".split())
# Before a capital, these make it the city rather than its government.
_LOCATIVE = frozenset("in at to from near outside inside into across around via through toward towards".split())


_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_DASHES = ("–", "-")
_CHAIN = re.compile(r"(?<![\w.–-])[^\W\d_][\w.]*(?:[–-][^\W\d_][\w.]*)+")


def _namelike(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word`` looks like part of a personal or proper name."""
    return (
        word[:1].isupper() and word not in STOP and word not in TITLE_WORDS
        and word.lower() not in lower and word not in gazetteer()
    )


def _keep(text: str, m: re.Match[str], entry: Entry, lower: frozenset[str]) -> bool:
    """Context rules for one gazetteer match (capitals, ambiguous names)."""
    surface = m.group()
    after = text[m.end():m.end() + 40]
    before = text[max(0, m.start() - 40):m.start()]
    nxt = re.match(r"[ \u00a0]([^\W\d_][\w.]*)", after)
    prev = re.search(r"([^\W\d_]+)[ \u00a0]$", before)
    if entry.role == "capital" and prev and prev.group(1).lower() in _LOCATIVE:
        return False  # "in Beirut" is the city, not Lebanon's government
    if entry.role in ("capital", "demonym") and nxt:
        word = nxt.group(1)
        if word[:1].isupper() and word not in FUNCTION_WORDS and word not in TITLE_WORDS and word not in gazetteer():
            return False  # "Moscow Times", "Paris Agreement", "Chinese New Year"
        if entry.role == "demonym" and word.lower() in _THINGS:
            return False  # "Turkish coffee": a kind of thing, not the country
    if entry.kind in ("organisation", "group") and nxt and nxt.group(1) in ("Act", "Acts", "Program", "Programme"):
        return False  # "Federal Reserve Act": a law
    if surface in PERSONISH and prev and prev.group(1).lower() in ("called", "named", "singer", "player", "actor"):
        return False  # "a singer called Jordan"
    if surface in PERSONISH:
        if (nxt and _namelike(nxt.group(1), lower)) or (prev and _namelike(prev.group(1), lower)):
            return False  # "Michael Jordan", "Chad Smith"
        if surface == "Georgia":
            city = re.search(r"([^\W\d_]+),[ \u00a0]$", before)
            if (city and _namelike(city.group(1), lower)) or re.match(r",? (?:USA|U\.S\.)", after):
                return False  # "Atlanta, Georgia"
    return True


def _gazetteer_mentions(text: str, lower: frozenset[str]) -> list[Mention]:
    table = gazetteer()
    found: list[Mention] = []
    for m in gazetteer_regex().finditer(text):
        entry = table[m.group()]
        if entry.kind is None or not _keep(text, m, entry, lower):  # None: a blocker
            continue
        start = m.start()
        if entry.role == "capital" and text[max(0, start - 9):start] in ("official ", "Official "):
            start -= 9  # "official Baku"
        found.append(Mention(entry.name, entry.kind, start, m.end(), text[start:m.end()]))
    # In a dash chain every member must be known: "Baku–Washington" is two
    # actors, "Baku–Tbilisi–Ceyhan" is the name of a pipeline.
    if any(text[x.end:x.end + 1] in _DASHES or text[x.start - 1:x.start] in _DASHES for x in found):
        for chain in _CHAIN.finditer(text):
            members = [(p.start() + chain.start(), p.end() + chain.start())
                       for p in re.finditer(r"[^–-]+", chain.group())]
            inside = [x for x in found if chain.start() <= x.start and x.end <= chain.end()]
            covered = all(any(x.start <= a and b <= x.end for x in inside) for a, b in members)
            if inside and not covered:
                found = [x for x in found if x not in inside]
    return found


def find_actors(texts: Sequence[str], language: str = "en") -> list[list[Mention]]:
    """Find the actors mentioned in ``texts``, the sentences of one document.

    Returns one list of mentions per text, in text order, without overlaps.
    People are resolved across the whole document, so "Aliyev" is reported
    as "Ilham Aliyev" when the document names him in full anywhere.  In a
    language with its own table (:mod:`briefing.analysis.actors_local`)
    inflected names are found too, and every actor goes by its name in that
    language.
    """
    lower = frozenset(w for t in texts for w in _LOWER_WORD.findall(t))
    result: list[list[Mention]] = []
    per_text = [_gazetteer_mentions(text, lower) for text in texts]
    if language == "en" and _american(texts):
        per_text = [[m for m in found if m.surface != "Georgia"] for found in per_text]
    per_text = _with_organisations(texts, per_text, language)
    if language != "en":
        per_text = [_with_local(text, found, language) for text, found in zip(texts, per_text, strict=True)]
        _add_local_people(texts, per_text, language)
    people = find_people(texts, lower, per_text)
    full = [p for p in people if len(p.tokens) > 1]
    for i, gaz in enumerate(per_text):
        chosen = list(gaz)
        mine = sorted((p for p in people if p.text == i), key=lambda p: (-p.strength, p.start))
        for p in mine:
            overlaps = [g for g in chosen if g.start < p.end and p.start < g.end]
            if p.strength == 2:  # a title beats an ambiguous name ("General George Washington")
                if any(g.kind == "person" or g.surface not in PERSONISH for g in overlaps):
                    continue
                chosen = [g for g in chosen if g not in overlaps]
            elif overlaps:
                continue
            chosen.append(Mention(canonical(p, full), "person", p.start, p.end, texts[i][p.start:p.end]))
        result.append(sorted(chosen, key=lambda x: (x.start, x.end)))
    return result


def _american(texts: Sequence[str]) -> bool:
    """Whether the texts name two U.S. states or more besides Georgia, and nothing of the Caucasus."""
    words = {w for text in texts for w in re.findall(r"[A-Z][a-z]+", text)}
    return len(words & _US_STATES) >= 2 and not words & {"Tbilisi", "Caucasus", "Georgian", "Georgians", "Abkhazia"}


def _with_organisations(texts: Sequence[str], per_text: list[list[Mention]], language: str) -> list[list[Mention]]:
    """Add the organisations the document names itself; a longer name wins over a gazetteer name inside it."""
    from briefing.analysis.organisations import find_organisations

    strong, _ = person_patterns()
    persons = frozenset(w for text in texts for m in strong.finditer(text) for w in m.group("name").split())
    result = []
    for text, found, orgs in zip(texts, per_text, find_organisations(texts, language, stop=STOP, persons=persons),
                                 strict=True):
        mine = [Mention(o.name, "organisation", o.start, o.end, text[o.start:o.end]) for o in orgs]
        mine = [o for o in mine if not any(g.start <= o.start and o.end <= g.end for g in found)]
        kept = [g for g in found if not any(o.start <= g.start and g.end <= o.end for o in mine)]
        result.append(sorted(kept + mine, key=lambda x: (x.start, x.end)))
    return result


def _with_local(text: str, found: list[Mention], language: str) -> list[Mention]:
    """Add the names written in ``language``; English names found too go by their local name."""
    from briefing.analysis.actors_local import find, local_actors

    known = local_actors(language)
    if known is None:
        return found
    local = [Mention(f.name, f.kind, f.start, f.end, text[f.start:f.end]) for f in find(text, language)]
    # An organisation's name holds a country's ("Türkiye Dışişleri Bakanlığı"): the organisation wins.
    local = [x for x in local if not any(m.kind == "organisation" and m.start <= x.start and x.end <= m.end
                                         and m.end - m.start > x.end - x.start for m in found)]
    english = [replace(m, name=known.english.get(m.name, m.name)) for m in found
               if m.surface not in known.common and not any(x.start < m.end and m.start < x.end for x in local)]
    return sorted(local + english, key=lambda x: (x.start, x.end))


def _add_local_people(texts: Sequence[str], per_text: list[list[Mention]], language: str) -> None:
    """People found by the titles of ``language`` ("Prezidenti Vladimir Putin"), where nothing else is."""
    from briefing.analysis.people_local import find_people

    for p in find_people(texts, language):
        here = per_text[p.text]
        if not any(m.start < p.end and p.start < m.end for m in here):
            here.append(Mention(p.name, "person", p.start, p.end, texts[p.text][p.start:p.end]))
    for here in per_text:
        here.sort(key=lambda x: (x.start, x.end))
