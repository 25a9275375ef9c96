"""People in English text: titles, roles, appositions, verbs of speech, and their surnames.

* a title before capitalised names ("President Ilham Aliyev", "Secretary of
  Defense Pete Hegseth", "Lord Oakeshott");
* an apposition, a role or a speech verb ("Joseph Biden, who ...", "David
  Richardson (then the Senior Official ...)", "Anthropic CEO Dario Amodei",
  "said Jane Roe");
* surname-only back-references to a person found by those rules anywhere in
  the document ("Aliyev", "Assad" for "Bashar al-Assad"), whose canonical
  name is the longest full name the document gives for that surname ("Trump"
  stays "Trump" if never written out).

A single word that the text also writes in lower case ("King Prawns" beside
"prawns") is no name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from briefing.analysis.gazetteer import gazetteer
from briefing.analysis.names import INSTITUTION_WORDS, NOT_ACTOR_WORDS, PERSONISH, STOP, Mention

__all__ = ["TITLE_WORDS", "Person", "canonical", "find_people", "person_patterns"]

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
    r"(?:Secretary of (?:the )?(?:State|Defen[cs]e|War|Treasury|Commerce|Labor|Energy|Education|Agriculture|"
    r"Transportation|Interior|Homeland Security|Health and Human Services|Housing and Urban Development|"
    r"Veterans Affairs)|"  # "Secretary of Defense Pete Hegseth"
    r"(?i:" + _alternation(_TITLES_ANY_CASE) + ")|" + _alternation(_TITLES_CAPITALISED) + ")"
)
TITLE_WORDS = frozenset(
    w for t in _TITLES_ANY_CASE + _TITLES_CAPITALISED for w in re.findall(r"[A-Z][a-z]+", t)
) | {"Vice", "Deputy", "Former", "Acting", "Senior"}
_ROLE = (
    r"(?:minister|president|secretary|ambassador|envoy|spokes\w+|advis[eo]r|leader|"
    r"chair\w*|director|head|chief|senator|official|analyst|expert|professor|researcher|"
    r"author|journalist|correspondent|editor|governor|mayor|general|commander|founder|"
    r"economist|diplomat|lawmaker|MP|deputy|member|CEO|spokesperson)"
)
# Roles written before a name, in lower case or as an acronym ("Anthropic CEO
# Dario Amodei", "company attorney David Boies"): a weak context, like a verb.
_ROLE_BEFORE = (r"(?:CEO|chief executive|co-chair|chair(?:man|woman)?|attorney|lawyer|spokes(?:man|woman|person)|"
                r"director|founder|producer|actor|actress|singer|novelist|author|analyst|economist|researcher|"
                r"professor|reporter|correspondent|columnist|editor|activist|journalist|commander|head|boss)")
_SPEECH = (r"(?:said|says|told|added|noted|stressed|argued|wrote|warned|explained|announced|declared|"
           r"emphasi[sz]ed|underlined|underscored)")


@cache
def _upper_class() -> str:
    """A regex character class of the upper-case letters below U+2000."""
    letters = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
    return "[" + re.escape(letters) + "]"


@cache
def person_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(title + name, weak contexts) regexes; each captures the name as ``name``."""
    tok = rf"(?:{_upper_class()}\.|{_upper_class()}\w*(?:[-'’]\w{{2,}})*)"
    particle = r"(?:bin|ibn|de|da|van|von|der|del|al|el|du|di|la|le)"
    seq = rf"{tok}(?:[ \u00a0](?:{particle}[ \u00a0-])?{tok}){{0,3}}"  # "Bashar al-Assad"
    strong = re.compile(rf"(?<![\w.]){_TITLE}[ \u00a0]+(?P<name>{seq})")
    weak = re.compile(
        rf"(?<![\w.])(?P<name>{seq})(?=,\s+(?:who|whose)\b"
        rf"|,\s+(?:the|a|an|then|now)\s+(?:[\w’'.-]+\s+){{0,4}}?{_ROLE}\b"
        rf"|\s+\((?:then|now|the|a|an)\s+(?:[\w’'.-]+\s+){{0,4}}?(?i:{_ROLE})\b"
        rf"|\s+{_SPEECH}\b)"
        rf"|\b(?:said|says|according\s+to)\s+(?P<name2>{seq})"
        rf"|\b{_ROLE_BEFORE}\s+(?P<name3>{seq})"
    )
    return strong, weak


