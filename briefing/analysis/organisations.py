"""Organisations a document names itself, beyond the gazetteer's list.

Three kinds of evidence, read over the whole document before any mention is
counted:

* **an acronym definition**, in either order: "the Maritime Inspection
  Service (MIS)", "MIS (Maritime Inspection Service)".  The long form must
  contain a word that names an institution, and its initials must spell the
  acronym (the matching of Schwartz and Hearst, 2003: every letter of the
  short form, right to left, in the long form, the first at a word's start).
  Both forms are then one actor, named by the long form;
* **an institution phrase**: capitalised words ending in a word that names an
  institution ("Supreme Court", "House Appropriations Committee"), or opening
  with one and going on with "of" or "for" ("Department of Commerce", "Centers
  for Disease Control and Prevention").  A phrase that goes on to name a law or
  a programme ("Federal Reserve Act") is not an organisation;
* **a company by its context**: "manufacturer Ingersoll Rand", "Walgreen, the
  nation's largest drug retailer", "chief executive of Aviva", "Aviva's
  shares", "companies such as Pfizer, Walgreen and Mylan", "Raw Farm, LLC";
  and an undefined acronym that acts ("FEMA issued", "FEMA said").

In Russian, Ukrainian and Kazakh text a name written in Latin letters twice
or more ("Toyota", "BMW") is a company or a brand.  In Turkish and
Azerbaijani the institution word ends the phrase with the
language's endings ("Dışişleri Bakanlığı'nın", "Xarici İşlər Nazirliyinin").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from briefing.analysis.gazetteer import gazetteer
from briefing.analysis.names import INSTITUTION_WORDS, NOT_ACTOR_WORDS

__all__ = ["Organisation", "find_organisations"]


class Organisation(NamedTuple):
    """One mention of an organisation in one of the texts."""

    name: str  # canonical: the long form, the most written form
    text: int  # which text
    start: int
    end: int


# Stems of institution words in Turkish and Azerbaijani (the word may carry endings).
_HEADS_LOCAL = {
    "tr": ("bakanlığ", "hükümet", "yönetim", "idaresi", "bakanlık", "kurum", "kurul", "ajans", "banka", "fon",
           "konsey", "meclis", "komisyon",
           "mahkeme", "başkanlığ", "başkanlık", "müdürlüğ", "müdürlük", "daire", "üniversite", "enstitü", "dernek",
           "derneğ", "şirket", "vakf", "vakıf", "parti", "teşkilat", "örgüt", "imparatorluğ", "imparatorluk",
           "birliğ", "birlik", "akademi", "odası", "konfederasyon", "federasyon", "holding"),
    "az": ("nazirliy", "nazirlik", "komitə", "agentliy", "agentlik", "xidmət", "bank", "fond", "şura", "məclis",
           "komissiya", "məhkəmə", "idarə", "departament", "universitet", "institut", "palata", "assosiasiya",
           "şirkət", "partiya", "təşkilat", "imperiya", "ittifaq", "akademiya", "federasiya", "holdinq",
           "administrasiya", "aparat", "hökumət"),
}
_CONNECT = frozenset({"of", "for", "and", "on", "the", "de", "du", "des", "&"})
_OPENERS = frozenset("""
A An The In On At By For From To With And But Or As After Before During Since Until Although Though However
Meanwhile Moreover Furthermore Thus Therefore Also Even Yet Still Then Now Today This That These Those It Its
He She They We I You His Her Their Our There Here When Where While If Whether Both Each Every All Some Many
Most Several Other Another Such Under Within Between Among Against Despite Following According Unlike Like
Through Toward Towards Upon Amid About Above Below Last Next First New Former Acting Current Recent Only
Democratic Republican Senate House Congressional Federal State Several Any No Nor Not
""".split()) - {"Democratic", "Republican", "Senate", "House", "Congressional", "Federal", "State"}
_CALENDAR = frozenset("""
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split())
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*|&")
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"[A-Z][A-Za-z&.-]{0,9}")
_DEFINED_AFTER = re.compile(r"\((?:the\s+)?(?P<short>[A-Z][A-Za-z&.-]{1,10}?)(?:['’]s)?\)")
_DEFINED_BEFORE = re.compile(r"(?<![\w.])(?P<short>[A-Z][A-Z&.-]{1,9})\s+\((?P<long>[A-Z][^()]{3,100})\)")

