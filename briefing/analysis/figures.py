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
_TIME_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day",
               "decade": "decade", "hour": "hour", "century": "century", "centurie": "century"}
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
_TIME = r"(?P<unit>years?|months?|weeks?|days?|decades?|hours?|century|centuries)"

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
            if kind == "count":
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
    return sorted(chosen, key=lambda f: f.start)


# Words that end the noun phrase a figure belongs to.
_GIST_STOP = re.compile(
    r"^(?:was|were|is|are|be|been|has|have|had|will|would|could|can|may|might|should|must|"
    r"that|which|who|and|but|or|to|as|by|while|when|after|before|than|since|because|said|says)$",
    re.IGNORECASE,
)
_GIST_WORDS = 6
_PREPOSITIONS = frozenset("in on at by since until from over during within after before to for of with".split())
# Words a few-word label must not end on.
_DANGLING = frozenset("of on in for the a an with at from to by and or as than over under about".split())


def gist(figure: FigureMention, text: str) -> str:
    """A few words that say what ``figure`` counts, taken from ``text``.

    The words after the figure up to the end of its phrase ("99-year
    *cooperation agreement on the Zangazur Corridor*"); when nothing follows
    inside the clause, the words before it ("the budget rose by *15%*" gives
    "the budget rose").  Never ending on "of", "and" or the like; empty when
    the sentence offers nothing better.
    """
    after = re.split(r"[,;:.!?()\u2013\u2014]", text[figure.end:], maxsplit=1)[0].split()
    words: list[str] = []
    for word in after:
        if _GIST_STOP.match(word) or len(words) == _GIST_WORDS:
            break
        words.append(word)
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    if words and words[0].lower() not in _PREPOSITIONS:
        return " ".join(words)
    before = re.split(r"[,;:.!?()\u2013\u2014]", text[:figure.start])[-1].split()[-_GIST_WORDS:]
    while before and before[-1].lower() in _DANGLING:  # "for a maximum of": "for a maximum"
        before.pop()
    if not before or before[0].lower() in _PREPOSITIONS:  # "over the past", "to the Boeing 777": says nothing
        return ""
    return " ".join(before)
