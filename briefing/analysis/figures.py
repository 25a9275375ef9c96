"""Figures in a text: amounts of money, percentages, durations, quantities, counts.

A figure is a number with something that says what it measures: a currency
("$4.5 billion", "200 million manat"), a percent sign or word ("30%",
"30 per cent"), a time unit ("99-year", "thirty years"), a physical unit
("10 million barrels", "20 bcm", "1,768-kilometre") or a counted noun
("1,200 soldiers", "15 countries").  A bare number is not a figure, and
neither is

* anything ``dates.find_dates`` reports (a span is never both a date and a
  figure): "in 1992", "September 11";
* a label: "Section 907", "Article 5", "Resolution 2334";
* part of a name or code: "G20", "F-16", "COVID-19", ordinals ("2nd");
* a time that is a date, not a length: "two years ago".

Spelled-out numbers (two to a hundred, "a dozen") are read in durations only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from briefing.analysis.dates import LABEL_BEFORE, find_dates
from briefing.model import FigureKind

__all__ = ["FigureMention", "find_figures", "gist"]


@dataclass(frozen=True)
class FigureMention:
    """One figure found in a text."""

    start: int
    end: int
    value: str  # as written: "99-year", "$4.5 billion", "30%", "10 million barrels"
    kind: FigureKind
    number: float | None  # 99.0, 4.5e9, 30.0
    unit: str | None  # "year", "USD", "%", "barrels"


_SCALES = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "mln": 6,
    "billion": 9, "bn": 9, "bln": 9, "trillion": 12, "tn": 12,
}
_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "us dollars": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "₼": "AZN", "azn": "AZN", "manat": "AZN", "manats": "AZN",
    "₽": "RUB", "rub": "RUB", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "₺": "TRY", "try": "TRY", "lira": "TRY", "liras": "TRY",
    "¥": "JPY", "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "cny": "CNY", "rupees": "INR",
}
_UNITS = {  # physical units, as written (lower case) -> unit reported
    "barrel": "barrels", "barrels": "barrels", "barrels per day": "barrels per day",
    "barrels a day": "barrels per day", "b/d": "barrels per day", "bpd": "barrels per day",
    "bcm": "bcm", "tcm": "tcm", "cubic metres": "cubic metres", "cubic meters": "cubic metres",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "miles", "miles": "miles", "tonne": "tonnes", "tonnes": "tonnes", "ton": "tonnes",
    "tons": "tonnes", "kg": "kg", "mw": "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW",
    "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "hectare": "hectares",
    "hectares": "hectares", "sq km": "km²", "square kilometres": "km²",
    "square kilometers": "km²", "km²": "km²",
}
_TIME_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "decade": "decade",
               "hour": "hour", "minute": "minute", "second": "second", "century": "century", "centurie": "century"}
_COUNT_NOUNS = frozenset("""
people persons men women children troops soldiers servicemen personnel peacekeepers
refugees civilians casualties deaths victims officers police fighters militants
prisoners hostages detainees tanks vehicles aircraft jets drones missiles ships
votes seats delegates workers employees jobs students households homes residents
families
""".split())
_NOT_PLURAL = frozenset("""
was has is its his this thus plus as us yes across always perhaps towards afterwards
whereas unless less various previous serious famous obvious numerous tremendous
years months weeks days decades hours minutes seconds centuries times
shows provides requires includes means remains seems appears says states notes finds adds makes takes gives
does goes covers defines allows sets lists describes explains contains applies
""".split())

_DIGIT = r"\d"
_NUM = r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
_START = r"(?<![\w.,/])(?<![A-Za-z]-)"
_SCALE_WORD = r"(?:\s(?P<scale>thousand|million|billion|trillion|mln|bln))"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_WORD_NUMBER = (
    r"(?P<word>(?i:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_ONES) + r"))?"
    r"|(?:a|one)\s+hundred|(?:a\s+)?dozen|" + "|".join(_TEENS + _ONES[1:]) + r"))"
)
_TIME = (r"(?P<unit>years?|months?|weeks?|days?|decades?|hours?|minutes?|seconds?|century|centuries)"
         r"(?:,?\s(?:and\s)?\d+\s(?:months?|weeks?|days?|hours?|minutes?|seconds?))?")  # "1 hour 17 minutes"

# (kind, regex source), in order of preference; compiled on first use.
_PATTERNS: list[tuple[FigureKind, str]] = [
    ("amount", (
        rf"(?<![\w.,/])(?P<cur>US\$|[$€£¥₼₽₺]|(?:USD|EUR|GBP|AZN|RUB)\s?)\s?{_NUM}"
        r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|bln|bn|mn|tn|m|k))?(?![\w])")),
    ("amount", (
        rf"{_START}{_NUM}{_SCALE_WORD}?\s(?P<cur>(?:US\s)?dollars?|euros?|pounds(?:\ssterling)?|"
        r"manats?|AZN|USD|EUR|GBP|rubles?|roubles?|RUB|liras?|TRY|yuan|CNY|yen|rupees)(?![\w])")),
    ("percentage", (
        rf"{_START}{_NUM}\s?(?P<unit>%|percent(?:age points?)?\b|per\scent\b)")),
    ("quantity", (
        rf"{_START}{_NUM}{_SCALE_WORD}?[\s-](?P<unit>barrels?(?:\s(?:per|a)\sday)?|b/d|bpd|bcm|tcm|"
        r"cubic\smet(?:re|er)s|kilomet(?:re|er)s?|km²|km|miles?|tonnes?|tons?|kg|MW|GW|kWh|MWh|"
        r"GWh|TWh|megawatts|gigawatts|hectares?|sq\.?\s?km|square\skilomet(?:re|er)s)(?![\w])")),
    ("duration", rf"{_START}{_NUM}[\s-]{_TIME}(?![\w])"),
    ("duration", rf"(?<![\w-]){_WORD_NUMBER}[\s-]{_TIME}(?![\w])"),
    ("count", (
        rf"{_START}{_NUM}{_SCALE_WORD}?\s(?P<w1>[A-Za-z][\w-]*)(?:\s(?P<w2>[a-z]+)(?![\w-]))?")),
]


@cache
def _rx(source: str) -> re.Pattern[str]:
    """The compiled form of a regex source."""
    return re.compile(source)


def _spelled(word: str) -> int:
    """The value of a spelled-out number matched by ``_WORD_NUMBER``."""
    words = re.split(r"[\s-]+", word.lower())
    if words[-1] == "hundred":
        return 100
    if words[-1] == "dozen":
        return 12
    total = 0
    for w in words:
        if w in _TENS:
            total += 10 * (_TENS.index(w) + 2)
        elif w in _ONES:
            total += _ONES.index(w) + 1
        else:
            total += _TEENS.index(w) + 10
    return total


def _number(m: re.Match[str]) -> float:
    value = Decimal(m.group("num").replace(",", ""))
    scale = m.groupdict().get("scale")
    if scale:
        value *= Decimal(10) ** _SCALES[scale.lower()]
    return float(value)


def _read(kind: str, m: re.Match[str]) -> tuple[float | None, str | None] | None:
    """(number, unit) of a candidate, or None when it is not a figure."""
    groups = m.groupdict()
    if kind == "amount":
        cur = " ".join(groups["cur"].lower().split())
        return _number(m), _CURRENCIES[cur]
    if kind == "percentage":
        unit = groups["unit"].lower()
        return _number(m), "percentage points" if "points" in unit or unit.endswith("point") else "%"
    if kind == "quantity":
        unit = " ".join(groups["unit"].lower().replace("sq.", "sq").split())
        return _number(m), _UNITS.get(unit, unit)
    if kind == "duration":
        unit = _TIME_UNITS[groups["unit"].lower().rstrip("s")]
        number = float(_spelled(groups["word"])) if groups.get("word") else _number(m)
        return number, unit
    return None


def _count(m: re.Match[str]) -> tuple[int, str] | None:
    """(end, noun) of a count: "15 countries", "1,200 Azerbaijani soldiers"."""
    def countable(word: str, strict: bool) -> bool:
        plural = word.endswith("s") and len(word) > 3 and not word.endswith("ss")
        return word in _COUNT_NOUNS or (not strict and plural and word.islower() and word not in _NOT_PLURAL)

    if countable(m.group("w1"), strict=False):
        return m.end("w1"), m.group("w1")
    if m.group("w2") and countable(m.group("w2"), strict=True):  # an adjective between
        return m.end("w2"), m.group("w2")
    return None


def find_figures(text: str) -> list[FigureMention]:
    """Find the figures in ``text``, in order, without overlaps.

    Where candidates overlap, the longest wins, then the earlier kind in
    amount, percentage, quantity, duration, count.
    """
    has_digit = _rx(_DIGIT).search(text) is not None
    dates = [(d.start, d.end) for d in find_dates(text)] if has_digit else []
    candidates: list[tuple[int, int, int, FigureMention]] = []
    for rank, (kind, source) in enumerate(_PATTERNS):
        pattern = _rx(source)
        if not has_digit and "word" not in pattern.groupindex:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(a < end and start < b for a, b in dates):
                continue
            if _rx(LABEL_BEFORE).search(text, max(0, start - 16), start):
                continue
            if kind == "duration" and re.match(r"\s+ago\b", text[end:end + 8]):
                continue
            unit: str | None
            if kind == "duration" and re.match(r"[-\s]old\b", text[end:end + 5]):
                continue  # "54-year-old": an age
            if kind == "count":
                if "." in m.group("num"):
                    continue  # "3000.09 defines": a document number, not a count of things
                counted = _count(m)
                if counted is None:
                    continue
                end, unit = counted
                number: float | None = _number(m)
            else:
                read = _read(kind, m)
                if read is None:
                    continue
                number, unit = read
            figure = FigureMention(start, end, text[start:end], kind, number, unit)
            candidates.append((start, -(end - start), rank, figure))
    chosen: list[FigureMention] = []
    for _, _, _, figure in sorted(candidates, key=lambda c: c[:3]):
        if all(f.end <= figure.start or figure.end <= f.start for f in chosen):
            chosen.append(figure)
    return sorted((_with_rate(f, text) for f in chosen), key=lambda f: f.start)


_RATE = re.compile(r"\s(?:a|per|each)\s(?:year|month|week|day)\b|\s(?:annually|yearly)\b")


def _with_rate(figure: FigureMention, text: str) -> FigureMention:
    """An amount or a quantity with the rate written after it: "10 million tonnes a year"."""
    m = _RATE.match(text, figure.end) if figure.kind in ("amount", "quantity") else None
    if m is None:
        return figure
    return FigureMention(figure.start, m.end(), text[figure.start:m.end()], figure.kind, figure.number,
                         figure.unit)


# Words that end the noun phrase a figure belongs to.
_GIST_STOP = re.compile(
    r"^(?:was|were|is|are|be|been|has|have|had|will|would|could|can|may|might|should|must|"
    r"that|which|who|and|but|or|to|as|by|while|when|after|before|than|since|because|said|says)$",
    re.IGNORECASE,
)
_GIST_WORDS = 6
_PREPOSITIONS = frozenset("in on at by since until from over during within after before to for of with against under "
                          "between among about around via per".split())
# Words a few-word label must not end on.
_DANGLING = frozenset("of on in for the a an with at from to by and or as than over under about across through into "
                      "onto toward towards via between among against per within without its their his her "
                      "despite related linked tied due according compared relative thanks".split())


# Words a label read from after the figure must not open with: a verb or a
# conjunction means the figure ended its phrase ("$5 million *provides*").
_NOT_OPENING = frozenset("""
if but when where whether though although unless because so then thus also only even just not no
provides provide provided shows show showed gets get got says said wrote writes means mean meant makes made
receives received pays paid earns earned costs cost takes took gives gave compares compared starting
""".split())


def gist(figure: FigureMention, text: str) -> str:
    """A phrase that says what ``figure`` measures, taken from ``text``; empty when there is none.

    In order: the noun phrase the figure completes with "of", "at" or "worth"
    ("*the tariff rate* of 50%", "*loans* of up to €2.5 billion *for ports*");
    the words after the figure up to the end of its phrase ("99-year
    *cooperation agreement on the Zangazur Corridor*"), unless they open with
    a verb or a conjunction; what changed ("the budget rose by 15%": "rise in
    the budget"); what went from one value to it ("raising *capacity* from 15
    million to 25 million tonnes"); who did it ("Congress appropriated $1.2
    billion": "appropriated by Congress").  Never ending on "of", "and" or the
    like, never a clause cut in the middle ("Norway provided MIS with an
    additional"), never only a time ("a year", "2030").
    """
    after = re.split(r"[,;:!?()\u2013\u2014]|(?<!\b[A-Z])\.(?=\s|$)", text[figure.end:], maxsplit=1)[0].split()
    words: list[str] = []
    for word in after:
        if _GIST_STOP.match(word) or len(words) == _GIST_WORDS:
            break
        words.append(word)
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    if figure.kind == "amount" and len(words) > 1 and words[0].lower() == "in":
        words = words[1:]  # "$100 billion *in additional funding*"
    purpose = " ".join(words) if words and words[0].lower() in ("to", "for") and len(words) > 1 else ""
    before = re.split(r"[,;:!?()\u2013\u2014]|(?<!\b[A-Z])\.(?=\s|$)", text[:figure.start])[-1].split()
    tail = " ".join(before[-_GIST_WORDS - 2:]) + " "
    done_to = _done_to(tail, figure)
    for label in (_of_phrase(before), _following(words), done_to, _changed(tail), _from_to(tail), _done_by(tail)):
        if label and purpose and len(label.split()) <= 4 and not label.endswith(purpose):
            label = f"{label} {purpose}"  # "loans *for ports*"
        if label and _says_something(label):
            return label.rstrip(".,;:")
    return ""


def _following(words: list[str]) -> str:
    """The words after a figure, when they name what it counts ("50% *tariffs on copper imports*")."""
    if len(words) > 1 and words[0].lower() == "of":
        words = words[1:]  # "2.7 million tonnes *of cargo*"
    while len(words) > 1 and words[0].lower() in ("a", "an", "the", "its", "their", "his", "her", "our"):
        words = words[1:]
    if words and words[0].lower() not in _PREPOSITIONS and words[0].lower() not in _NOT_OPENING \
            and not words[0].startswith("-") and all(re.match(r"[\w’'$€£%.-]+$", w) for w in words):
        return " ".join(words)
    return ""


def _changed(tail: str) -> str:
    m = re.search(r"(?:^|\s)((?:[\w’'-]+\s+){1,4}?)(?P<verb>rose|fell|grew|increased|decreased|dropped|climbed|"
                  r"jumped|declined|reached|hit|totalled|totaled)\s+(?P<by>to|by)?\s*(?:about\s+|nearly\s+|almost\s+)?$",
                  tail)
    if not m:
        return ""
    change = _CHANGE.get(m.group("verb"))
    phrase = _noun_phrase(m.group(1).split(), article=bool(change))
    if phrase and change and m.group("by") != "to":
        return f"{change} in {' '.join(phrase)}"  # "the budget rose by 15%": "rise in the budget"
    return " ".join(phrase)


def _from_to(tail: str) -> str:
    m = re.search(r"(?:^|\s)((?:[\w’'-]+\s+){1,4}?)from\s+\S*\d\S*(?:\s+(?:thousand|million|billion|[a-z]+))?\s+to\s+$",
                  tail)
    return " ".join(_noun_phrase(m.group(1).split())) if m else ""


def _done_to(tail: str, figure: FigureMention) -> str:
    """What happened to the counted: "killed more than 1,700 people" gives "people killed"."""
    if figure.kind != "count" or not figure.unit:
        return ""
    m = re.search(r"(?:^|\s)(?P<verb>[a-z]+ed)\s+(?:more than\s+|about\s+|nearly\s+|almost\s+|up to\s+|over\s+|"
                  r"some\s+|at least\s+|an estimated\s+)?$", tail)
    if m is None or m.group("verb") in _NOT_OPENING:
        return ""
    return f"{figure.unit} {m.group('verb')}"


def _done_by(tail: str) -> str:
    m = re.search(r"(?:^|\s)(?P<who>(?:[A-Z][\w’'.-]*\s+){1,3}|(?:the|its|their)\s+[a-z]+\s+)"
                  r"(?:has\s+|have\s+|had\s+)?(?P<verb>[a-z]+ed)\s+"
                  r"(?:about\s+|around\s+|nearly\s+|some\s+|up to\s+|an additional\s+|a further\s+|an?\s+|the\s+)?$",
                  tail)
    if m is None or m.group("verb") in _NOT_OPENING:
        return ""
    who = m.group("who").split()
    if who[0] in ("The", "A", "An"):
        who[0] = "the"
    return f"{m.group('verb')} by {' '.join(who)}"  # "Congress appropriated $1.2 billion"


_TIME_WORDS = frozenset("a an the per year years month months week weeks day days annually annual each every by "
                        "in of last next this ago recent previous".split())


def _says_something(label: str) -> bool:
    """Whether a label names something: a word that is neither a time, a number nor a function word."""
    words = label.split()
    return len(words) >= 2 and any(len(w) > 2 and w.lower() not in _TIME_WORDS and not re.search(r"\d", w)
                                   for w in words)


_CHANGE = {"rose": "rise", "fell": "fall", "grew": "growth", "increased": "increase", "decreased": "decrease",
           "dropped": "drop", "climbed": "rise", "jumped": "jump", "declined": "decline"}


def _of_phrase(before: list[str]) -> str:
    """The noun phrase a figure completes with "of" or "worth": "*the tariff rate* of 50%"."""
    m = re.search(r"(?:^|\s)((?:[\w’'-]+\s+){1,6}?)(?:of|at|totall?ing|worth)\s+(?:about\s+|around\s+|nearly\s+|"
                  r"almost\s+|some\s+|over\s+|more than\s+|up to\s+|an estimated\s+|approximately\s+)?$",
                  " ".join(before[-_GIST_WORDS - 2:]) + " ")
    if not m:
        return ""
    phrase = _noun_phrase(m.group(1).split())
    if not phrase or phrase[-1].lower() in _DANGLING or phrase[-1].lower() in _QUANTITY_WORDS:
        return ""  # "for a maximum of two hours" says how much, not of what
    return " ".join(phrase)


_QUANTITY_WORDS = frozenset("maximum minimum total average sum period span term length amount number".split())


_INSIDE_NOUN_PHRASE = frozenset({"on", "in", "of", "for"})  # "tariff on refined copper"


def _noun_phrase(words: list[str], article: bool = False) -> list[str]:
    """The words after the last verb, conjunction or preposition: "gets *a basic annual salary*"."""
    kept: list[str] = []
    for word in reversed(words):
        low = word.lower()
        if low == "by" and kept and re.fullmatch(r"(?:19|20)\d\d", kept[0]):
            kept.insert(0, word)  # "the investment the corridor needs by 2030"
            continue
        if (low in _PREPOSITIONS and low not in _INSIDE_NOUN_PHRASE) or low in _NOT_OPENING or _GIST_STOP.match(word) \
                or not re.match(r"[\w’'-]+$", word):
            break
        kept.insert(0, word)
    while kept and (kept[0].lower() in _PREPOSITIONS or (kept[0].endswith("ing") and len(kept) > 1)):
        kept = kept[1:]  # "weighing loans": "loans"
    opening = re.match(r"(?:(?:last|this|next|each) (?:year|month|week)|in (?:19|20)\d\d|so far|now) ",
                       " ".join(kept).lower())
    if opening:
        kept = kept[len(opening.group().split()):]  # "Last year the budget": "the budget"
    while kept and kept[0].lower() in ("a", "an", "the") and not (article and kept[0].lower() == "the"):
        kept = kept[1:]
    return kept