# Company contexts (English): a kind of company before the name, after it in
# apposition, a company's people or shares around it, a legal form after it.
_NAME = r"(?P<name>[A-Z][\w&'’.-]*(?:[ \u00a0][A-Z][\w&.-]*){0,2})"
_COMPANY = (r"(?:company|firm|carmaker|automaker|drugmaker|insurer|retailer|manufacturer|studio|airline|"
            r"conglomerate|broadcaster|newspaper|agency|bank|lender|charity|supplier|maker|giant|chain|group|"
            r"outlet|network|startup|start-up|subsidiary)")  # not "producer", "developer": people too
_PEOPLE_OF = (r"(?:chief executive(?: officer)?|CEO|chairman|chairwoman|co-chair|boss|founder|spokesman|"
              r"spokeswoman|spokesperson|shareholders|employees|staff|workers|lawyers?|attorneys?|owners?)")
_CONTEXTS = (
    re.compile(rf"\b{_COMPANY}[ \u00a0]+{_NAME}"),
    re.compile(rf"(?<![\w.]){_NAME},[ \u00a0]+(?:the|a|an|its)[ \u00a0]+(?:[\w'’-]+[ \u00a0]+){{0,4}}?"
               rf"{_COMPANY}s?\b(?!['’])"),
    re.compile(rf"\b{_PEOPLE_OF}[ \u00a0]+(?:of|at)[ \u00a0]+{_NAME}"),
    re.compile(rf"(?<![\w.]){_NAME}(?:['’]s?)?[ \u00a0]+(?:{_PEOPLE_OF}|head|shares|share price|stock|factory|"
               rf"plant|headquarters|board)\b"),
    re.compile(rf"(?<![\w.]){_NAME},?[ \u00a0]+(?:Inc|Corp|Co|Ltd|LLC|L\.L\.C|plc|PLC|AG|SA|GmbH|NV)\b"),
)
# "companies such as Pfizer, Walgreen, Medtronic and Mylan"; Azerbaijani and
# Russian lists of car makers and companies.
_LIST = re.compile(
    r"\b(?:companies|firms|giants|carmakers|automakers|manufacturers|makers|producers|retailers|banks|insurers|"
    r"istehsalçıları|şirkətləri|şirketleri|üreticileri|компании|производители|автопроизводители|концерны)"
    r"[ \u00a0]+(?:(?:such as|including|like|как|kimi|gibi)[ \u00a0]+)?"
    r"(?P<names>[A-Z][\w&.-]*(?:[ \u00a0][A-Z][\w&.-]*){0,2}"
    r"(?:(?:,[ \u00a0]*|,?[ \u00a0]+(?:and|və|ve|и)[ \u00a0]+)[A-Z][\w&.-]*(?:[ \u00a0][A-Z][\w&.-]*){0,2})+)"
)
_LIST_SPLIT = re.compile(r",[ \u00a0]*|,?[ \u00a0]+(?:and|və|ve|и)[ \u00a0]+")
_ACTS = re.compile(
    r"(?:['’]s)?[ \u00a0]+(?:(?:has|had|have|will|would|may|also|then|later|did|does|could|should|must|"
    r"is to|was to|has since)[ \u00a0]+)?(?:said|says|stated|states|announced|issued|indicated|provided|reported|"
    r"estimated|estimates|found|published|released|proposed|requested|awarded|approved|launched|cancell?ed|"
    r"canceled|filed|urged|warned|argued|noted|added|told|asked|expects|plans|planned|intends|agreed|signed|"
    r"decided|ruled|ordered|sued|held|determined|concluded|recommended|submitted|testified|imposed|received|"
    r"spent|began|started|opened|closed|sent|made|took|set|notified|terminated|confirmed|denied|declined|"
    r"responded|began|administers|oversees|manages|operates|conducts|collects|funds|regulates)\b"
)


_CYRILLIC = frozenset({"ru", "uk", "kk"})
_NOT_NAMES = frozenset({"Brexit", "Internet", "COVID", "Covid", "OK"})
_LATIN_NAME = re.compile(r"(?<![\w&.-])[A-Z][A-Za-z&-]*(?: [A-Z][A-Za-z&-]*){0,2}(?![\w&-])")


