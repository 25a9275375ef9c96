"""Actors named in a document: countries, organisations, groups, places, people.

No statistical model: a gazetteer built from pycountry (country names) and the
curated tables in ``briefing/data`` (demonyms, capital metonyms, organisations,
places), matched with one compiled trie regex (:mod:`~briefing.analysis.gazetteer`),
plus a few rules for people:

* a title before capitalised names ("President Ilham Aliyev");
* an apposition or a speech verb ("Joseph Biden, who ...", "said Jane Roe");
* surname-only back-references to a person found by those rules anywhere in
  the document ("Aliyev"), whose canonical name is the longest full name the
  document gives for that surname ("Trump" stays "Trump" if never written out).

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
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from briefing.analysis.gazetteer import Entry, gazetteer, gazetteer_regex
from briefing.model import ActorKind

__all__ = ["Mention", "find_actors"]


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in a sentence."""

    name: str  # canonical name, e.g. "United States"
    kind: ActorKind
    start: int  # offsets into the sentence text
    end: int
    surface: str  # the text as written, e.g. "Washington"


# Aliases that are also common given names or surnames.
_PERSONISH = frozenset({"Washington", "Jordan", "Chad", "Georgia", "Israel", "Sofia"})

# Capitalised only because they start a sentence: never part of a name.
_FUNCTION_WORDS = frozenset("""
A An The In On At By For From To With Without And But Or Nor As After Before During
Since Until Although Though However Nevertheless Nonetheless Meanwhile Moreover
Furthermore Thus Therefore Hence Also Even Yet Still Then Now Today Yesterday This
That These Those It Its He She They We I You His Her Their Our My Your There Here When
Where While Why How What Who Which If Whether Both Each Every All Some Many Most Several
Other Another Such One Two Three Four Five Over Under Beyond Within Between Among
Against Despite Following According Indeed Instead Already Only Just Not No Yes Unlike
Like Through Toward Towards Upon Amid About Above Below Within Recognizing Recognising
Later Earlier Again Soon Finally Recently Separately Eventually Initially Currently
Previously Subsequently Last Next First Second Third New Old Dear Sources
""".split())
# Capitalised words that name institutions, documents and publications, never people.
_STOP = _FUNCTION_WORDS | frozenset("""
Post Times Journal Tribune Herald Telegraph News Daily Gazette Press Tech Review
Member Members States Nations Countries People Officials Leaders
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Ministry Government Parliament Council Committee Commission Group Agreement Declaration
Summit Memorandum Treaty Act Section Article Resolution Corridor Pipeline Project Forum
Conference Union Organization Organisation Republic Kingdom Federation Party Bank Fund
Institute University Center Centre Office Agency Service Forces Army Navy Strategic
Working Joint Peace National International Southern Northern Eastern Western Central
East West North South Official Analysis Support Freedom Constitution Understanding
Partnership Cooperation Security Energy Gas Oil State Department House Senate Court
""".split())

# Titles that news writing also puts in lower case ("Azerbaijani president Ilham Aliyev").
_TITLES_ANY_CASE = (
    "Prime Minister", "Foreign Minister", "Defence Minister", "Defense Minister",
    "Finance Minister", "Interior Minister", "Economy Minister", "Energy Minister",
    "Minister", "President", "Secretary of State", "Secretary-General", "Secretary General",
    "Defence Secretary", "Defense Secretary", "Treasury Secretary", "Foreign Secretary",
    "Home Secretary", "Secretary", "Senator", "Chancellor", "Ambassador", "Special Envoy",
    "Envoy", "Spokesman", "Spokeswoman", "Spokesperson",
)
# Titles and honorifics recognised only when capitalised.
_TITLES_CAPITALISED = (
    "Sen.", "Rep.", "Representative", "Congressman", "Congresswoman", "Premier", "King",
    "Queen", "Crown Prince", "Prince", "Princess", "Emir", "Sheikh", "Sultan", "Ayatollah",
    "Supreme Leader", "Pope", "Patriarch", "General", "Gen.", "Admiral", "Adm.", "Colonel",
    "Col.", "Commander", "Governor", "Gov.", "Mayor", "Speaker", "Chairman", "Chairwoman",
    "Chairperson", "Commissioner", "Judge", "Justice", "Professor", "Prof.", "Dr.", "Dr",
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Mme", "Sir", "Dame", "Lord", "Lady",
)


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))


