"""Actors named in Azerbaijani, Turkish, Russian, Ukrainian, Kazakh, Georgian and Armenian.

The English gazetteer (:mod:`briefing.analysis.actors`) finds "Russia" but not
"Rusiyanın", "Rusya'nın" or "России": these languages put case endings on
names.  Here each word is reduced to a key by taking its language's endings
off (Turkish: what follows the apostrophe; Azerbaijani, Kazakh, Georgian and
Armenian: suffixes, repeatedly; Russian and Ukrainian: one ending), and runs of
up to four keys are looked up among the keys of known names.  Names come from
``data/actors_local.json`` (common short forms, capitals, organisations,
places) and pycountry's translations of every country's name.  An actor is
shown by its name in the document's language ("Rusiya"), and an English name
found in the same text ("NATO", "Washington") is reported under that name too.

A match must start with a capital letter where the script has capitals, and
abbreviations ("ABŞ", "США") are matched exactly, so common words that share
a key with a name are rarely taken for it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import NamedTuple

from briefing.model import ActorKind
from briefing.resources import data_path

__all__ = ["LANGUAGES", "WORD", "LocalActors", "bare", "ending_re", "find", "fold", "local_actors", "stem", "stems_of"]

#: Endings a name takes, by language.  Agglutinative languages stack them.
_ENDINGS = {
    "az": ("dakı dəki ndan ndən nın nin nun nün dan dən yla ylə lar lər nda ndə "
           "ın in un ün ya yə nı ni nu nü da də la lə na nə lı li lu lü sı si su sü a ə ı i u ü"),
    "kk": ("ның нің дың дің тың тің дан ден тан тен нан нен мен бен пен лар лер дар дер тар тер "
           "ға ге қа ке на не да де та те ды ді ты ті ны ні ы і а е"),
    "ka": "ისთვის ისგან ისკენ იდან ასთან აში აზე ადან ისა ით ის ად მა ში თან ზე დან ამ ას ს მ ი ა",
    "hy": "ներից ներին ներով ների ում ից ով ին ու ի ը ն",
    "ru": ("ями ами ией ого его ому ему ыми ими ию ии ия ой ей ою ею ом ем ам ям ах ях ов ев ый ий ая яя "
           "ое ее ые ие ых их ую юю ым им а я у ю е и ы о ь й"),
    "uk": ("ями ами ією ого ому ими ію ії ія ою ею ом ем ам ям ах ях ів їв ий ій ої ім им ая "
           "а я у ю е є и і ї о ь й"),
}
_STACK = {"az", "kk", "ka", "hy"}  # endings follow one another ("Rusiya-da-kı")
_APOSTROPHE = {"tr", "az"}  # a suffix after an apostrophe: "Rusya'nın"
_CASELESS = {"ka"}  # Georgian is written without capitals
LANGUAGES = frozenset({"tr", *_ENDINGS})
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_MIN_STEM = 3
#: A translated one-word name with a stem shorter than this is matched only as
#: written ("Мали" is Mali, "Мало" is not), in scripts with and without capitals.
_SHORT = (4, 5)


class _Entry(NamedTuple):
    name: str  # as shown: the first form in the document's language
    kind: ActorKind  # "country", "organisation" or "place"
    role: str  # "name" | "capital"


def fold(word: str, language: str) -> str:
    """Lower case as the language has it (Turkish and Azerbaijani İ/ı), ё as е."""
    if language in ("tr", "az"):
        word = word.replace("İ", "i").replace("I", "ı")
    return word.lower().replace("ё", "е")


def bare(word: str, language: str) -> str:
    """A word as written, without what follows an apostrophe where that is a suffix."""
    return re.split(r"['’ʼ]", word)[0] if language in _APOSTROPHE else word


def stem(word: str, language: str) -> str:
    """The part of a name's word that its inflected forms begin with.

    Abbreviations ("ABŞ", "США") are kept as written and matched exactly.
    """
    word = bare(word, language)
    if len(word) >= 2 and word.isupper():
        return "=" + word
    word = fold(word, language)
    if language in ("ru", "uk", "ka"):  # the nominative's own ending goes: "Росси|я", "რუსეთ|ი"
        cut = next((e for e in _endings(language) if word.endswith(e) and len(word) - len(e) >= _MIN_STEM), "")
        return word[: len(word) - len(cut)]
    return word


@cache
def _endings(language: str) -> tuple[str, ...]:
    return tuple(sorted(set(_ENDINGS.get(language, "").split()), key=len, reverse=True))


@cache
def ending_re(language: str) -> re.Pattern[str]:
    """What may follow a stem: nothing, one ending, or (agglutinative) several."""
    alternatives = "|".join(map(re.escape, _endings(language))) or "(?!)"
    return re.compile(f"(?:{alternatives})*" if language in _STACK else f"(?:{alternatives})?")


def stems_of(word: str, language: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """The known stems ``word`` can be an inflected form of (usually none or one).

    A stem marked ``!`` is a whole word, matched only as written.
    """
    written = bare(word, language)
    if len(written) >= 2 and written.isupper():
        return ("=" + written,) if "=" + written in vocabulary else ()
    lower = fold(written, language)
    endings = ending_re(language)
    found = tuple(lower[:n] for n in range(len(lower), _MIN_STEM - 1, -1)
                  if lower[:n] in vocabulary and endings.fullmatch(lower, n))
    return ("!" + lower, *found) if "!" + lower in vocabulary else found


def _keys(text: str, language: str) -> tuple[str, ...]:
    return tuple(stem(m.group(), language) for m in WORD.finditer(text))


class LocalActors(NamedTuple):
    """The names known in one language, as :func:`local_actors` builds them."""

    table: dict[tuple[str, ...], _Entry]
    english: dict[str, str]  # English canonical name -> the name shown in this language
    longest: int
    vocabulary: frozenset[str]  # every stem of every name
    common: frozenset[str]  # words that are never a name in this language ("Mali": financial)


@cache
def local_actors(language: str) -> LocalActors | None:
    """The names known in ``language`` (None for a language without a table)."""
    if language not in LANGUAGES:
        return None
    from briefing.analysis.gazetteer import country_names

    with data_path("actors_local.json").open(encoding="utf-8") as fh:
        data = json.load(fh).get(language, {})
    english_names = country_names()
    table: dict[tuple[str, ...], _Entry] = {}
    ambiguous: set[tuple[str, ...]] = set()
    english: dict[str, str] = {}

    common = frozenset(data.get("common_words", []))

    def add(form: str, entry: _Entry, curated: bool) -> None:
        k = _keys(form, language)
        if not k or form in common:
            return
        if not curated and len(k) == 1 and len(k[0]) < _SHORT[language in _CASELESS]:
            k = tuple("!" + fold(bare(m.group(), language), language) for m in WORD.finditer(form))  # as written
        known = table.get(k)
        if known is None:
            table[k] = entry
        elif known.name != entry.name and not curated:
            ambiguous.add(k)  # two countries' translations meet: neither is reported

    curated_codes = data.get("countries", {})
    for code, forms in curated_codes.items():
        english[english_names[code]] = forms[0]
        for form in forms:
            add(form, _Entry(forms[0], "country", "name"), True)
    groups: tuple[tuple[str, ActorKind], ...] = (("organisations", "organisation"), ("places", "place"))
    for group, kind in groups:
        for canonical, forms in data.get(group, {}).items():
            english[canonical] = forms[0]
            for form in forms:
                add(form, _Entry(forms[0], kind, "name"), True)
    for code, forms in data.get("capitals", {}).items():
        shown = curated_codes[code][0] if code in curated_codes else english_names[code]
        for form in forms:
            add(form, _Entry(shown, "country", "capital"), True)
    for code, forms in _translations(language).items():
        if code in curated_codes or code not in english_names:
            continue
        english[english_names[code]] = forms[0]
        for form in forms:
            add(form, _Entry(forms[0], "country", "name"), False)
    for k in ambiguous:
        table.pop(k, None)
    vocabulary = frozenset(part for k in table for part in k)
    return LocalActors(table, english, max(len(k) for k in table), vocabulary, common)


def _translations(language: str) -> dict[str, list[str]]:
    """The names pycountry gives each country in ``language``, the common name first.

    A name without a translation stays as in English (the name the country
    has in this language too, or the best there is).
    """
    import gettext

    import pycountry

    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return {}
    out: dict[str, list[str]] = {}
    for country in pycountry.countries:
        forms = []
        for attr in ("common_name", "name", "official_name"):
            original = getattr(country, attr, None)
            if original:
                local = catalogue.gettext(original)
                if local not in forms:
                    forms.append(local)
        if forms:
            out[country.alpha_2] = forms
    return out


class Found(NamedTuple):
    """A known name found in a sentence: the name shown, its kind, where it is and its role."""

    name: str
    kind: ActorKind
    start: int
    end: int
    role: str


def find(text: str, language: str) -> list[Found]:
    """Known names in ``text`` (one sentence), longest first at each place, without overlaps."""
    from itertools import product

    known = local_actors(language)
    if known is None:
        return []
    words = list(WORD.finditer(text))
    stems = [stems_of(w.group(), language, known.vocabulary) for w in words]
    found: list[Found] = []
    i = 0
    while i < len(words):
        if not stems[i] or (language not in _CASELESS and words[i].group()[0].islower()):
            i += 1  # names are capitalised where the script has capitals
            continue
        match = None
        for n in range(min(known.longest, len(words) - i), 0, -1):
            if any(not text[words[j].end():words[j + 1].start()].isspace() for j in range(i, i + n - 1)):
                continue
            for combination in product(*stems[i : i + n]):
                entry = known.table.get(combination)
                if entry is not None and not (entry.role == "capital"
                                              and _names_something_else(words, stems, i + n, known)):
                    match = (n, entry)
                    break
            if match:
                break
        if match is None:
            i += 1
            continue
        n, entry = match
        found.append(Found(entry.name, entry.kind, words[i].start(), words[i + n - 1].end(), entry.role))
        i += n
    return found


def _names_something_else(words: list[re.Match[str]], stems: list[tuple[str, ...]], after: int,
                          known: LocalActors) -> bool:
    """A capital followed by a capitalised unknown word is part of another name ("Bakı Dövlət Universiteti")."""
    if after >= len(words):
        return False
    nxt = words[after].group()
    gap = words[after - 1].string[words[after - 1].end():words[after].start()]
    return gap.isspace() and nxt[0].isupper() and not any((s,) in known.table for s in stems[after])