class Person(NamedTuple):
    """A person found in one of the texts, and how strong the evidence is."""

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
        if word in STOP or word in TITLE_WORDS or (word in table and word not in PERSONISH):
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
    while kept and (kept[-1][1].endswith(".") or not _capitalised(kept[-1][1])):
        kept.pop()  # never end on an initial or a particle
    if not kept or (not strong and len(kept) < 2):
        return None
    if len(kept) == 1 and kept[0][1].lower() in lower:
        return None  # "King Prawns" where the text speaks of prawns
    if any(w in INSTITUTION_WORDS or w in NOT_ACTOR_WORDS for _, w in kept):
        return None  # "Assistance Grant", "Services Administration": never a person
    if not strong and len(kept) != len(words):
        return None
    return kept[0][0], tuple(w for _, w in kept)


def _capitalised(word: str) -> bool:
    """A capitalised word, or a surname behind a particle ("al-Assad")."""
    if word[:1].isupper():
        return True
    return bool(re.match(r"(?:al|el|ad|ash|bin|ibn|abu)-\w", word)) and word.split("-", 1)[1][:1].isupper()


def _surname(word: str) -> str:
    """A surname without its particle: "Assad" for "al-Assad"."""
    return word.split("-", 1)[1] if word[:1].islower() and _capitalised(word) else word


_GIVEN = re.compile(r"(?<![\w.])([^\W\d_][\w’'-]*)[ \u00a0]$")


def _given_name(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word``, written before a known surname, is a given name."""
    return (
        word[:1].isupper() and not word.isupper() and word not in STOP
        and word not in TITLE_WORDS and word.lower() not in lower
        and (word not in gazetteer() or word in PERSONISH)
    )


def find_people(texts: Sequence[str], lower: frozenset[str], found: list[list[Mention]]) -> list[Person]:
    """People in ``texts``; names overlapping ``found`` (unless personish) are not names."""
    strong_re, weak_re = person_patterns()
    people: list[Person] = []
    for i, text in enumerate(texts):
        taken = [(g.start, g.end) for g in found[i] if g.surface not in PERSONISH]

        def free(start: int, end: int, taken: list[tuple[int, int]] = taken) -> bool:
            return not any(a < end and start < b for a, b in taken)

        for m in strong_re.finditer(text):
            got = _trim(m, "name", lower, strong=True)
            if got:
                start, toks = got
                end = start + len(" ".join(toks))
                peer = re.search(r"\b(?:Lord|Lady|Baroness|Baron)[ \u00a0]+$", text[:start])
                if peer and len(toks) == 1:  # a peer goes by the title: "Lord Oakeshott"
                    start, toks = peer.start(), ("Lord" if "Lord" in peer.group() else peer.group().split()[0], *toks)
                if free(start, end):
                    people.append(Person(i, start, end, toks, 2))
        for m in weak_re.finditer(text):
            group = next(g for g in ("name", "name2", "name3") if m.group(g))
            got = _trim(m, group, lower, strong=False)
            if got:
                start, toks = got
                if free(start, start + len(" ".join(toks))):
                    people.append(Person(i, start, start + len(" ".join(toks)), toks, 1))
    known = {" ".join(p.tokens) for p in people} | {_surname(p.tokens[-1]) for p in people}
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
                people.append(Person(i, start, m.end(), tuple(text[start:m.end()].split()), 0))
    return people


def canonical(person: Person, full: list[Person]) -> str:
    """The longest compatible full name; ties go to the nearest preceding one."""
    def compatible(other: tuple[str, ...]) -> bool:
        it = iter(other)
        return (_surname(other[-1]) == _surname(person.tokens[-1])
                and all(t in it for t in person.tokens[:-1]))

    here = (person.text, person.start)
    candidates = [p for p in full if compatible(p.tokens)]
    if not candidates:
        return " ".join(person.tokens)

    def key(p: Person) -> tuple[int, int, tuple[int, int]]:
        pos = (p.text, p.start)
        before = pos <= here
        return (-len(p.tokens), 0 if before else 1, (-pos[0], -pos[1]) if before else pos)

    return " ".join(min(candidates, key=key).tokens)