_TITLE = (
    r"(?:(?:[Ff]ormer|[Aa]cting|[Dd]eputy|[Vv]ice|[Ff]irst|[Ss]enior)\s+)*"
    r"(?:(?i:" + _alternation(_TITLES_ANY_CASE) + ")|" + _alternation(_TITLES_CAPITALISED) + ")"
)
_TITLE_WORDS = frozenset(
    w for t in _TITLES_ANY_CASE + _TITLES_CAPITALISED for w in re.findall(r"[A-Z][a-z]+", t)
) | {"Vice", "Deputy", "Former", "Acting", "Senior"}
_ROLE = (
    r"(?:minister|president|secretary|ambassador|envoy|spokes\w+|advis[eo]r|leader|"
    r"chair\w*|director|head|chief|senator|official|analyst|expert|professor|researcher|"
    r"author|journalist|correspondent|editor|governor|mayor|general|commander|founder|"
    r"economist|diplomat|lawmaker|MP|deputy|member|CEO|spokesperson)"
)
_SPEECH = (r"(?:said|says|told|added|noted|stressed|argued|wrote|warned|explained|announced|declared|"
           r"emphasi[sz]ed|underlined|underscored)")


@cache
def _upper_class() -> str:
    """A regex character class of the upper-case letters below U+2000."""
    letters = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
    return "[" + re.escape(letters) + "]"


@cache
def _person_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(title + name, weak contexts) regexes; each captures the name as ``name``."""
    tok = rf"(?:{_upper_class()}\.|{_upper_class()}\w*(?:[-'’]\w{{2,}})*)"
    particle = r"(?:bin|ibn|de|da|van|von|der|del|al|el|du|di|la|le)"
    seq = rf"{tok}(?:[ \u00a0](?:{particle}[ \u00a0])?{tok}){{0,3}}"
    strong = re.compile(rf"(?<![\w.]){_TITLE}[ \u00a0]+(?P<name>{seq})")
    weak = re.compile(
        rf"(?<![\w.])(?P<name>{seq})(?=,\s+(?:who|whose)\b"
        rf"|,\s+(?:the|a|an|then|now)\s+(?:[\w’'.-]+\s+){{0,4}}?{_ROLE}\b"
        rf"|\s+{_SPEECH}\b)"
        rf"|\b(?:said|says|according\s+to)\s+(?P<name2>{seq})"
    )
    return strong, weak


_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_DASHES = ("–", "-")
_CHAIN = re.compile(r"(?<![\w.–-])[^\W\d_][\w.]*(?:[–-][^\W\d_][\w.]*)+")


def _namelike(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word`` looks like part of a personal or proper name."""
    return (
        word[:1].isupper() and word not in _STOP and word not in _TITLE_WORDS
        and word.lower() not in lower and word not in gazetteer()
    )


def _keep(text: str, m: re.Match[str], entry: Entry, lower: frozenset[str]) -> bool:
    """Context rules for one gazetteer match (capitals, ambiguous names)."""
    surface = m.group()
    after = text[m.end():m.end() + 40]
    before = text[max(0, m.start() - 40):m.start()]
    nxt = re.match(r"[ \u00a0]([^\W\d_][\w.]*)", after)
    prev = re.search(r"([^\W\d_]+)[ \u00a0]$", before)
    if entry.role == "capital" and nxt:
        word = nxt.group(1)
        if word[:1].isupper() and word not in _FUNCTION_WORDS and word not in _TITLE_WORDS and word not in gazetteer():
            return False  # "Moscow Times", "Paris Agreement"
    if surface in _PERSONISH:
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


class _Person(NamedTuple):
    text: int  # which text
    start: int
    end: int
    tokens: tuple[str, ...]
    strength: int  # 2 title rule, 1 context rule, 0 back-reference


def _trim(m: re.Match[str], group: str, lower: frozenset[str], strong: bool) -> tuple[int, tuple[str, ...]] | None:
    """The usable name inside a regex match: (start, tokens), or None."""
    start = m.start(group)
    words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", m.group(group))]
    table = gazetteer()

    def ok(word: str) -> bool:
        if word in _STOP or word in _TITLE_WORDS or (word in table and word not in _PERSONISH):
            return False
        if len(word) > 2 and word.isupper():
            return False
        return strong or word.lower() not in lower or not word[:1].isupper()

    if not strong:
        while words and not ok(words[0][1]):
            words.pop(0)
    kept: list[tuple[int, str]] = []
    for pos, word in words:
        if not ok(word):
            break
        kept.append((pos, word))
    while kept and (kept[-1][1].endswith(".") or not kept[-1][1][:1].isupper()):
        kept.pop()  # never end on an initial or a particle
    if not kept or (not strong and len(kept) < 2):
        return None
    if not strong and len(kept) != len(words):
        return None
    return kept[0][0], tuple(w for _, w in kept)