def _initials_match(short: str, long: str) -> bool:
    """Schwartz–Hearst: ``short``'s letters right to left in ``long``, the first at a word start."""
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return False
    text = long.lower()
    i = len(text) - 1
    for k in range(len(letters) - 1, -1, -1):
        c = letters[k]
        while i >= 0 and (text[i] != c or (k == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


class _Run(NamedTuple):
    start: int
    words: list[re.Match[str]]


def _runs(text: str) -> list[_Run]:
    """Maximal runs of capitalised words, joined by spaces and the connecting words of names."""
    runs: list[_Run] = []
    current: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    last_end = -1
    for m in _WORD.finditer(text):
        word = m.group()
        gap = text[last_end:m.start()] if last_end >= 0 else ""
        joined = last_end >= 0 and gap in (" ", "\u00a0")
        if word[:1].isupper():
            if current and joined and not (pending and word in _CALENDAR):
                current.extend(pending)
                current.append(m)
            else:
                if current:
                    runs.append(_Run(current[0].start(), current))
                current = [m]
            pending = []
        elif current and joined and word in _CONNECT and (not pending or pending[-1].group() in ("of", "for", "on")):
            pending.append(m)
        else:
            if current:
                runs.append(_Run(current[0].start(), current))
            current, pending = [], []
        last_end = m.end()
    if current:
        runs.append(_Run(current[0].start(), current))
    return runs


_ABBREVIATED = frozenset({"Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "Dept."})


def _clean(word: str) -> str:
    """A name's last word without a possessive or a sentence's full stop ("Committee." but not "U.S.")."""
    if word.endswith(".") and word.count(".") == 1 and word not in _ABBREVIATED:
        word = word[:-1]
    return _POSSESSIVE.sub("", word.rstrip(","))


def _modifier(words: list[re.Match[str]], i: int, head: int) -> bool:
    """Whether ``words[i]`` belongs to the name of the institution headed by ``words[head]``."""
    word = words[i].group()
    if word in ("and", "&"):
        return i + 1 < head  # "Food and Drug Administration", not "House and Senate"
    return (word[:1].isupper() and word not in _OPENERS and not _POSSESSIVE.search(word)
            and not re.search(r"-(?:based|led|backed|owned|run|funded)$", word))


def institution_word(word: str, language: str) -> bool:
    """Whether ``word`` names an institution in ``language`` ("Ministry", "Nazirliyi", "Министерство")."""
    return _head(word, language) or bool(re.fullmatch(f"(?i:{_HEADS_RU})", word))


def _head(word: str, language: str) -> bool:
    bare = _clean(word)
    if bare in INSTITUTION_WORDS:
        return True
    stems = _HEADS_LOCAL.get(language)
    if not stems:
        return False
    low = re.split(r"['’]", bare)[0].replace("İ", "i").replace("I", "ı").lower()
    return any(low.startswith(s) and len(low) - len(s) <= 5 for s in stems)


def _phrases(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of institution phrases in ``text``."""
    found: list[tuple[int, int]] = []
    for run in _runs(text):
        words = run.words
        while words and (words[0].group() in _OPENERS or words[0].group().lower() in _CONNECT):
            words = words[1:]
        caps = [w for w in words if w.group()[:1].isupper()]
        if len(caps) < 2 or _clean(caps[-1].group()) in NOT_ACTOR_WORDS:
            continue
        for k, w in enumerate(words):
            if not w.group()[:1].isupper() or not _head(w.group(), language):
                continue
            rest = words[k + 1:]
            j = k  # "House Appropriations Committee": back over capitals and "and"
            while j > 0 and _modifier(words, j - 1, k):
                j -= 1
            while j < k and not words[j].group()[:1].isupper():
                j += 1
            if rest and rest[0].group() in ("of", "for", "on") and not _POSSESSIVE.search(w.group()):
                start, end = words[j].start(), words[-1].end()  # "Department of Commerce"
            elif j < k and (not rest or _POSSESSIVE.search(w.group())):
                start, end = words[j].start(), w.end()
            else:
                continue
            last = text[start:end].split()[-1]
            end -= len(last) - len(_clean(last))
            found.append((start, end))
            break
    return found


# Russian and Ukrainian put the institution word first, its complement after in
# the genitive ("Министерство иностранных дел", "Совет Федерации"), an
# adjective before it ("Государственная дума", "Верховный суд").
_HEADS_RU = (r"(?:Министерств|Комитет|Агентств|Служб|Совет|Комисси|Суд|Управлени|Департамент|Ведомств|Банк|Фонд|"
             r"Институт|Университет|Академи|Компани|Корпораци|Парти|Дум|Палат|Парламент|Міністерств|Комітет|"
             r"Агентств|Служб|Рад|Верховн|Центробанк|Госдум)[а-яёіїєґ]*")
_RU_PHRASE = re.compile(
    rf"(?<![\w-])(?:[А-ЯЁІЇЄ][а-яёіїєґ]+(?:ая|ый|ий|ое|ой|а|ий)\s)?(?i:{_HEADS_RU})"
    r"(?:\s[а-яёіїєґ]+(?:ых|их|ого|его|ой|ей|ии|ия|ов|ев|ел|ства|ения|ания|ти|ы)){0,3}"
    r"(?:\s[А-ЯЁІЇЄ][а-яёіїєґ]+(?:ии|ы|а|и))?(?![\w-])"
)


def _phrases_ru(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of Russian and Ukrainian institution names of two words or more, capitalised."""
    if language not in ("ru", "uk"):
        return []
    return [m.span() for m in _RU_PHRASE.finditer(text) if " " in m.group() and m.group()[:1].isupper()]


def _long_form(text: str, start: int, short: str, language: str) -> tuple[int, int] | None:
    """The long form written just before ``(short)`` at ``start``, if its initials spell ``short``."""
    before = text[max(0, start - 200):start].rstrip()
    offset = start - len(text[max(0, start - 200):start]) + 0
    runs = _runs(before)
    if not runs:
        return None
    run = runs[-1]
    if run.words[-1].end() != len(before):
        return None
    words = run.words
    while words and (words[0].group() in _OPENERS or not words[0].group()[:1].isupper()):
        words = words[1:]
    # the shortest tail of the run that spells the acronym, then back over
    # leading capitals that belong to the name ("Department of" before "Health …")
    for k in range(len(words) - 1, -1, -1):
        if not words[k].group()[:1].isupper():
            continue
        candidate = before[words[k].start():]
        if _initials_match(short, candidate):
            j = k
            while j > 0 and not _POSSESSIVE.search(words[j - 1].group()) and words[j - 1].group() not in _OPENERS:
                j -= 1
            while j < k and not words[j].group()[:1].isupper():
                j += 1
            name_words = words[j:]
            if not any(_head(w.group(), language) for w in name_words if w.group()[:1].isupper()):
                return None
            begin = words[j].start() + offset
            last = words[-1].group()
            return begin, begin + len(before) - words[j].start() - (len(last) - len(_clean(last)))
    return None


def find_organisations(texts: Sequence[str], language: str = "en", *, stop: frozenset[str] = frozenset(),
                       persons: frozenset[str] = frozenset()) -> list[list[Organisation]]:
    """The organisations of one document (``texts`` are its sentences), one list of mentions per text.

    ``stop`` are capitalised words that never name one alone ("Members",
    "January"); ``persons`` are words known to name people ("Obama"): a name
    made of them is never taken for a company, nor is a name the gazetteer knows.
    """
    forms: dict[str, str] = {}  # surface -> key
    written: dict[str, Counter[str]] = defaultdict(Counter)  # key -> long forms as written
    acronyms: dict[str, str] = {}  # acronym -> key
    defined: set[str] = set()  # acronyms the document defines, as organisations or not
    stop = stop | frozenset(gazetteer())

    def add(surface: str, key: str | None = None) -> str:
        surface = surface.strip()
        key = key or forms.get(surface) or surface
        forms.setdefault(surface, key)
        return key

    for text in texts:
        for m in _DEFINED_AFTER.finditer(text):
            short = m.group("short")
            if sum(c.isupper() for c in short) < 2 or short in stop:
                continue
            defined.add(short)
            span = _long_form(text, m.start(), short, language)
            if span:
                long = text[span[0]:span[1]]
                key = add(long)
                written[key][long] += 1
                acronyms.setdefault(short, key)
        for m in _DEFINED_BEFORE.finditer(text):
            short, long = m.group("short"), m.group("long").strip()
            defined.add(short)
            if _initials_match(short, long) and any(_head(w, language) for w in long.split()):
                key = add(long)
                written[key][long] += 1
                acronyms.setdefault(short, key)
        for start, end in [*_phrases(text, language), *_phrases_ru(text, language)]:
            key = add(text[start:end])
            written[key][text[start:end]] += 1
        for pattern in _CONTEXTS:
            for m in pattern.finditer(text):
                name = _company(m.group("name"), stop, persons)
                if name:
                    add(name)
        for m in _LIST.finditer(text):
            for piece in _LIST_SPLIT.split(m.group("names")):
                name = _company(piece, stop, persons)
                if name:
                    add(name)
    for short, key in acronyms.items():
        forms.setdefault(short, key)
    # "U.S. Department of Commerce", "Türkiye Dışişleri Bakanlığı": the same body as without the country.
    table = gazetteer()
    remap: dict[str, str] = {}
    for surface in list(forms):
        first, _, rest = surface.partition(" ")
        entry = table.get(first)
        if entry is not None and entry.kind == "country" and len(rest.split()) >= 2 and forms[surface] == surface:
            bare_rest = re.split(r"['’]", rest)[0] if language in _HEADS_LOCAL else rest
            key = forms.get(bare_rest) or add(bare_rest)
            remap[surface] = key
            written[key].update(written.pop(surface, Counter()))
    forms = {s: remap.get(k, k) for s, k in forms.items()}
    # An undefined acronym that acts twice ("FEMA issued", "FEMA said").
    acting: Counter[str] = Counter()
    for text in texts:
        for m in re.finditer(r"(?<![\w.])([A-Z][A-Z&]{2,7})(?![\w.])", text):
            short = m.group(1)
            if short not in forms and short not in defined and short not in stop and _ACTS.match(text, m.end()):
                acting[m.group(1)] += 1
    for short, n in acting.items():
        if n >= 2:
            add(short)
    if language in _CYRILLIC:  # a name in Latin letters in Cyrillic text is a brand or a company: "Toyota", "BMW"
        latin: Counter[str] = Counter(m.group() for text in texts for m in _LATIN_NAME.finditer(text))
        for name, n in latin.items():
            if n >= 2 and name not in stop and name not in _NOT_NAMES and not any(w in persons for w in name.split()):
                add(name)
    if not forms:
        return [[] for _ in texts]
    # Names as written with the language's endings: one key per bare form.
    if language in _HEADS_LOCAL:
        for surface in list(forms):
            bare = re.split(r"['’]", surface)[0]
            forms.setdefault(bare, forms[surface])
    canonical = {key: (written[key].most_common(1)[0][0] if written[key] else key) for key in set(forms.values())}
    canonical = {key: re.split(r"['’]", name)[0] if language in _HEADS_LOCAL else name
                 for key, name in canonical.items()}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    pattern = re.compile(rf"(?<![\w.&-])(?:{alternatives})(?![\w&-]|\.\w)")
    result: list[list[Organisation]] = []
    for i, text in enumerate(texts):
        found: list[Organisation] = []
        for m in pattern.finditer(text):
            name = canonical[forms[m.group()]]
            if found and found[-1].name == name and text[found[-1].end:m.start()].strip() in ("(", "(the"):
                continue  # the acronym of a definition is not a second mention
            found.append(Organisation(name, i, m.start(), m.end()))
        result.append(found)
    return result


def _company(name: str, stop: frozenset[str], persons: frozenset[str]) -> str | None:
    """A company name from a context match, or None when it is a stop word, a title or a person's."""
    words = name.replace("\u00a0", " ").split()
    while words and (words[0] in stop or words[0] in _OPENERS):
        words = words[1:]
    while words and words[-1] in stop:
        words = words[:-1]
    if not words:
        return None
    words[-1] = _clean(words[-1])
    if any(w in persons for w in words) or (len(words) == 1 and len(words[0]) < 2):
        return None
    return " ".join(words)