_GIVEN = re.compile(r"(?<![\w.])([^\W\d_][\w’'-]*)[ \u00a0]$")


def _given_name(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word``, written before a known surname, is a given name."""
    return (
        word[:1].isupper() and not word.isupper() and word not in _STOP
        and word not in _TITLE_WORDS and word.lower() not in lower
        and (word not in gazetteer() or word in _PERSONISH)
    )


def _find_people(texts: Sequence[str], lower: frozenset[str], found: list[list[Mention]]) -> list[_Person]:
    """People in ``texts``; names overlapping ``found`` (unless personish) are not names."""
    strong_re, weak_re = _person_patterns()
    people: list[_Person] = []
    for i, text in enumerate(texts):
        taken = [(g.start, g.end) for g in found[i] if g.surface not in _PERSONISH]

        def free(start: int, end: int, taken: list[tuple[int, int]] = taken) -> bool:
            return not any(a < end and start < b for a, b in taken)

        for m in strong_re.finditer(text):
            got = _trim(m, "name", lower, strong=True)
            if got:
                start, toks = got
                if free(start, start + len(" ".join(toks))):
                    people.append(_Person(i, start, start + len(" ".join(toks)), toks, 2))
        for m in weak_re.finditer(text):
            got = _trim(m, "name" if m.group("name") else "name2", lower, strong=False)
            if got:
                start, toks = got
                if free(start, start + len(" ".join(toks))):
                    people.append(_Person(i, start, start + len(" ".join(toks)), toks, 1))
    known = {" ".join(p.tokens) for p in people} | {p.tokens[-1] for p in people}
    known = {k for k in known if k not in gazetteer() and k.lower() not in lower}
    if known:
        alternatives = "|".join(map(re.escape, sorted(known, key=lambda k: (-len(k), k))))
        pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")
        for i, text in enumerate(texts):
            for m in pattern.finditer(text):
                start = m.start()
                for _ in range(2):  # given names before a known surname: "Donald Trump"
                    given = _GIVEN.search(text, max(0, start - 30), start)
                    if not given or not _given_name(given.group(1), lower):
                        break
                    start = given.start()
                people.append(_Person(i, start, m.end(), tuple(text[start:m.end()].split()), 0))
    return people


def _canonical(person: _Person, full: list[_Person]) -> str:
    """The longest compatible full name; ties go to the nearest preceding one."""
    def compatible(other: tuple[str, ...]) -> bool:
        it = iter(other)
        return other[-1] == person.tokens[-1] and all(t in it for t in person.tokens)

    here = (person.text, person.start)
    candidates = [p for p in full if compatible(p.tokens)]
    if not candidates:
        return " ".join(person.tokens)

    def key(p: _Person) -> tuple[int, int, tuple[int, int]]:
        pos = (p.text, p.start)
        before = pos <= here
        return (-len(p.tokens), 0 if before else 1, (-pos[0], -pos[1]) if before else pos)

    return " ".join(min(candidates, key=key).tokens)


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
    if language != "en":
        per_text = [_with_local(text, found, language) for text, found in zip(texts, per_text, strict=True)]
        _add_local_people(texts, per_text, language)
    people = _find_people(texts, lower, per_text)
    full = [p for p in people if len(p.tokens) > 1]
    for i, gaz in enumerate(per_text):
        chosen = list(gaz)
        mine = sorted((p for p in people if p.text == i), key=lambda p: (-p.strength, p.start))
        for p in mine:
            overlaps = [g for g in chosen if g.start < p.end and p.start < g.end]
            if p.strength == 2:  # a title beats an ambiguous name ("General George Washington")
                if any(g.kind == "person" or g.surface not in _PERSONISH for g in overlaps):
                    continue
                chosen = [g for g in chosen if g not in overlaps]
            elif overlaps:
                continue
            chosen.append(Mention(_canonical(p, full), "person", p.start, p.end, texts[i][p.start:p.end]))
        result.append(sorted(chosen, key=lambda x: (x.start, x.end)))
    return result


def _with_local(text: str, found: list[Mention], language: str) -> list[Mention]:
    """Add the names written in ``language``; English names found too go by their local name."""
    from briefing.analysis.actors_local import find, local_actors

    known = local_actors(language)
    if known is None:
        return found
    local = [Mention(f.name, f.kind, f.start, f.end, text[f.start:f.end]) for f in find(text, language)]
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
